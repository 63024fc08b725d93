// The top of the Markdown matrix, also written alone as summary.md for CI job summaries (GitHub renders
// <details> in Markdown): verdict and totals per target, the first thing to fix, where merged columns
// disagree, operations not implemented, and the failures grouped by cause.
import { disagreements, targetOverview, VERDICT_MARK } from './overview'
import type { ConformanceReport, FailureGroup } from './report-types'
import { expectationsMarkdown, scoreMarkdown } from './expectations-render'

/** Markdown table cells may not contain pipes or newlines. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function mdTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ]
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``
/** Inside <details> GitHub needs HTML-escaped text around the Markdown. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function groupMarkdown(g: FailureGroup): string[] {
  const s = g.smallest
  const shown = g.sources.slice(0, 12)
  const out = [
    `<details><summary>✘ <b>${esc(g.rule)}</b> · ${esc(g.operation)} · <b>${g.count}×</b> — ${esc(g.shape)}</summary>`,
    '',
    `Hit by: ${shown.map(code).join(', ')}${g.sources.length > shown.length ? ` and ${g.sources.length - shown.length} more` : ''}`,
    '',
  ]
  if (s) {
    if (s.counterexample.length)
      out.push(
        `Smallest counterexample (${code(s.source)}):`,
        '',
        ...s.counterexample.map((c, i) => `${i + 1}. ${code(c)}`),
        '',
      )
    if (s.reproduce) out.push(`Reproduce: ${code(s.reproduce)}`, '')
    if (s.replay) out.push(`Replay: ${code(s.replay)}`, '')
    if (s.diff) out.push('```diff', s.diff.replace(/```/g, "'''"), '```', '')
  }
  out.push('</details>', '')
  return out
}

export function summaryMarkdown(report: ConformanceReport): string[] {
  const out: string[] = []
  const ids = report.targets.map((t) => t.id)
  const overviews = report.targets.map(targetOverview)
  out.push('## Verdict', '')
  for (const o of overviews) {
    out.push(
      `**${VERDICT_MARK[o.verdict]} ${o.verdict}** — ${code(o.id)} (${o.context})${o.reasons.length ? `: ${o.reasons.join(', ')}` : ''}`,
      '',
    )
    out.push(o.totals.map((x) => `${x.label}: ${x.value}`).join('  \n'), '')
    if (o.firstToFix) out.push(`**First to fix:** ${o.firstToFix}`, '')
  }
  out.push(...expectationsMarkdown(report), ...scoreMarkdown(report))
  const dis = disagreements(report)
  if (dis.length) {
    out.push('## Where the targets disagree', '')
    out.push(
      ...mdTable(
        ['', 'kind', ...ids],
        dis.map((d) => [d.id, d.kind, ...d.statuses.map((s) => s || '—')]),
      ),
      '',
    )
  }
  const missing = overviews.flatMap((o) =>
    o.notImplemented.map((x) => [o.id, `${x.operations.join(', ')} (${x.operations.length})`, x.evidence]),
  )
  if (missing.length)
    out.push(
      '## Not implemented',
      '',
      ...mdTable(['Target', 'Operations', 'Evidence (what the target answered)'], missing),
      '',
    )
  const grouped = report.targets.filter((t) => t.failureGroups?.length)
  if (grouped.length) {
    out.push('## Failures', '')
    for (const t of grouped) {
      const checks = t.failureGroups!.reduce((n, g) => n + g.count, 0)
      out.push(
        `${report.targets.length > 1 ? `**${t.id}**: ` : ''}${t.failureGroups!.length} distinct causes, ${checks} failing checks.`,
        '',
      )
      for (const g of t.failureGroups!) out.push(...groupMarkdown(g))
    }
  }
  return out
}
