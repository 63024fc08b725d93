// The conformance matrix as one self-contained HTML file (inline CSS and SVG, no scripts, no external assets),
// so it opens straight from a CI artifact download. Top to bottom in the order a reader needs it: the verdict
// and totals per target and the first thing to fix; where merged columns disagree; operations not
// implemented; failures grouped by cause (details collapsed); the charts; then the full tables, collapsed.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CHART_CSS, CHART_DEFS, escapeHtml as h } from './charts'
import {
  CONSISTENCY_INTRO,
  CONSISTENCY_OPERATION_HEADER,
  matrixTables,
  type Cell,
  type ConsistencyTables,
} from './matrix-report'
import { disagreements, targetOverview, VERDICT_MARK, type TargetOverview } from './overview'
import { callsChart, consistencyChart, coverageCharts, ruleStatusChart } from './report-charts'
import type { ConformanceReport, FailureGroup, TargetVerdict } from './report-types'
import { expectationsHtml, scoreHtml } from './expectations-render'

function cell(c: Cell): string {
  return `<td class="${c.tone}">${h(c.text)}</td>`
}

function table(header: string[], rows: string[]): string {
  return `<table><thead><tr>${header.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}

function collapsed(summary: string, body: string): string {
  return `<details class="section"><summary>${h(summary)}</summary>${body}</details>`
}

const VERDICT_CLASS: Record<TargetVerdict, string> = { PASSED: 'pass', FAILED: 'fail', INCONCLUSIVE: 'gap' }
/** Status words as they appear in the disagreement table (text, not only colour). */
const TONE_OF: Record<string, string> = {
  passed: 'pass',
  failed: 'fail',
  inconclusive: 'gap',
  'not-exercised': 'gap',
  interrupted: 'gap',
}

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.2em 2em; color: #1b1f24; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } h2 { margin-top: 1.4em; border-bottom: 1px solid #d0d7de; font-size: 1.15em; }
.meta { color: #57606a; margin: 0 0 .8em; font-size: 12px; }
.target { border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; padding: .5em .9em; margin: .5em 0; }
.target.fail { border-left-color: #cf222e; } .target.pass { border-left-color: #2da44e; } .target.gap { border-left-color: #d4a72c; }
.verdict { margin: 0; font-size: 1.05em; }
.badge { display: inline-block; padding: .05em .55em; border-radius: 1em; font-weight: 700; color: #fff; margin-right: .4em; }
.badge.fail { background: #cf222e; } .badge.pass { background: #1a7f37; } .badge.gap { background: #9a6700; }
.totals { display: flex; flex-wrap: wrap; gap: .2em 1.4em; margin: .35em 0 0; padding: 0; list-style: none; font-size: 13px; }
.totals b { color: #57606a; font-weight: 600; }
.fix { margin: .35em 0 0; } .fix b { color: #cf222e; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .2em .55em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.pass { background: #dafbe1; } td.fail { background: #ffebe9; font-weight: 600; }
td.gap { background: #fff8c5; } td.muted { color: #6e7781; }
td.statement { max-width: 46em; } code, pre { font: 12px ui-monospace, monospace; }
pre { background: #f6f8fa; padding: .6em; overflow-x: auto; white-space: pre-wrap; margin: .3em 0; }
details.group { border: 1px solid #d0d7de; border-left: 4px solid #cf222e; border-radius: 4px; padding: .3em .7em; margin: .35em 0; }
details.group > summary { cursor: pointer; } details.group .count { font-weight: 700; }
details.section > summary { cursor: pointer; color: #0969da; margin: .3em 0; }
.diff .add { color: #116329; background: #dafbe1; } .diff .del { color: #82071e; background: #ffebe9; } .diff .hunk { color: #8250df; }
.charts { display: flex; flex-wrap: wrap; align-items: flex-start; }
section.consistency { margin: .6em 0 1em; }
section.consistency h3 { font-size: 1em; margin: .8em 0 .3em; }
.consistency-verdict { font-size: 1.05em; margin: .2em 0; padding-left: .6em; border-left: 4px solid #8c959f; }
.consistency-verdict.strong { border-left-color: #2da44e; } .consistency-verdict.eventual { border-left-color: #0969da; }
.consistency-verdict.not-converging { border-left-color: #cf222e; }
.parity { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .4em .7em; max-width: 60em; margin: .4em 0; }
.consistency-figures { list-style: none; padding: 0; margin: .3em 0; font-size: 13px; }
.consistency-figures b { color: #57606a; font-weight: 600; display: inline-block; min-width: 8.5em; }
.consistency .tables { display: flex; flex-direction: column; margin-right: 1.5em; }
td.num { text-align: right; }
${CHART_CSS}`

function verdictBlock(o: TargetOverview): string {
  const cls = VERDICT_CLASS[o.verdict]
  return (
    `<section class="target ${cls}"><p class="verdict"><span class="badge ${cls}">${VERDICT_MARK[o.verdict]} ${o.verdict}</span>` +
    `<strong>${h(o.id)}</strong> · ${h(o.context)}${o.reasons.length ? ` — ${h(o.reasons.join(', '))}` : ''}</p>` +
    `<ul class="totals">${o.totals.map((x) => `<li><b>${h(x.label)}</b> ${h(x.value)}</li>`).join('')}</ul>` +
    (o.firstToFix ? `<p class="fix"><b>First to fix:</b> ${h(o.firstToFix)}</p>` : '') +
    '</section>'
  )
}

function diffHtml(diff: string): string {
  return `<pre class="diff">${diff
    .split('\n')
    .map((l) => {
      const c = l.startsWith('@@')
        ? 'hunk'
        : l.startsWith('+') && !l.startsWith('+++')
          ? 'add'
          : l.startsWith('-') && !l.startsWith('---')
            ? 'del'
            : ''
      return c ? `<span class="${c}">${h(l)}</span>` : h(l)
    })
    .join('\n')}</pre>`
}

function groupHtml(g: FailureGroup): string {
  const shown = g.sources.slice(0, 12)
  const s = g.smallest
  return (
    `<details class="group"><summary>✘ <b>${h(g.rule)}</b> · ${h(g.operation)} · <span class="count">${g.count}×</span> <code>${h(g.shape)}</code></summary>` +
    `<p>Hit by: ${shown.map((x) => `<code>${h(x)}</code>`).join(', ')}${g.sources.length > shown.length ? ` and ${g.sources.length - shown.length} more` : ''}</p>` +
    (s
      ? `<p>Smallest counterexample (${h(s.source)}):</p>${s.counterexample.length ? `<ol>${s.counterexample.map((c) => `<li><code>${h(c)}</code></li>`).join('')}</ol>` : ''}` +
        (s.reproduce ? `<p>Reproduce: <code>${h(s.reproduce)}</code></p>` : '') +
        (s.replay ? `<p>Replay: <code>${h(s.replay)}</code></p>` : '') +
        (s.diff ? `<p>Failing step, model (expected) → target:</p>${diffHtml(s.diff)}` : '')
      : '') +
    '</details>'
  )
}

function consistencyHtml(report: ConformanceReport, c: ConsistencyTables): string {
  const t = report.targets[c.index]!
  const tone = c.notConverged ? 'not-converging' : c.observed
  const numeric = (cells: string[]) =>
    `<tr><th>${h(cells[0]!)}</th>${cells
      .slice(1)
      .map((x) => `<td class="num">${h(x)}</td>`)
      .join('')}</tr>`
  return (
    `<section class="consistency">${report.targets.length > 1 ? `<h3>${h(c.target)}</h3>` : ''}` +
    `<p class="consistency-verdict ${tone}"><strong>${h(c.verdict)}</strong></p>` +
    (c.parityNote ? `<p class="parity"><b>Parity:</b> ${h(c.parityNote)}</p>` : '') +
    `<ul class="consistency-figures">${c.figures.map(([k, v]) => `<li><b>${h(k)}</b> ${h(v)}</li>`).join('')}</ul>` +
    `<div class="charts">${consistencyChart(t, c.index)}<div class="tables">` +
    (c.operations.length ? table(CONSISTENCY_OPERATION_HEADER, c.operations.map(numeric)) : '') +
    '</div></div></section>'
  )
}

export function matrixHtml(report: ConformanceReport): string {
  const m = matrixTables(report)
  const ids = m.targets.map((t) => t.id)
  const overviews = report.targets.map(targetOverview)
  const parts: string[] = [
    CHART_DEFS,
    '<h1>Connect Views conformance</h1>',
    `<p class="meta">${h(ids.join(' · ') || 'no targets')} — generated ${h(m.generatedAt)} by ${h(report.tool.name)} ${h(report.tool.version)}</p>`,
  ]
  parts.push(...overviews.map(verdictBlock), ...expectationsHtml(report), ...scoreHtml(report))

  const dis = disagreements(report)
  if (dis.length) {
    parts.push(
      '<h2>Where the targets disagree</h2>',
      table(
        ['', 'Kind', ...ids],
        dis.map(
          (d) =>
            `<tr><th>${h(d.id)}</th><td>${d.kind}</td>${d.statuses.map((s) => `<td class="${TONE_OF[s] ?? 'muted'}">${h(s || '—')}</td>`).join('')}</tr>`,
        ),
      ),
    )
  }
  const missing = overviews.flatMap((o) => o.notImplemented.map((x) => ({ target: o.id, ...x })))
  if (missing.length) {
    parts.push(
      '<h2>Not implemented</h2>',
      '<p>Operations the target answers like an emulator that lacks them; their rules are not exercised.</p>',
      table(
        ['Target', 'Operations', 'Evidence (what the target answered)'],
        missing.map(
          (x) =>
            `<tr><td>${h(x.target)}</td><th>${h(x.operations.join(', '))} (${x.operations.length})</th><td>${h(x.evidence)}</td></tr>`,
        ),
      ),
    )
  }
  const grouped = report.targets.filter((t) => t.failureGroups?.length)
  if (grouped.length) {
    parts.push('<h2>Failures</h2>')
    for (const t of grouped) {
      const checks = t.failureGroups!.reduce((n, g) => n + g.count, 0)
      parts.push(
        `<p>${report.targets.length > 1 ? `<strong>${h(t.id)}</strong>: ` : ''}${t.failureGroups!.length} distinct causes, ${checks} failing checks (properties, Pact interactions, regressions). Open one for its smallest counterexample, the command that reproduces it and the diff.</p>`,
      )
      parts.push(...t.failureGroups!.map(groupHtml))
    }
  }

  if (m.consistency.length) {
    parts.push('<h2>Observed consistency</h2>', `<p>${h(CONSISTENCY_INTRO)}</p>`)
    parts.push(...m.consistency.map((c) => consistencyHtml(report, c)))
  }

  parts.push(
    '<h2>Charts</h2>',
    `<div class="charts">${ruleStatusChart(report)}</div>`,
    `<div class="charts">${callsChart(report)}${coverageCharts(report).join('')}</div>`,
  )

  parts.push(
    '<h2>Properties</h2>',
    table(
      ['Property', 'Title', ...ids],
      m.properties.map((p) => `<tr><th>${h(p.id)}</th><td>${h(p.title)}</td>${p.cells.map(cell).join('')}</tr>`),
    ),
  )
  if (m.regressions.length) {
    parts.push(
      '<h2>Regression bundles</h2>',
      table(
        ['Target', 'Bundle', 'Property', 'Verdict', 'Detail'],
        m.regressions.map(
          (g) =>
            `<tr><td>${h(g.target)}</td><td><code>${h(g.file)}</code></td><td>${h(g.property)}</td>` +
            `<td class="${g.verdict === 'FIXED' ? 'pass' : g.verdict === 'STILL FAILING' ? 'fail' : 'gap'}">${h(g.verdict)}</td><td>${h(g.detail)}</td></tr>`,
        ),
      ),
    )
  }
  parts.push(
    '<h2>Rules</h2>',
    "<p>pass · FAIL · not asserted (this mode does not assert the rule's confidence) · not exercised (no assertion about it ran against the target).</p>",
  )
  parts.push(
    collapsed(
      `Rule table (${m.rules.length} rules)`,
      table(
        ['Rule', 'Confidence', 'Statement', ...ids],
        m.rules.map(
          (r) =>
            `<tr><th>${h(r.id)}</th><td>${h(r.confidence)}</td><td class="statement">${h(r.statement)}</td>${r.cells.map(cell).join('')}</tr>`,
        ),
      ),
    ),
  )
  parts.push(
    '<h2>Operation × declared error coverage</h2>',
    '<p>How often each target produced each error the operation declares; "never" comes with the reason it was not produced.</p>',
  )
  parts.push(
    collapsed(
      `Coverage table (${m.coverage.length} operation × error pairs)`,
      table(
        ['Operation', 'Declared error', ...ids, 'Why never produced'],
        m.coverage.map(
          (c) =>
            `<tr><th>${h(c.operation)}</th><td>${h(c.error)}</td>${c.cells.map(cell).join('')}<td class="muted">${h(c.reason)}</td></tr>`,
        ),
      ),
    ),
  )
  if (m.undeclared.length) {
    parts.push(
      '<h3>Undeclared errors produced (R33)</h3>',
      table(
        ['Target', 'Operation', 'Error', 'Count'],
        m.undeclared.map(
          (u) =>
            `<tr><td>${h(u.target)}</td><td>${h(u.operation)}</td><td class="fail">${h(u.error)}</td><td>${u.count}</td></tr>`,
        ),
      ),
    )
  }
  parts.push(
    '<h2>Targets</h2>',
    collapsed(
      'Run facts per target',
      table(
        ['', ...ids],
        (m.targets[0]?.facts ?? []).map(
          ([k], i) => `<tr><th>${h(k)}</th>${m.targets.map((t) => `<td>${h(t.facts[i]![1])}</td>`).join('')}</tr>`,
        ),
      ),
    ),
  )
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${h(m.title)}</title><style>${CSS}</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`
  )
}

export function writeHtmlReport(file: string, report: ConformanceReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, matrixHtml(report))
}
