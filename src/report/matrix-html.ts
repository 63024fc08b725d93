// The conformance matrix as one self-contained HTML file (inline CSS, no scripts, no external assets), so it
// opens straight from a CI artifact download. Same tables as the Markdown (matrix-report.ts).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { matrixTables, type Cell } from './matrix-report'
import type { ConformanceReport } from './report-types'

function h(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function cell(c: Cell): string {
  return `<td class="${c.tone}">${h(c.text)}</td>`
}

function table(header: string[], rows: string[]): string {
  return `<table><thead><tr>${header.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
}

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #1b1f24; }
h1 { font-size: 1.4em; } h2 { margin-top: 2em; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; position: sticky; top: 0; }
td.pass { background: #dafbe1; } td.fail { background: #ffebe9; font-weight: 600; }
td.gap { background: #fff8c5; } td.muted { color: #6e7781; }
td.statement { max-width: 46em; } code, pre { font: 12px ui-monospace, monospace; }
pre { background: #f6f8fa; padding: .6em; overflow-x: auto; white-space: pre-wrap; }
.failure { border-left: 4px solid #cf222e; padding-left: 1em; margin: 1em 0; }
`

export function matrixHtml(report: ConformanceReport): string {
  const m = matrixTables(report)
  const ids = m.targets.map((t) => t.id)
  const parts: string[] = [`<h1>${h(m.title)}</h1>`, `<p>Generated ${h(m.generatedAt)}.</p>`]
  parts.push('<h2>Targets</h2>', table(['', ...ids],
    (m.targets[0]?.facts ?? []).map(([k], i) => `<tr><th>${h(k)}</th>${m.targets.map((t) => `<td>${h(t.facts[i]![1])}</td>`).join('')}</tr>`)))
  if (m.failures.length) {
    parts.push('<h2>Failures</h2>')
    for (const f of m.failures) {
      parts.push(`<div class="failure"><h3>${h(f.rule)} — ${h(f.property)} on ${h(f.target)}</h3><pre>${h(f.message)}</pre>`
        + `<p>Counterexample:</p><ol>${f.counterexample.map((c) => `<li><code>${h(c)}</code></li>`).join('')}</ol>`
        + `<p>Reproduce: <code>${h(f.reproduce)}</code></p>${f.replay ? `<p>Replay: <code>${h(f.replay)}</code></p>` : ''}</div>`)
    }
  }
  parts.push('<h2>Rules</h2>', '<p>pass · FAIL · not asserted (this mode does not assert the rule\'s confidence) · not exercised (no property that ran checks it).</p>')
  parts.push(table(['Rule', 'Confidence', 'Statement', ...ids], m.rules.map((r) =>
    `<tr><th>${h(r.id)}</th><td>${h(r.confidence)}</td><td class="statement">${h(r.statement)}</td>${r.cells.map(cell).join('')}</tr>`)))
  parts.push('<h2>Properties</h2>', table(['Property', 'Title', ...ids], m.properties.map((p) =>
    `<tr><th>${h(p.id)}</th><td>${h(p.title)}</td>${p.cells.map(cell).join('')}</tr>`)))
  if (m.regressions.length) {
    parts.push('<h2>Regression bundles</h2>', table(['Target', 'Bundle', 'Property', 'Verdict', 'Detail'], m.regressions.map((g) =>
      `<tr><td>${h(g.target)}</td><td><code>${h(g.file)}</code></td><td>${h(g.property)}</td>`
      + `<td class="${g.verdict === 'FIXED' ? 'pass' : g.verdict === 'STILL FAILING' ? 'fail' : 'gap'}">${h(g.verdict)}</td><td>${h(g.detail)}</td></tr>`)))
  }
  parts.push('<h2>Operation × declared error coverage</h2>', '<p>How often each target produced each error the operation declares; "never" comes with the reason it was not produced.</p>')
  parts.push(table(['Operation', 'Declared error', ...ids, 'Why never produced'], m.coverage.map((c) =>
    `<tr><th>${h(c.operation)}</th><td>${h(c.error)}</td>${c.cells.map(cell).join('')}<td class="muted">${h(c.reason)}</td></tr>`)))
  if (m.undeclared.length) {
    parts.push('<h3>Undeclared errors produced (R33)</h3>', table(['Target', 'Operation', 'Error', 'Count'], m.undeclared.map((u) =>
      `<tr><td>${h(u.target)}</td><td>${h(u.operation)}</td><td class="fail">${h(u.error)}</td><td>${u.count}</td></tr>`)))
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${h(m.title)}</title><style>${CSS}</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`
}

export function writeHtmlReport(file: string, report: ConformanceReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, matrixHtml(report))
}
