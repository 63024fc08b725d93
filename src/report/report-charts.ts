// The conformance report's pictures, built from the report with the generic charts in charts.ts: rule
// status × target, operation × declared error coverage (one map per target), calls per operation, and the
// observed consistency's visibility curve (one per target that has observations).
import { barChart, heatMap, shareChart, type HeatCell } from './charts'
import { duration } from './consistency-summary'
import { INELIGIBLE_ERRORS } from './error-coverage'
import type { ConformanceReport, RuleStatus, TargetReport } from './report-types'

const RULE: Record<RuleStatus, HeatCell> = {
  passed: { text: '✔', tone: 'pass', hover: 'pass' },
  failed: { text: '✘', tone: 'fail', hover: 'FAIL' },
  'not-exercised': { text: '?', tone: 'gap', hover: 'not exercised' },
  'not-asserted-in-this-mode': { text: '–', tone: 'muted', hover: 'not asserted in this mode' },
}

export function ruleStatusChart(r: ConformanceReport): string {
  const rules = r.catalogue.rules
  return heatMap({
    id: 'chart-rules',
    title: 'Rule status per target',
    desc: `${rules.length} catalogued rules (columns) for ${r.targets.length} target(s) (rows): pass, FAIL, not exercised or not asserted in the mode.`,
    rows: r.targets.map((t) => t.id),
    cols: rules.map((x) => x.id),
    cellW: 21,
    rotate: true,
    cell: (i, j) => {
      const st = r.targets[i]!.rules.find((x) => x.id === rules[j]!.id)?.status
      return st
        ? { ...RULE[st], hover: `${RULE[st].hover} (${rules[j]!.confidence}) — ${rules[j]!.statement}` }
        : undefined
    },
    legend: [
      { tone: 'pass', text: '✔', label: 'pass' },
      { tone: 'fail', text: '✘', label: 'FAIL' },
      { tone: 'gap', text: '?', label: 'not exercised' },
      { tone: 'muted', text: '–', label: 'not asserted in this mode' },
    ],
  })
}

/** "ServiceQuotaExceededException" → "ServiceQuotaExceeded": the suffix is on every column. */
const short = (error: string) => error.replace(/Exception$/, '')

export function coverageCharts(r: ConformanceReport): string[] {
  const ops = r.catalogue.operations
  const errors = [...new Set(ops.flatMap((o) => o.declaredErrors))]
  return r.targets.map((t, k) =>
    heatMap({
      id: `chart-coverage-${k}`,
      title: `Declared errors produced — ${t.id}`,
      desc: `For each operation (rows) and declared error (columns): how often ${t.id} produced it, never, or not inducible against a correct service.`,
      rows: ops.map((o) => o.name),
      cols: errors.map(short),
      cellW: 34,
      rotate: true,
      cell: (i, j) => {
        const op = ops[i]!
        const error = errors[j]!
        if (!op.declaredErrors.includes(error)) return { text: '', tone: 'none', hover: 'not declared' }
        const cov = t.coverage.find((c) => c.operation === op.name)
        if (cov?.implementation === 'not-implemented')
          return { text: 'n/a', tone: 'fail', hover: 'operation not implemented' }
        const n = cov?.declared.find((d) => d.error === error)?.count ?? 0
        if (n > 0) return { text: String(n), tone: 'pass', hover: `produced ${n}×` }
        const why = INELIGIBLE_ERRORS[error]
        return why
          ? { text: 'n/i', tone: 'hatch', hover: `never: ${why}` }
          : { text: '·', tone: 'gap', hover: 'never: not triggered by this run' }
      },
      legend: [
        { tone: 'pass', text: '3', label: 'produced (count)' },
        { tone: 'gap', text: '·', label: 'never triggered' },
        { tone: 'hatch', text: 'n/i', label: 'not inducible' },
        { tone: 'none', text: '', label: 'not declared' },
      ],
    }),
  )
}

export function callsChart(r: ConformanceReport): string {
  const ops = r.catalogue.operations.map((o) => o.name)
  const withSucceeded = r.targets.some((t) => t.coverage.some((c) => c.succeeded !== undefined))
  const several = r.targets.length > 1
  const series = r.targets.flatMap((t, k) => {
    const calls = {
      name: several ? `${t.id}: calls` : 'calls',
      short: several ? `T${k + 1}` : 'calls',
      values: ops.map((op) => t.stats.byOperation[op] ?? 0),
    }
    if (!withSucceeded) return [calls]
    return [
      calls,
      {
        name: several ? `${t.id}: succeeded` : 'succeeded',
        short: several ? `T${k + 1} ok` : 'ok',
        values: ops.map((op) => t.coverage.find((c) => c.operation === op)?.succeeded ?? 0),
        tone: 'pass' as const,
      },
    ]
  })
  return barChart({
    id: 'chart-calls',
    title: 'API calls per operation',
    desc: `Calls each target received per operation${withSucceeded ? ', and how many succeeded' : ''}.`,
    categories: ops,
    series,
    barMax: 360,
  })
}

/**
 * PBS-style t-visibility: the share of reads that reflected the latest acknowledged write (y, 0–100 %)
 * against the time since that write (x, buckets), with the convergence window marked.
 */
export function consistencyChart(t: TargetReport, k: number): string {
  const c = t.consistency!
  const buckets = c.visibility
  const w = buckets.findIndex((b) => c.windowMs >= b.fromMs && (b.toMs === undefined || c.windowMs < b.toMs))
  const b = buckets[w]
  const at = b ? w + (b.toMs === undefined ? 0 : (c.windowMs - b.fromMs) / (b.toMs - b.fromMs)) : undefined
  const timed = buckets.reduce((n, x) => n + x.reads, 0)
  return shareChart({
    id: `chart-consistency-${k}`,
    title: `Reads reflecting the latest write — ${t.id}`,
    desc:
      `Of the ${timed} reads ${t.id} answered after a write, the share that already reflected the newest acknowledged write, ` +
      `by time since that write. ${c.verdict}.`,
    categories: buckets.map((x) => x.label),
    values: buckets.map((x) => x.share),
    notes: buckets.map((x) => `n = ${x.reads.toLocaleString('en-US')}`),
    notesHeader: 'reads',
    xTitle: 'time since the write',
    yTitle: 'reads reflecting the write',
    ...(at !== undefined && c.model === 'eventual' ? { marker: { at, label: `window ${duration(c.windowMs)}` } } : {}),
  })
}
