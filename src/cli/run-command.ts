// `conformance run`: replay the committed regression bundles, run the selected properties against the
// target, write a replay bundle per failure and every requested report (also when something failed or
// the run was interrupted), print the closing summary, and answer with the exit code.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { bundleFiles, bundleFromResult, writeBundle } from '../harness/replay'
import type { PropertyResult } from '../engine/property-types'
import { consoleSummary } from '../report/console-summary'
import { finishTarget, hasFailures, newReport, notRunProperty, propertyReport, specCatalogue, statsOf } from '../report/json-report'
import { createProgress, type ProgressStream } from '../report/progress'
import type { PropertyReport, RegressionReport } from '../report/report-types'
import { writeReports, type ReportFormat } from '../report/write-reports'
import { probeImplementation } from '../targets/implementation-probe'
import type { Target } from '../targets/target'
import { asBoolean, asDuration, asInteger, asList, asReportFormats, asShard, asString, type SettingSource } from './config'
import { EXIT, UsageError } from './exit-codes'
import { ALL_PROPERTIES, selectProperties, shardLabel, type RunnableProperty, type Shard } from '../engine/property-set'
import { loadBundle, replayLoaded } from '../engine/regression-replay'
import { instrumentTarget, RunInterrupted } from '../engine/target-instrumentation'
import { openTarget, targetArgs, targetSettings, type TargetSettings } from './target-settings'

import { CLI_COMMAND, packagePath } from '../package-files'
import { confirmedRules, DEFAULT_RECORDINGS } from './recording-commands'
import { withChoicesProfile } from './choices-profile-option'

export const DEFAULT_OUT = 'out'
/** The bundles committed with the package (found relative to it, not to the current folder). */
export const DEFAULT_REGRESSIONS = packagePath('fixtures/regressions')
/** With a time budget the budget ends a property, not a run count. */
const UNBOUNDED_RUNS = 1_000_000

export interface RunSettings extends TargetSettings {
  seed: number
  runs?: number
  timeBudgetMs?: number
  strict: boolean
  only?: string[]
  reports: ReportFormat[]
  out: string
  shard?: Shard
  path?: string
  regressions: string
  /** Folder of recordings; those made against live AWS confirm inferred rules. */
  recordings: string
  /** A calibrated choices profile: the model serves it, strict mode asserts what it settled. */
  choicesProfile?: string
}

export function runSettings(src: SettingSource, randomSeed = () => Math.floor(Math.random() * 2 ** 31)): RunSettings {
  const get = (n: string) => src.get(n)
  const runs = get('runs') ? asInteger(get('runs')!, 1, UNBOUNDED_RUNS) : undefined
  const timeBudgetMs = get('timeBudget') ? asDuration(get('timeBudget')!) : undefined
  if (runs !== undefined && timeBudgetMs !== undefined) throw new UsageError(`${get('runs')!.source} and ${get('timeBudget')!.source} exclude each other: give a run count or a time budget`)
  const only = get('only') ? [...new Set(asList(get('only')!))] : undefined
  if (only && only.length === 0) throw new UsageError(`${get('only')!.source}: needs at least one property id`)
  return {
    ...targetSettings(src),
    seed: get('seed') ? asInteger(get('seed')!, 0, 2 ** 32 - 1) : randomSeed(),
    runs, timeBudgetMs, only,
    strict: get('strict') ? asBoolean(get('strict')!) : false,
    reports: get('report') ? asReportFormats(get('report')!) : ['json', 'junit', 'md', 'html'],
    out: get('out') ? asString(get('out')!) : DEFAULT_OUT,
    shard: get('shard') ? asShard(get('shard')!) : undefined,
    path: get('path') ? asString(get('path')!) : undefined,
    regressions: get('regressions') ? asString(get('regressions')!) : DEFAULT_REGRESSIONS,
    recordings: get('recordings') ? asString(get('recordings')!) : DEFAULT_RECORDINGS,
    choicesProfile: get('choicesProfile') ? asString(get('choicesProfile')!) : undefined,
  }
}

export interface RunIo {
  stdout: ProgressStream
  /** One line on stderr. */
  warn(line: string): void
}

/**
 * The command line that re-runs a failure: the seed and fast-check's path of the shrunk counterexample
 * (one run, straight to it); without a path, the seed and as many runs as it took to fail, which draws the
 * same runs and shrinks to the same counterexample.
 */
export function reproduceLine(s: RunSettings, prop: RunnableProperty, r: PropertyResult): string {
  const budget = prop.replaysPath && r.path ? ` --path ${r.path}` : ` --runs ${Math.max(1, r.numRuns)}`
  return `${CLI_COMMAND} run ${targetArgs(s)} --only ${prop.id} --seed ${r.seed}${budget}${s.strict ? ' --strict' : ''}${s.choicesProfile ? ` --choices-profile ${s.choicesProfile}` : ''}`
}

async function replayRegressions(s: RunSettings, selected: readonly RunnableProperty[], target: Target, onVerdict: (r: RegressionReport) => void,
  stop: () => boolean): Promise<RegressionReport[]> {
  if (!existsSync(s.regressions)) return []
  const out: RegressionReport[] = []
  const chosen = new Set(selected.map((p) => p.id))
  const known = new Set(ALL_PROPERTIES.map((p) => p.id))
  // Unreadable bundles and bundles of unknown properties belong to no shard; the first shard reports them.
  const ownsOrphans = !s.shard || s.shard.index === 1
  for (const file of bundleFiles(s.regressions)) {
    if (stop()) break
    const loaded = loadBundle(file)
    const property = 'bundle' in loaded ? loaded.bundle.property : undefined
    const skip = property !== undefined && known.has(property) ? !chosen.has(property) : !ownsOrphans
    if (skip) continue
    const r = await replayLoaded(loaded, target)
    if (stop()) break // cut short by the interrupt: not a verdict
    out.push(r)
    onVerdict(r)
  }
  return out
}

export async function runCommand(s: RunSettings, io: RunIo): Promise<number> {
  const selected = selectProperties(s.only, s.shard)
  if (s.path && (selected.length !== 1 || !selected[0]!.replaysPath)) {
    throw new UsageError(`--path replays one counterexample of a property that supports it (${ALL_PROPERTIES.filter((p) => p.replaysPath).map((p) => p.id).join(', ')}): `
      + 'give exactly one such --only; other failures replay from their bundle (conformance replay <bundle>) or with --seed and --runs')
  }
  try {
    // fail before the run, not after it: reports are written at the end, whatever happened
    mkdirSync(s.out, { recursive: true })
  } catch (e) {
    throw new UsageError(`--out ${s.out}: cannot create the report folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  const target = await openTarget(s)
  const started = Date.now()
  const startedAt = new Date(started)
  // inferred rules a committed recording of live AWS confirmed are asserted as if documented
  const mode = withChoicesProfile({ strict: s.strict, confirmed: confirmedRules(s.recordings) }, s.choicesProfile)
  const progress = createProgress(io.stdout)
  const instr = instrumentTarget(target)
  let signal: NodeJS.Signals | undefined
  const onSignal = (sig: NodeJS.Signals) => {
    if (signal) {
      io.warn(`conformance: second ${sig}, quitting at once; live views of run ${target.run.runId} may be left (conformance sweep removes them)`)
      process.exit(EXIT.interrupted)
    }
    signal = sig
    instr.interrupt()
    progress.note(`${sig}: stopping; cleaning up the target and writing reports (press Ctrl-C again to quit at once)`)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  progress.note(`conformance run: ${target.label}${s.quirks.length ? ` +${s.quirks.join(' +')}` : ''} · seed ${s.seed} · mode ${s.strict ? 'strict' : 'default'} · `
    + `${selected.length} of ${ALL_PROPERTIES.length} properties${s.shard ? ` (shard ${shardLabel(s.shard)})` : ''}`
    + `${s.timeBudgetMs ? ` · time budget ${(s.timeBudgetMs / 1000).toFixed(0)} s` : s.runs ? ` · ${s.runs} runs each` : ''}`)
  const bundlesDir = join(s.out, 'bundles')
  const reports: PropertyReport[] = []
  /** Rules an executed assertion has checked so far: the budget favours properties that can check others. */
  const exercised = new Set<string>()
  let regressions: RegressionReport[] = []
  let bundles = 0
  // A crash of the harness itself still gets its reports (what ran so far), then surfaces as exit 4.
  let crash: unknown
  try {
    // which operations the target implements at all, before anything depends on them
    await probeImplementation(target, () => instr.interrupted)
    regressions = await replayRegressions(s, selected, target, (r) => progress.regression(r.file, r.verdict, r.detail), () => instr.interrupted)
    // this run's reports replace the last run's, so its bundles must too (a stale bundle reads as a new
    // failure); unless the user replays regressions from that very folder
    if (resolve(s.regressions) !== resolve(bundlesDir)) rmSync(bundlesDir, { recursive: true, force: true })
    for (const [i, prop] of selected.entries()) {
      if (instr.interrupted) {
        reports.push(notRunProperty(prop, s.seed))
        continue
      }
      instr.mark()
      progress.propertyStarted(prop.id, i, selected.length, () => instr.counters())
      const timeLimitMs = s.timeBudgetMs ? budgetShare(s.timeBudgetMs - (Date.now() - started), prop, selected.slice(i), exercised, target) : undefined
      const result = await runOne(prop, target, { seed: s.seed, numRuns: timeLimitMs ? UNBOUNDED_RUNS : s.runs, mode, path: s.path, timeLimitMs })
      const interrupted = instr.interrupted
      let bundle: string | undefined
      let replay: string | undefined
      const reproduce = reproduceLine(s, prop, result)
      if (result.status === 'failed' && !interrupted) {
        const b = bundleFromResult(result, target, mode)
        b.reproduce = reproduce
        const file = writeBundle(bundlesDir, b)
        bundles++
        bundle = relative(s.out, file)
        replay = `${CLI_COMMAND} replay ${file} ${targetArgs(s)}`
      }
      const report = propertyReport(result, { rules: prop.rules, bundle, reproduce, replay, interrupted })
      for (const [rule, n] of Object.entries(report.assertions ?? {})) if (n > 0) exercised.add(rule)
      reports.push(report)
      progress.propertyFinished(report)
    }
  } catch (e) {
    crash = e
  } finally {
    progress.stop()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    instr.restore()
    await closeTarget(target, io)
  }

  const report = newReport([finishTarget({
    kind: target.kind, label: target.label, region: target.region, instanceId: target.instanceId, quirks: s.quirks,
    mode: { strict: mode.strict, ...(mode.confirmed.size ? { confirmed: [...mode.confirmed].sort() } : {}) },
    seed: s.seed, budget: { ...(s.runs ? { runs: s.runs } : {}), ...(s.timeBudgetMs ? { timeBudgetMs: s.timeBudgetMs } : {}) },
    shards: s.shard ? [shardLabel(s.shard)] : [], startedAt: startedAt.toISOString(), durationMs: Date.now() - started,
    interrupted: !!signal, properties: reports, regressions, stats: statsOf(target.stats, target.implementation),
    ...(target.guarded ? { cleanup: { deleted: target.cleanupDeleted, failed: [...target.cleanupFailures].map(([view, error]) => ({ view, error })) } } : {}),
  }, specCatalogue())])
  const files = writeReports(s.out, report, s.reports)
  io.stdout.write(consoleSummary(report, {
    reports: files, bundles: { dir: bundlesDir, count: bundles },
    ...(signal ? { stoppedBecause: `${signal}: ${reports.filter((p) => p.status === 'not-run').length} properties not run` } : {}),
    ...(crash ? { stoppedBecause: `internal error after ${reports.length} properties (below)` } : {}),
  }) + '\n')
  if (crash) throw crash
  if (signal) return signal === 'SIGTERM' ? 143 : EXIT.interrupted
  return hasFailures(report) ? EXIT.failures : EXIT.ok
}

/** Of a live target's budget, kept back for the final cleanup and the reports. */
const CLEANUP_RESERVE = 0.05
/** At most this share of what is left is kept for bounded steps. */
const MAX_FIXED_SHARE = 0.8

/**
 * The time one property gets: what is left of the budget, shared among the properties still to run in
 * proportion to what each can still check (1 + its rules no executed assertion has checked yet), so the
 * budget goes to what is left to check rather than split evenly blind; a bounded step's estimated need is
 * kept for it first.
 */
export function budgetShare(remainingMs: number, prop: RunnableProperty, toRun: readonly RunnableProperty[], exercised: ReadonlySet<string>, target: Target): number {
  const usable = remainingMs * (target.guarded ? 1 - CLEANUP_RESERVE : 1)
  // bounded steps (contracts) get what they need first (at most 80 % of what is left, so the random properties
  // always get some); the random properties, which would use any time given, share the rest
  const kept = (need: number) => Math.min(need, usable * MAX_FIXED_SHARE)
  if (prop.fixedCostMs) return Math.max(1, Math.floor(toRun.length === 1 ? usable : kept(prop.fixedCostMs(target))))
  const reserved = kept(toRun.reduce((n, p) => n + (p.fixedCostMs?.(target) ?? 0), 0))
  const random = toRun.filter((p) => !p.fixedCostMs)
  const weight = (p: RunnableProperty) => 1 + p.rules.filter((r) => !exercised.has(r)).length
  const total = random.reduce((n, p) => n + weight(p), 0)
  return Math.max(1, Math.floor((usable - reserved) * weight(prop) / total))
}

/** A property that throws outside its own failure handling is a harness failure, not a crash of the run. */
async function runOne(prop: RunnableProperty, target: Target, opts: Parameters<RunnableProperty['run']>[1]): Promise<PropertyResult> {
  const started = Date.now()
  try {
    return await prop.run(target, opts)
  } catch (e) {
    const message = e instanceof RunInterrupted ? e.message : `harness error: ${(e as Error)?.stack ?? e}`
    return {
      property: prop.id, title: prop.title, rules: prop.rules, status: 'failed', seed: opts.seed, numRuns: 0, commandsExecuted: 0,
      durationMs: Date.now() - started, failure: { rule: 'harness', message, step: -1, commands: [], transcript: [] },
    }
  }
}

async function closeTarget(target: Target, io: RunIo): Promise<void> {
  try {
    await target.close()
  } catch (e) {
    io.warn(`conformance: cleaning up ${target.label} failed (${(e as Error).message.split('\n')[0]}); conformance sweep removes leftovers of run ${target.run.runId}`)
  }
}
