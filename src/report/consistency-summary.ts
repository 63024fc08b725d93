// "Observed consistency": what the report says about how stale a target's reads were, summarised from the raw
// observations the checker records (src/harness/consistency-observations.ts). Pure functions of the data, so
// a merged matrix (report merge: raw observations of the shards united, then summarised again) says exactly
// what one unsharded run would.
//
// The visibility curve follows the t-visibility of PBS ("probabilistically bounded staleness", Bailis et al.,
// VLDB 2012): for reads sent t after the newest acknowledged write they could have reflected, the share that
// did reflect it.
import type {
  ConsistencyConvergence,
  ConsistencyModel,
  ConsistencyObservations,
  ConsistencyRead,
} from '../harness/consistency-observations'

export const EVENTUAL_CONSISTENCY_DOC =
  'https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html'

/** A convergence-time percentile; atLeast when it falls on a wait that gave up (its time is only a lower bound). */
export interface ConvergencePoint {
  ms: number
  atLeast?: boolean
}

/** One time-since-write bucket of the visibility curve: [fromMs, toMs), the last one open-ended. */
export interface VisibilityBucket {
  label: string
  fromMs: number
  toMs?: number
  /** Reads sent that long after a write. */
  reads: number
  /** Those that reflected the newest acknowledged write. */
  fresh: number
  /** fresh / reads, 0–1; absent when no read fell in the bucket. */
  share?: number
}

export interface ConsistencySummary {
  model: ConsistencyModel
  windowMs: number
  /** strong: reads followed writes and none was stale; eventual: some was; not-observed: no read followed a write. */
  observed: 'strong' | 'eventual' | 'not-observed'
  /** One line: "observed: strongly consistent (0 stale reads in 812)". */
  verdict: string
  /** Every judged read, those sent after a write in the run, and those that saw an older state. */
  reads: number
  readsAfterWrite: number
  staleReads: number
  /** Set when the recorder kept only a sample of the reads: the per-operation table and the chart come from it. */
  sampledReads?: number
  /** Per operation, by operation name. */
  operations: { operation: string; reads: number; readsAfterWrite: number; stale: number }[]
  /** Waits for a stale answer to catch up: how many, how many caught up, and how long they took. */
  convergence: {
    waits: number
    converged: number
    notConverged: number
    p50?: ConvergencePoint
    p99?: ConvergencePoint
    max?: ConvergencePoint
  }
  visibility: VisibilityBucket[]
  /** Extra calls the re-checks cost (re-reads and retried writes). */
  recheckCalls: number
  /** An emulator with no stale read at all is stronger than AWS documents: what that means for apps tested on it. */
  parityNote?: string
}

/** Bucket edges in ms: 0–50 ms, 50–100, 100–250, 250–500, 0.5–1 s, 1–2 s, 2–5 s, > 5 s. */
const EDGES = [0, 50, 100, 250, 500, 1000, 2000, 5000] as const

function bucketLabel(from: number, to: number | undefined): string {
  if (to === undefined) return `> ${duration(from)}`
  if (to <= 1000) return from >= 500 ? `${from / 1000}–${to / 1000} s` : `${from}–${to} ms`
  return `${from / 1000}–${to / 1000} s`
}

/** "340 ms", "1.4 s", "5 s", "12 s". */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  return s < 10 ? `${Number(s.toFixed(1))} s` : `${Math.round(s)} s`
}

const count = (n: number) => n.toLocaleString('en-US')

/**
 * Nearest-rank percentile over the waits, the ones that never converged ranked last (their true time is
 * longer than any converged one: they gave up at the window); a point that lands on one is a lower bound.
 */
function percentile(sorted: readonly ConsistencyConvergence[], p: number): ConvergencePoint | undefined {
  if (!sorted.length) return undefined
  const c = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
  return c.converged ? { ms: c.ms } : { ms: c.ms, atLeast: true }
}

export function point(p: ConvergencePoint | undefined): string {
  return p ? `${p.atLeast ? '≥ ' : ''}${duration(p.ms)}` : '—'
}

function visibility(reads: readonly ConsistencyRead[]): VisibilityBucket[] {
  const buckets: VisibilityBucket[] = EDGES.map((from, i) => {
    const to = EDGES[i + 1]
    return { label: bucketLabel(from, to), fromMs: from, ...(to === undefined ? {} : { toMs: to }), reads: 0, fresh: 0 }
  })
  for (const r of reads) {
    if (r.sinceWriteMs === undefined) continue
    const t = Math.max(0, r.sinceWriteMs)
    const b = buckets.findLast((x) => t >= x.fromMs)!
    b.reads++
    if (!r.stale) b.fresh++
  }
  for (const b of buckets) if (b.reads) b.share = b.fresh / b.reads
  return buckets
}

function parityNote(kind: TargetKind): string {
  const what = kind === 'stub' ? 'The stub' : 'This emulator'
  return (
    `${what} showed every write at once, which is stronger than AWS documents: Connect is eventually consistent, ` +
    `a change may not be visible to the calls that follow it for a few seconds (${EVENTUAL_CONSISTENCY_DOC}). ` +
    'Applications tested against it never meet the races AWS can show, such as DescribeView answering ' +
    'ResourceNotFoundException right after CreateView. To meet them, serve the stub with bounded staleness ' +
    '(serve --eventual and a window).'
  )
}

export type TargetKind = 'stub' | 'endpoint' | 'aws'

export function summariseConsistency(obs: ConsistencyObservations, target: { kind: TargetKind }): ConsistencySummary {
  const ops = new Map<string, { operation: string; reads: number; readsAfterWrite: number; stale: number }>()
  let readsAfterWrite = 0
  let staleReads = 0
  for (const r of obs.reads) {
    const o = ops.get(r.operation) ?? { operation: r.operation, reads: 0, readsAfterWrite: 0, stale: 0 }
    ops.set(r.operation, o)
    o.reads++
    // a stale read is stale against a write, so it followed one even if the checker could not time it
    if (r.sinceWriteMs !== undefined || r.stale) {
      o.readsAfterWrite++
      readsAfterWrite++
    }
    if (r.stale) {
      o.stale++
      staleReads++
    }
  }
  const waits = [...obs.convergences].sort(
    (a, b) => Number(a.converged === false) - Number(b.converged === false) || a.ms - b.ms,
  )
  const converged = waits.filter((c) => c.converged).length
  const convergence: ConsistencySummary['convergence'] = {
    waits: waits.length,
    converged,
    notConverged: waits.length - converged,
  }
  if (waits.length) {
    convergence.p50 = percentile(waits, 50)
    convergence.p99 = percentile(waits, 99)
    convergence.max = percentile(waits, 100)
  }
  // past the recorder's sample the verdict's counts come from its exact totals; the tables stay the sample's
  const sampled = obs.readsTotal !== undefined && obs.readsTotal > obs.reads.length
  if (sampled) {
    staleReads = obs.staleTotal ?? staleReads
    readsAfterWrite = obs.afterWriteTotal ?? readsAfterWrite
  }
  const judged = readsAfterWrite
  const observed: ConsistencySummary['observed'] =
    judged === 0 ? 'not-observed' : staleReads === 0 ? 'strong' : 'eventual'
  const staleText = `${count(staleReads)} stale read${staleReads === 1 ? '' : 's'} in ${count(judged)}`
  let verdict: string
  if (observed === 'not-observed') verdict = 'not observed: no read followed a write'
  else if (observed === 'strong') verdict = `observed: strongly consistent (${staleText})`
  else if (convergence.notConverged)
    verdict =
      `observed: not converging, ${count(convergence.notConverged)} of ${count(waits.length)} ` +
      `wait${waits.length === 1 ? '' : 's'} still stale after ${duration(obs.windowMs)} (${staleText})`
  else if (convergence.p99)
    verdict = `observed: eventually consistent, p99 convergence ${point(convergence.p99)} (${staleText})`
  else verdict = `observed: eventually consistent (${staleText})`
  return {
    model: obs.model,
    windowMs: obs.windowMs,
    observed,
    verdict,
    reads: obs.readsTotal ?? obs.reads.length,
    ...(sampled ? { sampledReads: obs.reads.length } : {}),
    readsAfterWrite,
    staleReads,
    operations: [...ops.values()].sort((a, b) => a.operation.localeCompare(b.operation, 'en')),
    convergence,
    visibility: visibility(obs.reads),
    recheckCalls: obs.recheckCalls,
    ...(observed === 'strong' && target.kind !== 'aws' ? { parityNote: parityNote(target.kind) } : {}),
  }
}

/**
 * The observations of several parts of one column (shards of a run) as one: reads and waits united, re-check
 * calls summed. The parts of one run share model and window; should they not, the strictest model and the
 * longest window are kept and `disagree` says so (report merge warns).
 */
export function mergeConsistencyObservations(parts: readonly (ConsistencyObservations | undefined)[]): {
  observations?: ConsistencyObservations
  disagree?: string
} {
  const present = parts.filter((p): p is ConsistencyObservations => p !== undefined)
  if (!present.length) return {}
  const models = [...new Set(present.map((p) => p.model))]
  const windows = [...new Set(present.map((p) => p.windowMs))]
  const observations: ConsistencyObservations = {
    model: models.includes('strong') ? 'strong' : 'eventual',
    windowMs: Math.max(...windows),
    reads: present.flatMap((p) => p.reads),
    convergences: present.flatMap((p) => p.convergences),
    recheckCalls: present.reduce((n, p) => n + p.recheckCalls, 0),
  }
  // shards that kept only a sample of their reads say how many there were: the united count stays exact
  if (present.some((p) => p.readsTotal !== undefined)) {
    observations.readsTotal = present.reduce((n, p) => n + (p.readsTotal ?? p.reads.length), 0)
    observations.staleTotal = present.reduce((n, p) => n + (p.staleTotal ?? p.reads.filter((r) => r.stale).length), 0)
    observations.afterWriteTotal = present.reduce(
      (n, p) => n + (p.afterWriteTotal ?? p.reads.filter((r) => r.sinceWriteMs !== undefined || r.stale).length),
      0,
    )
  }
  const why: string[] = []
  if (models.length > 1) why.push(`consistency models ${models.join(' and ')}`)
  if (windows.length > 1) why.push(`convergence windows ${windows.map(duration).join(' and ')}`)
  return { observations, ...(why.length ? { disagree: why.join(', ') } : {}) }
}
