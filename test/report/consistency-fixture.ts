// Observed-consistency data for the rendering tests, made deterministically (seeded) on top of the committed
// clean stub run: the reads that run made (its DescribeView, ListViews, ListViewVersions, SearchViews and
// ListTagsForResource calls), judged twice —
// - as the stub answers them: every write visible at once (0 stale reads, so the parity note);
// - as an eventually consistent emulator with a 2 s window would: 30 % of writes become visible after an
//   exponential lag (mean 250 ms), so reads sent soon after a write are sometimes stale (about 1 in 4 below
//   50 ms, a few below 500 ms) and nearly all are fresh after 1 s; each stale answer is re-read with
//   doubling backoff (25 ms, 50 ms, …, the window's end at the latest) until it catches up.
import type { ConsistencyObservations, ConsistencyRead } from '../../src/harness/consistency-observations'
import { summariseConsistency } from '../../src/report/consistency-summary'
import { targetId } from '../../src/report/json-report'
import type { ConformanceReport, TargetReport } from '../../src/report/report-types'
import { seededRandom } from '../../src/stub/faults' // mulberry32: the same fixture on every machine

/** Observations with defaults (eventual, 5 s window, nothing recorded) and the given parts. */
export const obs = (o: Partial<ConsistencyObservations>): ConsistencyObservations => ({
  model: 'eventual',
  windowMs: 5000,
  reads: [],
  convergences: [],
  recheckCalls: 0,
  ...o,
})

/** n reads that reflected the newest write, sent sinceWriteMs after it. */
export const fresh = (n: number, sinceWriteMs = 10, operation = 'DescribeView'): ConsistencyRead[] =>
  Array.from({ length: n }, () => ({ operation, sinceWriteMs, stale: false }))

const READS = ['DescribeView', 'ListViews', 'ListViewVersions', 'SearchViews', 'ListTagsForResource'] as const

/** Time since the last write: log-normal, median 120 ms (a paced property run), a tail past 5 s. */
function sinceWrite(rand: () => number): number | undefined {
  if (rand() < 0.08) return undefined // the first reads of a sequence, before any write
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
  return Math.round(120 * Math.exp(1.4 * z))
}

export function observedReads(
  t: TargetReport,
  seed: number,
): { operation: string; sinceWriteMs: number | undefined }[] {
  const rand = seededRandom(seed)
  return READS.flatMap((op) =>
    Array.from({ length: t.stats.byOperation[op] ?? 0 }, () => ({ operation: op, sinceWriteMs: sinceWrite(rand) })),
  )
}

export function strongObservations(t: TargetReport, seed = 7): ConsistencyObservations {
  return {
    model: 'eventual',
    windowMs: 5000,
    reads: observedReads(t, seed).map((r) => ({ ...r, stale: false })),
    convergences: [],
    recheckCalls: 0,
  }
}

export function eventualObservations(t: TargetReport, seed = 7, windowMs = 2000): ConsistencyObservations {
  const rand = seededRandom(seed * 31 + 1)
  const reads: ConsistencyRead[] = []
  const convergences: ConsistencyObservations['convergences'] = []
  let recheckCalls = 0
  for (const r of observedReads(t, seed)) {
    const lag = rand() < 0.3 ? Math.min(windowMs, -250 * Math.log(1 - rand())) : 0
    const stale = r.sinceWriteMs !== undefined && r.sinceWriteMs < lag
    reads.push({ ...r, stale })
    if (!stale) continue
    let waited = 0
    // the last re-read at the window's end at the latest: by then the write is visible (lag ≤ window)
    for (let backoff = 25; waited < lag - r.sinceWriteMs!; backoff *= 2) {
      waited = Math.min(windowMs, waited + backoff)
      recheckCalls++
    }
    convergences.push({ operation: r.operation, ms: waited, converged: true })
  }
  return { model: 'eventual', windowMs, reads, convergences, recheckCalls }
}

/** The target with observations, summarised the way finishTarget does (its other derived parts kept as committed). */
function withObservations(t: TargetReport, over: Partial<TargetReport>, obs: ConsistencyObservations): TargetReport {
  const u = { ...t, ...over }
  return { ...u, id: targetId(u), consistencyObservations: obs, consistency: summariseConsistency(obs, u) }
}

/**
 * A matrix of the clean stub run (strongly consistent, with the parity note) and the same run against an
 * eventually consistent emulator (2 s window), both passing.
 */
export function consistencyReport(clean: ConformanceReport): ConformanceReport {
  const t = clean.targets[0]!
  return {
    ...clean,
    targets: [
      withObservations(t, {}, strongObservations(t)),
      withObservations(t, { kind: 'endpoint', label: 'endpoint http://127.0.0.1:8780' }, eventualObservations(t)),
    ],
  }
}
