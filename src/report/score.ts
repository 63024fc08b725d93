// The conformance score of one target, in the spirit of wpt.fyi and test262.fyi: the share of documented
// rules that passed out of those the run exercised (a rule never exercised is neither credit nor debt), the
// same per operation (a rule counts for every operation it is about, src/spec/rules.ts), and how many of the
// API's operations the target implements. Derived from the report alone, so a merged column, an old report
// read by `report history` and a fresh run are scored the same way.
import { RULES } from '../spec'
import type { ConformanceScore, OperationScore, RuleReport, TargetReport } from './report-types'

const RULE_OPERATIONS: ReadonlyMap<string, readonly string[]> = new Map(RULES.map((r) => [r.id, r.operations]))

const judged = (r: RuleReport) => r.status === 'passed' || r.status === 'failed'

/** passed / exercised, absent when nothing was exercised (no score is not a score of 0). */
function share(passed: number, exercised: number): number | undefined {
  return exercised > 0 ? Math.round((passed / exercised) * 10_000) / 10_000 : undefined
}

/** Operations the target implements: the probe's verdicts, or (reports without them) all but those listed missing. */
function implementation(t: TargetReport, operations: readonly string[]): Map<string, OperationScore['implementation']> {
  const out = new Map<string, OperationScore['implementation']>()
  const probed = t.coverage.some((c) => c.implementation)
  const missing = new Set([
    ...(t.totals.operationsNotImplemented ?? []),
    ...t.coverage.filter((c) => c.implementation === 'not-implemented').map((c) => c.operation),
  ])
  for (const op of operations) {
    const c = t.coverage.find((x) => x.operation === op)
    out.set(
      op,
      missing.has(op)
        ? 'not-implemented'
        : probed
          ? (c?.implementation ?? 'not-exercised')
          : (t.stats.byOperation[op] ?? 0) > 0
            ? 'implemented'
            : 'not-exercised',
    )
  }
  return out
}

export function conformanceScore(t: TargetReport, operations: readonly string[]): ConformanceScore {
  const documented = t.rules.filter((r) => r.confidence === 'documented')
  const exercised = documented.filter(judged)
  const passed = exercised.filter((r) => r.status === 'passed')
  const impl = implementation(t, operations)
  const byOperation = operations.map((operation): OperationScore => {
    const about = exercised.filter((r) => RULE_OPERATIONS.get(r.id)?.includes(operation))
    const ok = about.filter((r) => r.status === 'passed').length
    const s = share(ok, about.length)
    return {
      operation,
      implementation: impl.get(operation)!,
      passed: ok,
      exercised: about.length,
      ...(s === undefined ? {} : { share: s }),
    }
  })
  const rulesShare = share(passed.length, exercised.length)
  return {
    rules: {
      passed: passed.length,
      exercised: exercised.length,
      documented: documented.length,
      ...(rulesShare === undefined ? {} : { share: rulesShare }),
    },
    operations: {
      implemented: byOperation.filter((o) => o.implementation === 'implemented').length,
      total: operations.length,
    },
    byOperation,
  }
}

/** "92.3%", or "—" when nothing was exercised. */
export function percent(share: number | undefined): string {
  if (share === undefined) return '—'
  const p = share * 100
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`
}

/** The one-line score every format shows on top. */
export function scoreLine(s: ConformanceScore): string {
  const rules =
    s.rules.exercised > 0
      ? `${percent(s.rules.share)} of documented rules (${s.rules.passed} of ${s.rules.exercised} exercised passed, ${s.rules.documented - s.rules.exercised} not exercised)`
      : `no documented rule exercised (0 of ${s.rules.documented})`
  return `${rules} · ${s.operations.implemented}/${s.operations.total} operations implemented`
}

/** The score of a report written before scores were stored (or any report: the stored one is the same). */
export function scoreOf(t: TargetReport, operations: readonly string[]): ConformanceScore {
  return t.score ?? conformanceScore(t, operations)
}
