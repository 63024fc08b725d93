// The engine: one run from settings to exit code. It opens the target, probes which operations it
// implements, replays the committed regressions, runs each selected property under its share of the budget,
// cleans up, and emits typed events of plain data (events.ts) for everything that happens, the last carrying
// the report src/report/ assembles from the run's record. The engine draws and writes nothing itself: the
// handlers of src/presentation/ print progress, write bundles and reports and the summary. A crash of the harness
// still gets its reports (what ran so far), then surfaces; SIGINT/SIGTERM stop the run at the next call.
import { mkdirSync } from 'node:fs'
import { EXIT, UsageError } from '../exit-codes'
import { confirmedRules, withChoicesProfile } from '../choices/run-mode'
import { openTarget } from './open-target'
import type { Mode } from '../harness/projection'
import {
  addAssertions,
  notRunProperty,
  propertyReport,
  runReport,
  statsOf,
  type TargetCore,
} from '../report/json-report'
import type { ProgressStream } from '../report/progress'
import { describeRateLimit } from '../targets/rate-limiter'
import type { ConformanceReport, PropertyReport, RegressionReport } from '../report/report-types'
import { AssertionLedger } from '../harness/assertions'
import { checkRetriedAnswers } from '../harness/checks'
import { recordedObservations } from '../harness/consistency'
import { probeImplementation } from '../targets/implementation-probe'
import type { Target } from '../targets/target'
import { besideShare, budgetShare } from './budget'
import { EventBus, type EventHandler } from './events'
import { harnessFailure } from './harness-failure'
import type { PropertyResult, PropertyRunOptions } from '../harness/property-types'
import type { PropertyInfo } from './events'
import { ALL_PROPERTIES, selectProperties, shardLabel, type PropertyStrategy } from './property-registry'
import { PROBE_ID, probeFinding, probeReproduceLine, probeStrategy } from './probe-finding'
import { replayCommittedRegressions } from './regression-replay'
import { runExitCode } from '../expectations/exit-code'
import { reproduceLine } from './reproduce'
import { UNBOUNDED_RUNS, type RunSettings } from './run-settings'
import { instrumentTarget, RunInterrupted, type Instrumentation } from './target-instrumentation'

export interface RunIo {
  stdout: ProgressStream
  /** One line on stderr. */
  warn(line: string): void
}

/**
 * Runs the whole conformance run and answers with its exit code; `handlers` hear every event (the standard
 * ones, progress, bundles, reports and summary, are src/presentation/standard-handlers.ts).
 */
export async function runEngine(s: RunSettings, io: RunIo, handlers: readonly EventHandler[] = []): Promise<number> {
  const selected = selectProperties(s.only, s.shard)
  if (s.path && (selected.length !== 1 || !selected[0]!.replaysPath)) {
    throw new UsageError(
      `--path replays one counterexample of a property that supports it (${ALL_PROPERTIES.filter((p) => p.replaysPath)
        .map((p) => p.id)
        .join(', ')}): ` +
        'give exactly one such --only; other failures replay from their bundle (conformance replay <bundle>) or with --seed and --runs',
    )
  }
  try {
    // fail before the run, not after it: reports are written at the end, whatever happened
    mkdirSync(s.out, { recursive: true })
  } catch (e) {
    throw new UsageError(
      `--out ${s.out}: cannot create the report folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    )
  }
  const target = await openTarget(s)
  // inferred rules a committed recording of live AWS confirmed are asserted as if documented
  const mode = withChoicesProfile(
    { strict: s.strict, confirmed: confirmedRules(s.recordings), consistency: s.consistency },
    s.choicesProfile,
  )
  const run = new EngineRun(s, target, mode, io, handlers, selected)
  return run.execute()
}

/** Lanes when the settings name none: a rate-limited target gets a few, so its per-API buckets fill in parallel. */
export function defaultLanes(target: Target): number {
  return target.rateLimit ? DEFAULT_LANES : 1
}
const DEFAULT_LANES = 4

/** A property as events name it: a copy, not the strategy. */
const propertyInfo = (p: PropertyStrategy): PropertyInfo => ({ id: p.id, title: p.title, rules: p.rules })

class EngineRun {
  private readonly started = Date.now()
  private readonly instr: Instrumentation
  private readonly bus: EventBus
  private readonly reports: PropertyReport[] = []
  private regressions: RegressionReport[] = []
  private signal: NodeJS.Signals | undefined
  /** Rules an executed assertion has checked so far: the budget favours properties that can check others. */
  private readonly exercised = new Set<string>()

  constructor(
    private readonly s: RunSettings,
    private readonly target: Target,
    private readonly mode: Mode,
    private readonly io: RunIo,
    handlers: readonly EventHandler[],
    private readonly selected: readonly PropertyStrategy[],
  ) {
    this.instr = instrumentTarget(target)
    // the engine's own handler first: a bundle written for a property is linked from its report line
    this.bus = new EventBus([
      {
        BundleWritten: ({ property, relative, replay }) => {
          const failure = this.reports.find((r) => r.id === property)?.failure
          if (failure) Object.assign(failure, { bundle: relative, replay })
        },
      },
      ...handlers,
    ])
  }

  /** The instrumentation of every open lane: an interrupt must stop their calls too. */
  private readonly lanes = new Set<Instrumentation>()
  /** Properties started so far (the budget is shared among those not started yet). */
  private readonly startedIds = new Set<string>()

  private readonly onSignal = (sig: NodeJS.Signals) => {
    if (this.signal) {
      this.io.warn(
        `conformance: second ${sig}, quitting at once; live views of run ${this.target.run.runId} may be left (conformance sweep removes them)`,
      )
      process.exit(EXIT.interrupted)
    }
    this.signal = sig
    this.instr.interrupt()
    for (const lane of this.lanes) lane.interrupt()
    this.bus.emit({
      type: 'RunNote',
      line: `${sig}: stopping; cleaning up the target and writing reports (press Ctrl-C again to quit at once)`,
    })
  }

  async execute(): Promise<number> {
    process.on('SIGINT', this.onSignal)
    process.on('SIGTERM', this.onSignal)
    const { s, target } = this
    this.bus.emit({
      type: 'RunStarted',
      run: {
        seed: s.seed,
        strict: s.strict,
        quirks: [...s.quirks],
        ...(s.shard ? { shard: shardLabel(s.shard) } : {}),
        ...(s.runs ? { runs: s.runs } : {}),
        ...(s.timeBudgetMs ? { timeBudgetMs: s.timeBudgetMs } : {}),
      },
      target: {
        kind: target.kind,
        label: target.label,
        runId: target.run.runId,
        rates: describeRateLimit(target.rateLimit),
      },
      mode: this.mode,
      properties: this.selected.map(propertyInfo),
      registered: ALL_PROPERTIES.length,
    })
    let crash: unknown
    try {
      // which operations the target implements at all, before anything depends on them
      await this.probe()
      await this.replayRegressions()
      await this.runProperties()
    } catch (e) {
      crash = e
    } finally {
      process.off('SIGINT', this.onSignal)
      process.off('SIGTERM', this.onSignal)
      this.instr.restore()
      await this.closeTarget()
    }
    const report = this.report()
    const stoppedBecause = crash
      ? `internal error after ${this.reports.length} properties (below)`
      : this.signal
        ? `${this.signal}: ${this.reports.filter((p) => p.status === 'not-run').length} properties not run`
        : undefined
    this.bus.emit({ type: 'RunFinished', report, ...(stoppedBecause ? { stoppedBecause } : {}) })
    this.bus.emit({ type: 'RunClosed', report, ...(stoppedBecause ? { stoppedBecause } : {}) })
    if (crash) throw crash
    if (this.signal) return this.signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted
    return runExitCode(report)
  }

  /** The implementation probe; what it found wrong (R25: 404 pages for what does not exist) is the report's first line. */
  private async probe(): Promise<void> {
    const started = Date.now()
    const probe = await probeImplementation(this.target, () => this.instr.interrupted)
    if (probe.note) this.bus.emit({ type: 'RunNote', line: `implementation probe: ${probe.note}` })
    const result = probeFinding(probe, this.s.seed, Date.now() - started)
    if (!result) return
    const report = propertyReport(result, { rules: probeStrategy.rules, reproduce: probeReproduceLine(this.s) })
    this.finished(probeStrategy, result, report, false)
  }

  private async replayRegressions(): Promise<void> {
    await replayCommittedRegressions(
      this.s,
      this.selected,
      this.target,
      () => this.instr.interrupted,
      (regression) => {
        this.regressions.push(regression)
        this.bus.emit({ type: 'RegressionReplayed', regression })
      },
    )
  }

  /**
   * In selection order; consecutive exploring properties that are safe beside each other (`pooled`) run at
   * once, one lane each (Target.lane()), when the target has lanes and `lanes` > 1: a rate-limited target then
   * spends its per-API allowance on several APIs at a time. Everything else runs alone on the target.
   */
  private async runProperties(): Promise<void> {
    const lanes = this.target.supportsLanes ? (this.s.lanes ?? defaultLanes(this.target)) : 1
    let batch: number[] = []
    const flush = async () => {
      const queue = [...batch]
      batch = []
      await Promise.all(
        Array.from({ length: Math.min(lanes, queue.length) }, async () => {
          const lane = this.target.lane()
          const instr = instrumentTarget(lane)
          this.lanes.add(instr)
          try {
            for (let i = queue.shift(); i !== undefined; i = queue.shift())
              await this.runProperty(i, lane, instr, lanes)
          } finally {
            this.lanes.delete(instr)
            instr.restore()
            await lane.close().catch(() => {}) // what a lane could not delete, the target's final cleanup retries and reports
          }
        }),
      )
    }
    // the bounded steps first (plan, contracts): the cheapest verdicts per call are never starved by exploration;
    // on a rate-limited target they go first in line at the limiter, and the lanes explore beside them with
    // what they leave: a step that calls one API after another waits on that API's bucket alone
    const runOrder = [...this.selected.entries()].sort(([, a], [, b]) => Number(!!b.bounded) - Number(!!a.bounded))
    const besideOk = lanes > 1 && !!this.target.rateLimit && this.target.kind !== 'stub'
    let beside: Promise<void> | undefined
    // a plan that probes quotas (--probe-quotas) fills the instance up to one: nothing may create views beside it
    const alone = (p: PropertyStrategy) => !!p.bounded && this.target.probeQuotas !== undefined
    for (const [i, prop] of runOrder) {
      if (lanes > 1 && prop.pooled && !alone(prop)) {
        batch.push(i)
        continue
      }
      if (besideOk && prop.besideLanes && !beside) {
        beside = this.runProperty(i, this.target, this.instr, 1, true)
        continue
      }
      await flush()
      await this.runProperty(i, this.target, this.instr, 1)
    }
    await flush()
    await beside
    // reports in selection order, whatever order the lanes finished in
    const order = new Map([[PROBE_ID, -1], ...this.selected.map((p, i): [string, number] => [p.id, i])])
    this.reports.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
  }

  /** `beside`: it runs on the target beside the lanes (runProperties), for all that is left of the budget. */
  private async runProperty(
    index: number,
    target: Target,
    instr: Instrumentation,
    lanes: number,
    beside = false,
  ): Promise<void> {
    const { s } = this
    const prop = this.selected[index]!
    if (this.instr.interrupted) {
      this.reports.push(notRunProperty(prop, s.seed))
      return
    }
    instr.mark()
    this.startedIds.add(prop.id)
    // a bounded step's calls go before exploration's at the limiter (rate-limiter.ts)
    target.firstInLine = !!prop.bounded
    this.bus.emit({
      type: 'PropertyStarted',
      property: propertyInfo(prop),
      index,
      total: this.selected.length,
      counters: () => instr.counters(),
    })
    const toRun = this.selected.filter((p) => p === prop || !this.startedIds.has(p.id))
    const left = (s.timeBudgetMs ?? 0) - (Date.now() - this.started)
    const timeLimitMs = s.timeBudgetMs
      ? beside
        ? besideShare(left, target)
        : budgetShare(left, prop, toRun, this.exercised, target, lanes)
      : undefined
    // the budget is spent (the bounded steps ran first and took it): an exploring property would still run one
    // sequence however short its share, past the budget; it is inconclusive without starting
    const spent = s.timeBudgetMs !== undefined && !prop.bounded && Date.now() - this.started >= s.timeBudgetMs
    const result = spent
      ? this.budgetSpent(prop)
      : await this.attempt(prop, target, {
          seed: s.seed,
          numRuns: timeLimitMs ? UNBOUNDED_RUNS : s.runs,
          mode: this.mode,
          path: s.path,
          timeLimitMs,
          onAssertion: (rule, outcome) => this.bus.emit({ type: 'StepChecked', property: prop.id, rule, outcome }),
        })
    const interrupted = this.instr.interrupted
    // with the 429s Target.send retried while this property ran (each lane keeps its own), judged by the checks
    const retried = new AssertionLedger((rule, outcome) =>
      this.bus.emit({ type: 'StepChecked', property: prop.id, rule, outcome }),
    )
    checkRetriedAnswers(target.takeRetriedAnswers(), retried.record)
    const report = addAssertions(
      propertyReport(result, { rules: prop.rules, reproduce: reproduceLine(s, prop, result), interrupted }),
      retried.toRecord(),
    )
    for (const [rule, n] of Object.entries(report.assertions ?? {})) if (n > 0) this.exercised.add(rule)
    this.finished(prop, result, report, interrupted)
  }

  /** A property's report joins the run's, and its end is announced. */
  private finished(
    prop: Parameters<typeof propertyInfo>[0] & { bundles?: boolean },
    result: PropertyResult,
    report: PropertyReport,
    interrupted: boolean,
  ): void {
    this.reports.push(report)
    this.bus.emit({
      type: 'PropertyFinished',
      property: propertyInfo(prop),
      bundles: prop.bundles !== false,
      result,
      report,
      interrupted,
    })
  }

  /** A property the time budget left no time for: no verdict, and it says why. */
  private budgetSpent(prop: PropertyStrategy): PropertyResult {
    return {
      property: prop.id,
      title: prop.title,
      rules: prop.rules,
      status: 'inconclusive',
      seed: this.s.seed,
      numRuns: 0,
      commandsExecuted: 0,
      durationMs: 0,
      note: 'not started: the time budget was spent',
    }
  }

  /** A property that throws outside its own failure handling is a harness failure, not a crash of the run. */
  private async attempt(prop: PropertyStrategy, target: Target, opts: PropertyRunOptions): Promise<PropertyResult> {
    const started = Date.now()
    try {
      return await prop.run(target, opts)
    } catch (e) {
      const failure = harnessFailure(e)
      if (e instanceof RunInterrupted) failure.message = e.message
      return {
        property: prop.id,
        title: prop.title,
        rules: prop.rules,
        status: 'failed',
        seed: opts.seed,
        numRuns: 0,
        commandsExecuted: 0,
        durationMs: Date.now() - started,
        failure,
      }
    }
  }

  private async closeTarget(): Promise<void> {
    try {
      await this.target.close()
    } catch (e) {
      this.io.warn(
        `conformance: cleaning up ${this.target.label} failed (${(e as Error).message.split('\n')[0]}); conformance sweep removes leftovers of run ${this.target.run.runId}`,
      )
    }
  }

  private report(): ConformanceReport {
    return runReport(this.record())
  }

  /** What the run did, as data: the report is assembled from it (src/report/json-report.ts runReport). */
  private record(): TargetCore {
    const { s, target, mode } = this
    const observed = recordedObservations(target.root)
    return {
      kind: target.kind,
      label: target.label,
      region: target.region,
      instanceId: target.instanceId,
      quirks: s.quirks,
      mode: { strict: mode.strict, ...(mode.confirmed?.size ? { confirmed: [...mode.confirmed].sort() } : {}) },
      seed: s.seed,
      budget: { ...(s.runs ? { runs: s.runs } : {}), ...(s.timeBudgetMs ? { timeBudgetMs: s.timeBudgetMs } : {}) },
      shards: s.shard ? [shardLabel(s.shard)] : [],
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      interrupted: !!this.signal,
      properties: this.reports,
      regressions: this.regressions,
      stats: {
        ...statsOf(target.stats, target.implementation),
        ...(observed?.recheckCalls ? { consistencyRechecks: observed.recheckCalls } : {}),
      },
      ...(observed ? { consistencyObservations: observed } : {}),
      ...(s.expectations
        ? {
            expectations: {
              file: s.expectations.file,
              allowUnexpectedPass: s.allowUnexpectedPass,
              entries: s.expectations.entries,
            },
          }
        : {}),
      ...(target.guarded
        ? {
            cleanup: {
              deleted: target.cleanupDeleted,
              failed: [...target.cleanupFailures].map(([view, error]) => ({ view, error })),
            },
          }
        : {}),
    }
  }
}
