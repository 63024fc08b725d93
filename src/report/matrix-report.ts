// The conformance matrix: rules × targets, properties × targets, and operation × declared error coverage.
// matrixTables() turns a report into plain tables once; the Markdown writer here and the HTML writer in
// matrix-html.ts only render them, so both formats always say the same thing. The Markdown opens with the
// verdict summary (summary-markdown.ts), which is also written alone as summary.md for CI job summaries.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { duration, point } from './consistency-summary'
import { percent } from './charts'
import { reasonNeverProduced } from './error-coverage'
import type { ConformanceReport, PropertyStatus, RuleStatus, TargetReport } from './report-types'
import { mdTable as table, summaryMarkdown } from './summary-markdown'
import { throttleShareLine } from './throttle-share'

export const SUMMARY_FILE = 'summary.md'

export type CellTone = 'pass' | 'fail' | 'muted' | 'gap' | 'plain'
export interface Cell {
  text: string
  tone: CellTone
}

export interface MatrixTables {
  title: string
  generatedAt: string
  targets: { id: string; facts: [string, string][] }[]
  rules: { id: string; statement: string; confidence: string; cells: Cell[] }[]
  properties: { id: string; title: string; cells: Cell[] }[]
  coverage: { operation: string; error: string; cells: Cell[]; reason: string }[]
  undeclared: { target: string; operation: string; error: string; count: number }[]
  regressions: { target: string; file: string; property: string; verdict: string; detail: string }[]
  /** Observed consistency of every target that recorded it. */
  consistency: ConsistencyTables[]
}

/** The observed-consistency section of one target, as text: the HTML and the Markdown render the same. */
export interface ConsistencyTables {
  target: string
  /** Index of the target in the report (the chart's id). */
  index: number
  observed: 'strong' | 'eventual' | 'not-observed'
  verdict: string
  /** Waits that gave up at the window (a write that never became visible). */
  notConverged: number
  parityNote?: string
  figures: [string, string][]
  /** Operation, reads, after a write, stale, stale share. */
  operations: string[][]
  /** Time since the write, reads, reflected the latest write, share. */
  visibility: { cells: string[]; share?: number }[]
}

export const CONSISTENCY_OPERATION_HEADER = ['Operation', 'Reads', 'After a write', 'Stale', 'Stale share']
export const CONSISTENCY_VISIBILITY_HEADER = ['Time since the write', 'Reads', 'Reflected it', 'Share']
export const CONSISTENCY_INTRO =
  'How stale the reads were: every read answer is judged against the newest acknowledged write it could have ' +
  'reflected; a stale one (legal within the convergence window under the eventual model) is re-read until it catches up.'

const share = (part: number, whole: number) => (whole ? percent(part / whole) : '—')

function consistencyTables(t: TargetReport, index: number): ConsistencyTables | undefined {
  const c = t.consistency
  if (!c) return undefined
  const v = c.convergence
  const n = (x: number) => x.toLocaleString('en-US')
  const figures: [string, string][] = [
    ['model', c.model === 'eventual' ? `eventual, window ${duration(c.windowMs)}` : 'strong (instant verdicts)'],
    [
      'reads',
      `${n(c.reads)} judged, ${n(c.readsAfterWrite)} after a write, ${n(c.staleReads)} stale (${share(c.staleReads, c.readsAfterWrite)})`,
    ],
    ...(v.waits
      ? ([
          ['convergence', `p50 ${point(v.p50)} · p99 ${point(v.p99)} · max ${point(v.max)}`],
          [
            'waits',
            `${n(v.converged)} of ${n(v.waits)} converged, ${n(v.notConverged)} still stale after ${duration(c.windowMs)}`,
          ],
        ] as [string, string][])
      : ([['convergence', 'nothing to wait for (no stale answer)']] as [string, string][])),
    ['re-check calls', n(c.recheckCalls)],
    ...(c.sampledReads
      ? ([['sample', `the tables and the chart show a sample of ${n(c.sampledReads)} of the ${n(c.reads)} reads`]] as [
          string,
          string,
        ][])
      : []),
  ]
  return {
    target: t.id,
    index,
    observed: c.observed,
    verdict: c.verdict,
    notConverged: v.notConverged,
    ...(c.parityNote ? { parityNote: c.parityNote } : {}),
    figures,
    operations: c.operations.map((o) => [
      o.operation,
      n(o.reads),
      n(o.readsAfterWrite),
      n(o.stale),
      share(o.stale, o.readsAfterWrite),
    ]),
    visibility: c.visibility.map((b) => ({
      cells: [b.label, n(b.reads), n(b.fresh), b.share === undefined ? '—' : percent(b.share)],
      ...(b.share === undefined ? {} : { share: b.share }),
    })),
  }
}

const RULE_CELL: Record<RuleStatus, Cell> = {
  passed: { text: '✔ pass', tone: 'pass' },
  failed: { text: '✘ FAIL', tone: 'fail' },
  'not-asserted-in-this-mode': { text: 'not asserted', tone: 'muted' },
  'not-exercised': { text: 'not exercised', tone: 'gap' },
}

const PROPERTY_CELL: Record<PropertyStatus, Cell> = {
  passed: { text: '✔ pass', tone: 'pass' },
  failed: { text: '✘ FAIL', tone: 'fail' },
  interrupted: { text: 'interrupted', tone: 'gap' },
  inconclusive: { text: 'inconclusive (budget)', tone: 'gap' },
  'not-run': { text: 'not run', tone: 'muted' },
}

const ABSENT: Cell = { text: '', tone: 'muted' }

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

function facts(t: TargetReport): [string, string][] {
  return [
    ['kind', t.kind],
    ['region / instance', `${t.region} / ${t.instanceId}`],
    ['seed', String(t.seed)],
    ['mode', t.mode.strict ? 'strict (documented + inferred rules)' : 'default (documented rules)'],
    ['quirks', t.quirks.join(', ') || 'none'],
    ['shards', t.shards.join(', ') || 'unsharded'],
    ['operations exercised', `${t.totals.operationsExercised}/${t.totals.operations}`],
    ['sequences / commands', `${t.totals.sequences} / ${t.totals.commands}`],
    ['API calls (throttle retries, 5xx)', `${t.stats.calls} (${t.stats.throttleRetries}, ${t.stats.serverErrors})`],
    ...(throttleShareLine(t.stats) ? [['throttled (429)', throttleShareLine(t.stats)!] as [string, string]] : []),
    ['wall time', seconds(t.durationMs) + (t.interrupted ? ' (interrupted)' : '')],
  ]
}

export function matrixTables(report: ConformanceReport): MatrixTables {
  const ts = report.targets
  const propertyIds = [...new Set(ts.flatMap((t) => t.properties.map((p) => p.id)))]
  const titles = new Map(ts.flatMap((t) => t.properties.map((p) => [p.id, p.title] as const)))
  const coverage: MatrixTables['coverage'] = []
  for (const op of report.catalogue.operations) {
    for (const error of op.declaredErrors) {
      const counts = ts.map(
        (t) => t.coverage.find((c) => c.operation === op.name)?.declared.find((d) => d.error === error)?.count ?? 0,
      )
      coverage.push({
        operation: op.name,
        error,
        cells: counts.map((n) =>
          n > 0 ? { text: String(n), tone: 'pass' as const } : { text: 'never', tone: 'gap' as const },
        ),
        reason: counts.some((n) => n === 0) ? reasonNeverProduced(error) : '',
      })
    }
  }
  return {
    title: `Connect Views conformance matrix (${ts.map((t) => t.id).join(' · ') || 'no targets'})`,
    generatedAt: report.generatedAt,
    targets: ts.map((t) => ({ id: t.id, facts: facts(t) })),
    rules: report.catalogue.rules.map((r) => ({
      id: r.id,
      statement: r.statement,
      confidence: r.confidence,
      cells: ts.map((t) => {
        const v = t.rules.find((x) => x.id === r.id)
        return v ? RULE_CELL[v.status] : ABSENT
      }),
    })),
    properties: propertyIds.map((id) => ({
      id,
      title: titles.get(id) ?? id,
      cells: ts.map((t) => {
        const p = t.properties.find((x) => x.id === id)
        if (!p) return ABSENT
        const c = PROPERTY_CELL[p.status]
        return p.failure && p.status === 'failed' ? { text: `${c.text} ${p.failure.rule}`, tone: c.tone } : c
      }),
    })),
    coverage,
    undeclared: ts.flatMap((t) =>
      t.coverage.flatMap((c) =>
        c.undeclared.map((u) => ({ target: t.id, operation: c.operation, error: u.error, count: u.count })),
      ),
    ),
    regressions: ts.flatMap((t) =>
      t.regressions.map((g) => ({
        target: t.id,
        file: g.file,
        property: g.property,
        verdict: g.verdict,
        detail: g.detail,
      })),
    ),
    consistency: ts.flatMap((t, k) => consistencyTables(t, k) ?? []),
  }
}

/** A share as ten blocks, for Markdown where no chart is drawn: "█████████░ 94.2 %". */
function shareBar(cells: string[], v: number | undefined): string {
  if (v === undefined) return cells[3]!
  const full = Math.floor(v * 10)
  return `${'█'.repeat(full)}${'░'.repeat(10 - full)} ${cells[3]}`
}

function consistencyMarkdown(m: MatrixTables): string[] {
  if (!m.consistency.length) return []
  const out = ['## Observed consistency', '', CONSISTENCY_INTRO, '']
  for (const c of m.consistency) {
    out.push(`### ${c.target}`, '', `**${c.verdict}**`, '')
    if (c.parityNote) out.push(`> ${c.parityNote}`, '')
    out.push(...c.figures.map(([k, v]) => `- ${k}: ${v}`), '')
    if (c.operations.length) out.push(...table(CONSISTENCY_OPERATION_HEADER, c.operations), '')
    out.push(
      'Reads reflecting the latest acknowledged write, by time since that write:',
      '',
      ...table(
        CONSISTENCY_VISIBILITY_HEADER,
        c.visibility.map((b) => [...b.cells.slice(0, 3), shareBar(b.cells, b.share)]),
      ),
      '',
    )
  }
  return out
}

export function matrixMarkdown(report: ConformanceReport): string {
  const m = matrixTables(report)
  const ids = m.targets.map((t) => t.id)
  const out: string[] = [`# ${m.title}`, '', `Generated ${m.generatedAt}.`, '', ...summaryMarkdown(report)]
  out.push(...consistencyMarkdown(m))
  out.push('## Targets', '')
  out.push(
    ...table(['', ...ids], m.targets[0]?.facts.map(([k], i) => [k, ...m.targets.map((t) => t.facts[i]![1])]) ?? []),
    '',
  )
  out.push(
    '## Rules',
    '',
    "Status per target: pass · FAIL · not asserted (this mode does not assert the rule's confidence) · not exercised (no assertion about it ran against the target).",
    '',
  )
  out.push(
    ...table(
      ['Rule', 'Confidence', 'Statement', ...ids],
      m.rules.map((r) => [r.id, r.confidence, r.statement, ...r.cells.map((c) => c.text)]),
    ),
    '',
  )
  out.push('## Properties', '')
  out.push(
    ...table(
      ['Property', 'Title', ...ids],
      m.properties.map((p) => [p.id, p.title, ...p.cells.map((c) => c.text)]),
    ),
    '',
  )
  if (m.regressions.length) {
    out.push('## Regression bundles', '')
    out.push(
      ...table(
        ['Target', 'Bundle', 'Property', 'Verdict', 'Detail'],
        m.regressions.map((g) => [g.target, g.file, g.property, g.verdict, g.detail]),
      ),
      '',
    )
  }
  out.push(
    '## Operation × declared error coverage',
    '',
    'How often each target produced each error the operation declares; "never" comes with the reason it was not produced.',
    '',
  )
  out.push(
    ...table(
      ['Operation', 'Declared error', ...ids, 'Why never produced'],
      m.coverage.map((c) => [c.operation, c.error, ...c.cells.map((x) => x.text), c.reason]),
    ),
    '',
  )
  if (m.undeclared.length) {
    out.push('### Undeclared errors produced (R33)', '')
    out.push(
      ...table(
        ['Target', 'Operation', 'Error', 'Count'],
        m.undeclared.map((u) => [u.target, u.operation, u.error, String(u.count)]),
      ),
      '',
    )
  }
  return out.join('\n')
}

/** The summary alone (verdicts, disagreements, grouped failures): what a CI job summary shows. */
export function summaryMarkdownFile(report: ConformanceReport): string {
  return [
    `# Connect Views conformance (${report.targets.map((t) => t.id).join(' · ') || 'no targets'})`,
    '',
    ...summaryMarkdown(report),
  ].join('\n')
}

/** matrix.md, and summary.md beside it. */
export function writeMarkdownReport(file: string, report: ConformanceReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, matrixMarkdown(report) + '\n')
  writeFileSync(join(dirname(file), SUMMARY_FILE), summaryMarkdownFile(report) + '\n')
}
