// Live-sized runs, measured without AWS: every job gets its own live-like stub server (src/stub/live-like.ts:
// per-API token buckets of 2 requests/s, burst 5, 429 beyond; 60±20 ms latency — one server = one account)
// and runs the property set over HTTP with a time budget. Shapes:
//   engine  — `conformance run` itself (default): the per-API limiter, the coverage plan and the Pact contracts
//             first, then the exploring properties on lanes, budget by quirk yield
//   global  — the old limiter, properties only: one 2 requests/s bucket (burst 5) for every call
//   per-api — properties only: src/targets/rate-limiter.ts, budget split evenly (what is left ÷ properties left)
// Figures: calls per second achieved vs the service's allowance, the 429 share (counted by the server: every
// 429 it answered, the Pact verifier's included, overall and per API — on a shared account each is one the
// account's own traffic could have drawn), Pact interactions verified (engine), documented rules exercised,
// and the quirk catalogue's kill rate (a quirk is killed when a property fails on a real rule; a failure of
// the harness itself is not a kill, and on the clean stub it is listed separately from false positives).
// Jobs are wall-clock bound (they sleep on the rate limit), so they run `--parallel` at a time.
// Usage: npm run bench:live -- [--budgets 60,180] [--seeds 2] [--shapes engine,global,per-api] [--parallel 12]
//                             [--rate-share 0.25] [--lanes n] [--quirks a,b] [--json out/bench/live.json] [--md out/bench/live.md]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { EventHandler } from '../src/engine/events'
import { runWithStandardHandlers } from '../src/presentation/standard-handlers'
import { runSettings } from '../src/engine/run-settings'
import type { ConformanceReport } from '../src/report/report-types'
import { settingSource } from '../src/settings'
import { ALL_PROPERTIES } from '../src/engine/property-registry'
import { QUIRK_NAMES } from '../src/model/quirks'
import { OPERATIONS, RULES, type OperationName } from '../src/spec'
import { startStubServer, throttlingErrorOf } from '../src/stub'
import { LIVE_LIKE_DEFAULTS } from '../src/stub/live-like'
import { createTarget } from '../src/targets/create-target'
import { AssertionLedger } from '../src/harness/assertions'
import { checkRetriedAnswers } from '../src/harness/checks'
import type { LimiterSettings } from '../src/targets/rate-limiter'
import { asInteger } from '../src/settings'
import { benchArgs } from './support/bench-args'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['budgets', 'seeds', 'shapes', 'parallel', 'quirks', 'json', 'md', 'rate-share', 'lanes'])
const BUDGETS_S = args
  .list('budgets', ['60', '180'])
  .map((b) => asInteger({ value: b, source: '--budgets' }, 1, 86_400))
const SEEDS = args.int('seeds', 2)
const SHAPES = args.list('shapes', ['engine']) as Shape[]
/** The engine's --rate-share (absent: the endpoint default, 1). */
const RATE_SHARE = args.text('rate-share')
/** The engine's --lanes (absent: its default). */
const LANES = args.text('lanes')
const PARALLEL = args.int('parallel', 12)
const QUIRKS = args.text('quirks') === 'none' ? [] : args.list('quirks', QUIRK_NAMES)
const PROPERTIES = ALL_PROPERTIES.filter((p) => p.id !== 'contracts')
/** The engine runs everything `conformance run` runs, the Pact contracts included. */
const ENGINE_PROPERTIES = ALL_PROPERTIES
const UNBOUNDED_RUNS = 1_000_000
const OPS = Object.keys(OPERATIONS) as OperationName[]

// engine: `conformance run` itself (src/engine/run.ts) with --tps 2 --burst 5: the per-API limiter plus
// what the engine adds (exploring properties on 4 lanes at once, budget leaning toward quirks per call)
type Shape = 'global' | 'per-api' | 'engine'
const LIMITERS: Record<Exclude<Shape, 'engine'>, LimiterSettings> = {
  global: { shape: 'global', tps: 2, burst: 5 },
  'per-api': { shape: 'per-api', tps: 2, burst: 5 },
}

interface Job {
  shape: Shape
  budgetS: number
  seed: number
  quirk?: string
}
interface JobResult extends Job {
  wallMs: number
  calls: number
  throttled: number
  /** Requests the server answered (the Pact verifier's and its states' included). */
  served: number
  /** 429s the server answered, per operation. */
  throttledByOperation: Record<string, number>
  /** Engine: Pact interactions verified, and asserted in this mode. */
  pactVerified?: number
  pactAsserted?: number
  serverErrors: number
  byOperation: Partial<Record<OperationName, number>>
  /** property:rule of the first real failure, and its message (first line). */
  failedOn?: string
  failureMessage?: string
  /** harness failures (not verdicts on the target), e.g. a budget that ended a property mid-run */
  harnessFailures: string[]
  sequences: number
  commands: number
  /** Properties that ended without a verdict (the budget ran out before an assertion executed). */
  inconclusive: number
  /** The coverage plan (the first property): calls and wall time it took. */
  planCalls?: number
  planMs?: number
  /** Documented rules an executed assertion checked by the end of the plan, and by the end of the run. */
  planDocumented?: string[]
  runDocumented: string[]
}

const DOCUMENTED = RULES.filter((r) => r.confidence === 'documented').map((r) => r.id)

/** A live-like stub server that counts the 429s it answers per operation (whatever the code under test counts). */
async function liveLikeServer(job: Job) {
  const server = await startStubServer({
    coreOptions: { faults: { liveLike: {}, seed: job.seed }, modelOptions: { quirks: job.quirk ? [job.quirk] : [] } },
  })
  const throttledByOperation: Record<string, number> = {}
  const faults = server.core.faults
  const decide = faults.decide.bind(faults)
  faults.decide = (op: OperationName) => {
    const d = decide(op)
    // the throttling classes are the only errors the live-like buckets answer (status 429)
    if (d.error && d.error.errorName === throttlingErrorOf(op))
      throttledByOperation[op] = (throttledByOperation[op] ?? 0) + 1
    return d
  }
  const counts = () => ({
    served: server.core.counters.requests,
    throttled: Object.values(throttledByOperation).reduce((a, b) => a + b, 0),
    throttledByOperation: { ...throttledByOperation },
  })
  return { server, counts }
}

async function runJob(job: Job): Promise<JobResult> {
  if (job.shape === 'engine') return runEngineJob(job)
  const { server, counts } = await liveLikeServer(job)
  const target = await createTarget({ target: server.url, rate: LIMITERS[job.shape as Exclude<Shape, 'engine'>] })
  const started = Date.now()
  const budgetMs = job.budgetS * 1000
  let failedOn: string | undefined
  let failureMessage: string | undefined
  const harnessFailures: string[] = []
  let sequences = 0
  let commands = 0
  let inconclusive = 0
  let plan: { planCalls: number; planMs: number; planDocumented: string[] } | undefined
  // rules an executed assertion checked: each property's own, plus R23 on the 429s Target.send retried while it ran
  const exercised = new Set<string>()
  const note = (assertions: Record<string, number | undefined> = {}) => {
    const retried = new AssertionLedger()
    checkRetriedAnswers(target.takeRetriedAnswers(), retried.record)
    for (const [rule, n] of Object.entries({ ...assertions, ...retried.toRecord() }))
      if ((n ?? 0) > 0) exercised.add(rule)
  }
  const documentedSoFar = () => DOCUMENTED.filter((id) => exercised.has(id))
  try {
    for (const [i, prop] of PROPERTIES.entries()) {
      const timeLimitMs = Math.max(1, Math.floor((budgetMs - (Date.now() - started)) / (PROPERTIES.length - i)))
      let r
      try {
        r = await prop.run(target, { seed: job.seed, numRuns: UNBOUNDED_RUNS, mode: { strict: false }, timeLimitMs })
      } catch (e) {
        harnessFailures.push(`${prop.id}: ${(e as Error).message.split('\n')[0]}`)
        continue
      }
      sequences += r.numRuns
      commands += r.commandsExecuted
      note(r.assertions)
      if (prop.id === 'coverage-plan')
        plan = { planCalls: target.stats.calls, planMs: Date.now() - started, planDocumented: documentedSoFar() }
      if (r.status === 'inconclusive') inconclusive++
      if (r.status !== 'failed') continue
      if (r.failure && r.failure.rule !== 'harness') {
        failedOn ??= `${prop.id}:${r.failure.rule}`
        failureMessage ??= r.failure.message.split('\n').slice(0, 3).join(' / ').slice(0, 400)
        if (job.quirk) break // killed: the rest cannot un-kill it
      } else harnessFailures.push(`${prop.id}: ${(r.failure?.message ?? 'unknown').split('\n')[0]!.slice(0, 120)}`)
    }
  } finally {
    await target.close().catch(() => undefined)
  }
  const wallMs = Date.now() - started
  const result: JobResult = {
    ...job,
    wallMs,
    calls: target.stats.calls,
    ...counts(),
    serverErrors: target.stats.serverErrors,
    byOperation: { ...target.stats.byOperation },
    ...(failedOn ? { failedOn, failureMessage } : {}),
    harnessFailures,
    sequences,
    commands,
    inconclusive,
    ...plan,
    runDocumented: documentedSoFar(),
  }
  await server.close()
  return result
}

/** The same job as `conformance run --target <live-like stub> --tps 2 --burst 5 --time-budget …` runs it. */
async function runEngineJob(job: Job): Promise<JobResult> {
  const { server, counts } = await liveLikeServer(job)
  const out = mkdtempSync(join(tmpdir(), 'cvc-live-'))
  const settings = runSettings(
    settingSource(
      {
        target: server.url,
        tps: '2',
        burst: '5',
        seed: String(job.seed),
        timeBudget: `${job.budgetS}s`,
        only: ENGINE_PROPERTIES.map((p) => p.id).join(','),
        ...(RATE_SHARE ? { rateShare: RATE_SHARE } : {}),
        ...(LANES ? { lanes: LANES } : {}),
        report: 'json',
        out,
        regressions: join(out, 'none'),
        recordings: join(out, 'none'),
      },
      {},
    ),
  )
  const started = Date.now()
  let report: ConformanceReport | undefined
  let plan: { planCalls: number; planMs: number } | undefined
  const handler: EventHandler = {
    // the calls the server answered by the plan's end (the events carry no live target to ask)
    PropertyFinished: (e) => {
      if (e.property.id === 'coverage-plan') plan = { planCalls: counts().served, planMs: Date.now() - started }
    },
    RunFinished: (e) => {
      report = e.report
    },
  }
  const silent = { stdout: { write: () => true }, warn: () => {} }
  try {
    await runWithStandardHandlers(settings, silent, [handler])
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
  const t = report!.targets[0]!
  const failed = t.properties.filter((p) => p.status === 'failed')
  const real = failed.find((p) => p.failure && p.failure.rule !== 'harness')
  const planReport = t.properties.find((p) => p.id === 'coverage-plan')
  const pact = t.properties.find((p) => p.id === 'contracts')?.interactions ?? []
  const result: JobResult = {
    ...job,
    wallMs: Date.now() - started,
    // every call the server answered: the run's own and the Pact step's (in a child process)
    calls: counts().served,
    ...counts(),
    pactVerified: pact.filter((i) => i.status === 'passed').length,
    pactAsserted: pact.length,
    serverErrors: t.stats.serverErrors,
    byOperation: { ...t.stats.byOperation } as JobResult['byOperation'],
    ...(real
      ? {
          failedOn: `${real.id}:${real.failure!.rule}`,
          failureMessage: real.failure!.message.split('\n').slice(0, 3).join(' / ').slice(0, 400),
        }
      : {}),
    harnessFailures: failed
      .filter((p) => p !== real && p.failure?.rule === 'harness')
      .map((p) => `${p.id}: ${p.failure!.message.split('\n')[0]!.slice(0, 120)}`),
    sequences: t.properties.reduce((n, p) => n + p.numRuns, 0),
    commands: t.properties.reduce((n, p) => n + p.commandsExecuted, 0),
    inconclusive: t.properties.filter((p) => p.status === 'inconclusive').length,
    ...(plan ? { ...plan, planDocumented: DOCUMENTED.filter((id) => (planReport?.assertions?.[id] ?? 0) > 0) } : {}),
    runDocumented: t.rules.filter((r) => r.confidence === 'documented' && r.status === 'passed').map((r) => r.id),
  }
  await server.close()
  return result
}

async function pool<T, R>(
  items: T[],
  n: number,
  fn: (t: T) => Promise<R>,
  done: (r: R, i: number) => void,
): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  let finished = 0
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!)
        done(out[i]!, ++finished)
      }
    }),
  )
  return out
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)} %` : '–')

/** "30/31 (missing R22)": the fewest documented rules any clean run exercised, and which ones it missed. */
function documentedCell(runs: string[][]): string {
  if (!runs.length) return '–'
  const fewest = runs.reduce((a, b) => (b.length < a.length ? b : a))
  const missing = DOCUMENTED.filter((id) => !fewest.includes(id))
  return `${fewest.length}/${DOCUMENTED.length}${missing.length ? ` (missing ${missing.join(' ')})` : ''}`
}

/** "12 (0.4 %)": the 429s the servers answered and their share of every request they answered. */
function throttleCell(rs: JobResult[]): string {
  const throttled = sum(rs.map((r) => r.throttled))
  const served = sum(rs.map((r) => r.served))
  return `${throttled} (${served ? ((100 * throttled) / served).toFixed(2) : '0'} %)`
}

/** "24/24": the fewest Pact interactions any run verified, of those asserted. */
function pactCell(rs: JobResult[]): string {
  const runs = rs.filter((r) => r.pactAsserted !== undefined)
  if (!runs.length) return '–'
  const fewest = runs.reduce((a, b) => (b.pactVerified! < a.pactVerified! ? b : a))
  return `${fewest.pactVerified}/${fewest.pactAsserted}`
}

function tables(results: JobResult[]): string[] {
  const lines: string[] = []
  const groups = SHAPES.flatMap((shape) =>
    BUDGETS_S.map((budgetS) => ({
      shape,
      budgetS,
      rs: results.filter((r) => r.shape === shape && r.budgetS === budgetS),
    })),
  )
  lines.push(
    '| limiter | budget | clean runs | wall (median) | coverage plan: calls, wall | documented rules exercised: by the plan, by the run | calls/s (median) | APIs used | allowance of those APIs | share used | 429s (share of calls) | Pact interactions verified (fewest) | sequences (median) | false positives | harness failures | inconclusive properties |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  )
  for (const g of groups) {
    const clean = g.rs.filter((r) => !r.quirk)
    if (!clean.length) continue
    const cps = clean.map((r) => r.calls / (r.wallMs / 1000))
    const apis = median(clean.map((r) => Object.keys(r.byOperation).length))
    const allowance = apis * LIVE_LIKE_DEFAULTS.ratePerSecond
    const planned = clean.filter((r) => r.planCalls !== undefined)
    const plan = planned.length
      ? `${median(planned.map((r) => r.planCalls!))}, ${(median(planned.map((r) => r.planMs!)) / 1000).toFixed(1)} s`
      : '–'
    lines.push(
      `| ${g.shape} | ${g.budgetS} s | ${clean.length} | ${(median(clean.map((r) => r.wallMs)) / 1000).toFixed(0)} s | ${plan} | ${documentedCell(planned.map((r) => r.planDocumented!))}; ${documentedCell(clean.map((r) => r.runDocumented))} | ${median(cps).toFixed(2)} | ${apis} of ${OPS.length} | ${allowance} req/s | ${pct(median(cps), allowance)} | ${throttleCell(clean)} | ${pactCell(clean)} | ${median(clean.map((r) => r.sequences))} | ${
        clean
          .filter((r) => r.failedOn)
          .map((r) => r.failedOn)
          .join(', ') || '0'
      } | ${sum(clean.map((r) => r.harnessFailures.length))} | ${sum(clean.map((r) => r.inconclusive))} |`,
    )
  }
  lines.push(
    '',
    '| limiter | budget | quirks killed (all seeds) | quirk × seed kills | wall (median) | 429s (share of calls) | missed |',
    '|---|---:|---:|---:|---:|---:|---|',
  )
  for (const g of groups) {
    const q = g.rs.filter((r) => r.quirk)
    if (!q.length) continue
    const byQuirk = new Map<string, JobResult[]>()
    for (const r of q) byQuirk.set(r.quirk!, [...(byQuirk.get(r.quirk!) ?? []), r])
    const allSeeds = [...byQuirk.values()].filter((rs) => rs.every((r) => r.failedOn)).length
    const missed = [...byQuirk.entries()]
      .filter(([, rs]) => rs.some((r) => !r.failedOn))
      .map(([name, rs]) => `${name} (${rs.filter((r) => r.failedOn).length}/${rs.length})`)
    lines.push(
      `| ${g.shape} | ${g.budgetS} s | ${allSeeds}/${byQuirk.size} (${pct(allSeeds, byQuirk.size)}) | ${q.filter((r) => r.failedOn).length}/${q.length} (${pct(q.filter((r) => r.failedOn).length, q.length)}) | ${(median(q.map((r) => r.wallMs)) / 1000).toFixed(0)} s | ${throttleCell(q)} | ${missed.join(', ') || '–'} |`,
    )
  }
  /** One row per shape and budget, one column per API; `jobs` picks the group's jobs. */
  const perApi = (
    title: string,
    jobs: (g: (typeof groups)[number]) => JobResult[],
    cell: (rs: JobResult[], op: OperationName) => string,
  ) => {
    lines.push('', title, '', `| limiter | budget | ${OPS.join(' | ')} |`, `|---|---:|${'---:|'.repeat(OPS.length)}`)
    for (const g of groups) {
      const rs = jobs(g)
      if (rs.length) lines.push(`| ${g.shape} | ${g.budgetS} s | ${OPS.map((op) => cell(rs, op)).join(' | ')} |`)
    }
  }
  if (results.some((r) => !r.quirk))
    perApi(
      'Calls per API on the clean stub (median over seeds):',
      (g) => g.rs.filter((r) => !r.quirk),
      (rs, op) => String(median(rs.map((r) => r.byOperation[op] ?? 0))),
    )
  perApi(
    '429s per API, all jobs (clean and quirk runs), counted by the servers: 429s / calls the engine and the Pact step sent that API:',
    (g) => g.rs,
    (rs, op) => `${sum(rs.map((r) => r.throttledByOperation[op] ?? 0))}/${sum(rs.map((r) => r.byOperation[op] ?? 0))}`,
  )
  return lines
}

async function main() {
  const jobs: Job[] = []
  // longest budgets first so the pool's tail is short
  for (const budgetS of [...BUDGETS_S].sort((a, b) => b - a)) {
    for (const shape of SHAPES) {
      for (let s = 0; s < SEEDS; s++) {
        jobs.push({ shape, budgetS, seed: 1000 + s })
        for (const quirk of QUIRKS) jobs.push({ shape, budgetS, seed: 1000 + s, quirk })
      }
    }
  }
  const t0 = Date.now()
  process.stderr.write(
    `${jobs.length} jobs, ${PARALLEL} at a time, budgets ${BUDGETS_S.join('/')} s, shapes ${SHAPES.join('/')}, ${SEEDS} seed(s)\n`,
  )
  const results = await pool(jobs, PARALLEL, runJob, (r, n) =>
    process.stderr.write(
      `[${n}/${jobs.length} ${((Date.now() - t0) / 1000).toFixed(0)} s] ${r.shape} ${r.budgetS}s seed ${r.seed} ${r.quirk ?? 'clean'}: ${r.failedOn ? `${r.failedOn}${r.quirk ? '' : ` (${r.failureMessage})`}` : 'no failure'} · ${r.calls} calls in ${(r.wallMs / 1000).toFixed(1)} s, ${r.throttled} × 429${r.pactAsserted !== undefined ? ` · Pact ${r.pactVerified}/${r.pactAsserted}` : ''}${r.harnessFailures.length ? ` · harness: ${r.harnessFailures.join('; ')}` : ''}\n`,
    ),
  )
  const lines = [
    `Live-like stub (per-API buckets ${LIVE_LIKE_DEFAULTS.ratePerSecond} req/s, burst ${LIVE_LIKE_DEFAULTS.burst}, latency ${LIVE_LIKE_DEFAULTS.latencyMs}±${LIVE_LIKE_DEFAULTS.jitterMs} ms), over HTTP, default mode${RATE_SHARE ? `, --rate-share ${RATE_SHARE}` : ''}, ${SEEDS} seed(s), ${PARALLEL} jobs in parallel; ${((Date.now() - t0) / 60_000).toFixed(1)} min in all.`,
    '',
    ...tables(results),
  ]
  console.log(lines.join('\n'))
  const json = args.text('json')
  if (json) {
    mkdirSync(dirname(json), { recursive: true })
    writeFileSync(json, JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2))
  }
  const md = args.text('md')
  if (md) {
    mkdirSync(dirname(md), { recursive: true })
    writeFileSync(md, lines.join('\n') + '\n')
  }
}

await main()
