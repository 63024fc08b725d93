// The score and the results against an expectations file, as every format shows them on top: one line each
// for the console summary and the totals of the Markdown and HTML matrix, the unexpected results listed with
// what to do about each (the line to add to accept a failure, the line to delete for a pass), and the
// per-operation score as a table.
import { escapeHtml as h } from './charts'
import type { ConformanceReport, ExpectationsReport, TargetReport } from './report-types'
import { percent } from './score'

// (a table of its own: summary-markdown.ts renders this module's sections, so it is not imported here)
const mdCell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
function mdTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ]
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "0 unexpected: 14 expected, 0 unexpected failures, 0 unexpected passes — expectations.json". */
export function expectationsLine(x: ExpectationsReport): string {
  const unexpected = x.unexpectedFailures.length + x.unexpectedPasses.length
  const passes = `${plural(x.unexpectedPasses.length, 'unexpected pass', 'unexpected passes')}${x.allowUnexpectedPass && x.unexpectedPasses.length ? ' (allowed)' : ''}`
  return (
    `${unexpected} unexpected: ${x.expected} expected, ${plural(x.unexpectedFailures.length, 'unexpected failure')}, ${passes}` +
    ` — ${x.file}${x.notObserved ? ` (${plural(x.notObserved, 'entry', 'entries')} not observed in this run)` : ''}`
  )
}

/** Held against expectations, what to fix first is the first unexpected failure, not a known one. */
export function firstUnexpected(t: TargetReport): string | undefined {
  const f = t.expectations?.unexpectedFailures[0]
  return f && `${f.key} (unexpected): ${f.detail}`
}

/** The console's lines about unexpected results: what changed, and what to do about it. */
export function expectationsConsoleLines(t: TargetReport, pad: string): string[] {
  const x = t.expectations
  if (!x) return []
  const out: string[] = []
  if (x.unexpectedFailures.length) {
    out.push(
      `Unexpected failures (not in ${x.file}): ${x.unexpectedFailures.length}; fix them, or add the line to accept one`,
    )
    for (const f of x.unexpectedFailures) out.push(`  ✘ ${f.key}: ${f.detail}`, `${pad}add: ${f.entry}`)
  }
  if (x.unexpectedPasses.length) {
    out.push(
      `Unexpected passes${x.allowUnexpectedPass ? ' (warning only: --allow-unexpected-pass)' : ''}: ${x.unexpectedPasses.length}; fixed, so delete these lines from ${x.file}`,
    )
    for (const p of x.unexpectedPasses)
      out.push(`  ✔ ${p.key}`, `${pad}delete ${x.file}${p.line ? `:${p.line}` : ''}: ${p.entry}`)
  }
  return out
}

/** The closing RESULT line when targets were held against expectations (undefined: none was). */
export function expectationsResultLine(report: ConformanceReport): string | undefined {
  const held = report.targets.filter((t) => t.expectations)
  if (held.length === 0) return undefined
  const parts = held.map((t) => {
    const x = t.expectations!
    const fails = x.unexpectedFailures.length
    const passes = x.unexpectedPasses.length
    return { t, x, fails, passes, blocking: fails + (x.allowUnexpectedPass ? 0 : passes) }
  })
  const bad = parts.filter((p) => p.blocking > 0)
  const describe = (p: (typeof parts)[number]) =>
    `${plural(p.fails, 'unexpected failure')}, ${plural(p.passes, 'unexpected pass', 'unexpected passes')} on ${p.t.id} (against ${p.x.file})`
  if (bad.length) return `RESULT: FAILED — ${bad.map(describe).join('; ')}`
  const known = parts.reduce((n, p) => n + p.x.entries.length, 0)
  const warned = parts.filter((p) => p.passes > 0)
  return `RESULT: AS EXPECTED — 0 unexpected (${plural(known, 'known failure')} listed)${warned.length ? `; warning: ${warned.map(describe).join('; ')}` : ''}`
}

/** Markdown under the verdicts: the unexpected results of each target held against a file. */
export function expectationsMarkdown(report: ConformanceReport): string[] {
  const out: string[] = []
  for (const t of report.targets) {
    const x = t.expectations
    if (!x || (x.unexpectedFailures.length === 0 && x.unexpectedPasses.length === 0)) continue
    out.push(`## Unexpected results${report.targets.length > 1 ? ` — \`${t.id}\`` : ''}`, '')
    if (x.unexpectedFailures.length)
      out.push(
        `**Unexpected failures** (not in \`${x.file}\`): fix them, or add the line to accept one.`,
        '',
        ...mdTable(
          ['Result', 'What failed', 'Line to add'],
          x.unexpectedFailures.map((f) => [f.key, f.detail, `\`${f.entry}\``]),
        ),
        '',
      )
    if (x.unexpectedPasses.length)
      out.push(
        `**Unexpected passes**${x.allowUnexpectedPass ? ' (a warning: --allow-unexpected-pass)' : ''}: fixed, so delete these lines from \`${x.file}\`.`,
        '',
        ...mdTable(
          ['Result', 'Line', 'Line to delete'],
          x.unexpectedPasses.map((p) => [p.key, p.line ? String(p.line) : '', `\`${p.entry}\``]),
        ),
        '',
      )
  }
  return out
}

export function expectationsHtml(report: ConformanceReport): string[] {
  const out: string[] = []
  for (const t of report.targets) {
    const x = t.expectations
    if (!x || (x.unexpectedFailures.length === 0 && x.unexpectedPasses.length === 0)) continue
    out.push(`<h2>Unexpected results${report.targets.length > 1 ? ` — ${h(t.id)}` : ''}</h2>`)
    if (x.unexpectedFailures.length)
      out.push(
        `<p><b>Unexpected failures</b> (not in <code>${h(x.file)}</code>): fix them, or add the line to accept one.</p>`,
        `<table><thead><tr><th>Result</th><th>What failed</th><th>Line to add</th></tr></thead><tbody>${x.unexpectedFailures
          .map(
            (f) =>
              `<tr><td class="fail">${h(f.key)}</td><td>${h(f.detail)}</td><td><code>${h(f.entry)}</code></td></tr>`,
          )
          .join('')}</tbody></table>`,
      )
    if (x.unexpectedPasses.length)
      out.push(
        `<p><b>Unexpected passes</b>${x.allowUnexpectedPass ? ' (a warning: --allow-unexpected-pass)' : ''}: fixed, so delete these lines from <code>${h(x.file)}</code>.</p>`,
        `<table><thead><tr><th>Result</th><th>Line</th><th>Line to delete</th></tr></thead><tbody>${x.unexpectedPasses
          .map(
            (p) =>
              `<tr><td class="pass">${h(p.key)}</td><td>${p.line ?? ''}</td><td><code>${h(p.entry)}</code></td></tr>`,
          )
          .join('')}</tbody></table>`,
      )
  }
  return out
}

/** The per-operation score, one row per operation, one column per target. */
function operationRows(report: ConformanceReport): { header: string[]; rows: string[][] } {
  const ids = report.targets.map((t) => t.id)
  const ops = report.catalogue.operations.map((o) => o.name)
  const rows = ops.map((op) => [
    op,
    ...report.targets.map((t) => {
      const s = t.score?.byOperation.find((o) => o.operation === op)
      if (!s) return ''
      if (s.implementation === 'not-implemented') return 'not implemented'
      return s.exercised ? `${percent(s.share)} (${s.passed}/${s.exercised})` : 'no rule exercised'
    }),
  ])
  return { header: ['Operation', ...ids], rows }
}

export function scoreMarkdown(report: ConformanceReport): string[] {
  if (!report.targets.some((t) => t.score)) return []
  const { header, rows } = operationRows(report)
  return [
    '<details><summary>Score per operation (documented rules passed / exercised)</summary>',
    '',
    ...mdTable(header, rows),
    '',
    '</details>',
    '',
  ]
}

export function scoreHtml(report: ConformanceReport): string[] {
  if (!report.targets.some((t) => t.score)) return []
  const { header, rows } = operationRows(report)
  const tone = (c: string) =>
    c === 'not implemented' ? 'fail' : c.startsWith('100%') ? 'pass' : /^\d/.test(c) ? 'gap' : 'muted'
  return [
    `<details class="section"><summary>Score per operation (documented rules passed / exercised)</summary><table><thead><tr>${header.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows
      .map(
        ([op, ...cells]) =>
          `<tr><th>${h(op!)}</th>${cells.map((c) => `<td class="${tone(c)}">${h(c)}</td>`).join('')}</tr>`,
      )
      .join('')}</tbody></table></details>`,
  ]
}
