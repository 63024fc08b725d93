// The history page (`conformance report history`): one self-contained HTML file (inline CSS and SVG, no
// script, nothing fetched), in the manner of wpt.fyi — the latest score per target, the score and the
// operations implemented over time, what flipped and when it was first seen, then a table per night.
import { CHART_CSS, CHART_DEFS, escapeHtml as h } from './charts'
import type { History, HistoryRun } from './history'
import { lineChart } from './line-chart'
import { percent } from './score'

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.2em 2em; color: #1b1f24; max-width: 1280px; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } h2 { margin-top: 1.4em; border-bottom: 1px solid #d0d7de; font-size: 1.15em; }
h3 { font-size: 1em; margin: .2em 0; display: inline; }
.meta { color: #57606a; margin: 0 0 .8em; font-size: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: .6em; }
.card { border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 6px; padding: .45em .8em; min-width: 15em; }
.card.FAILED { border-left-color: #cf222e; } .card.PASSED { border-left-color: #2da44e; } .card.INCONCLUSIVE { border-left-color: #d4a72c; }
.card .score { font-size: 1.6em; font-weight: 700; } .card .delta { font-size: .9em; margin-left: .4em; }
.up { color: #1a7f37; } .down { color: #cf222e; } .same { color: #57606a; }
.card .what { color: #57606a; font-size: 12px; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .2em .55em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.pass, td.PASSED, td.implemented, td.passed { background: #dafbe1; } td.fail, td.FAILED, td.failed, td.not-implemented { background: #ffebe9; font-weight: 600; }
td.INCONCLUSIVE { background: #fff8c5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
details.night { margin: .3em 0; } details.night > summary { cursor: pointer; }
code { font: 12px ui-monospace, monospace; }
${CHART_CSS}`

const num = (n: number) => n.toLocaleString('en-US')

function latestByTarget(hist: History): { target: string; last: HistoryRun; previous?: HistoryRun }[] {
  return hist.targets.map((target) => {
    const runs = hist.runs.filter((r) => r.target === target)
    return { target, last: runs.at(-1)!, ...(runs.length > 1 ? { previous: runs.at(-2)! } : {}) }
  })
}

function delta(now: number | undefined, before: number | undefined): string {
  if (now === undefined || before === undefined) return ''
  const d = Math.round((now - before) * 1000) / 10
  if (d === 0) return '<span class="delta same">±0</span>'
  return `<span class="delta ${d > 0 ? 'up' : 'down'}">${d > 0 ? '▲ +' : '▼ '}${d.toFixed(1)} pts</span>`
}

function card({ target, last, previous }: ReturnType<typeof latestByTarget>[number]): string {
  const s = last.score
  const x = last.expectations
  return (
    `<section class="card ${last.verdict}"><div><strong>${h(target)}</strong></div>` +
    `<div><span class="score">${h(percent(s.rules.share))}</span>${delta(s.rules.share, previous?.score.rules.share)}</div>` +
    `<div class="what">documented rules passed: ${s.rules.passed} of ${s.rules.exercised} exercised · operations implemented: ${s.operations.implemented}/${s.operations.total}</div>` +
    `<div class="what">latest run ${h(last.at.slice(0, 16).replace('T', ' '))} UTC · ${h(last.verdict)}${x ? ` · ${x.unexpectedFailures + x.unexpectedPasses} unexpected (${x.unexpectedFailures} failures, ${x.unexpectedPasses} passes)` : ''}</div>` +
    '</section>'
  )
}

function flipsTable(hist: History): string {
  if (hist.flips.length === 0)
    return '<p>Nothing flipped: every rule and operation judged in two runs kept its state.</p>'
  const rows = hist.flips.map((f) => {
    const what = f.kind === 'rule' ? `rule ${f.id}` : `operation ${f.id}`
    const title = f.kind === 'rule' ? (hist.statements[f.id] ?? '') : ''
    return (
      `<tr><td>${h(f.target)}</td><th${title ? ` title="${h(title)}"` : ''}>${h(what)}</th>` +
      `<td class="${h(f.from)}">${h(f.from)}</td><td class="${h(f.to)}">${h(f.to)}</td>` +
      `<td>${h(f.night)} <span class="meta">(${h(f.at.slice(11, 16))} UTC)</span></td><td>${f.current ? 'still' : 'flipped back since'}</td></tr>`
    )
  })
  return `<table class="flips"><thead><tr><th>Target</th><th>What</th><th>From</th><th>To</th><th>First seen</th><th>Now</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function nightTable(hist: History, night: string, open: boolean): string {
  const runs = hist.runs.filter((r) => r.night === night)
  const flips = hist.flips.filter((f) => f.night === night)
  const changed = (target: string, to: string[]) =>
    flips
      .filter((f) => f.target === target && to.includes(f.to))
      .map((f) => f.id)
      .join(', ')
  const rows = runs.map((r) => {
    const x = r.expectations
    return (
      `<tr><td>${h(r.target)}</td><td>${h(r.at.slice(11, 16))}</td><td class="${r.verdict}">${r.verdict}</td>` +
      `<td class="num">${h(percent(r.score.rules.share))}</td><td class="num">${r.score.rules.passed}/${r.score.rules.exercised}</td>` +
      `<td class="num">${r.score.operations.implemented}/${r.score.operations.total}</td>` +
      `<td>${x ? `${x.expected} expected · ${x.unexpectedFailures} unexpected failures · ${x.unexpectedPasses} unexpected passes` : '—'}</td>` +
      `<td class="${changed(r.target, ['failed', 'not-implemented']) ? 'fail' : ''}">${h(changed(r.target, ['failed', 'not-implemented']) || '—')}</td>` +
      `<td class="${changed(r.target, ['passed', 'implemented']) ? 'pass' : ''}">${h(changed(r.target, ['passed', 'implemented']) || '—')}</td>` +
      `<td>${num(r.seed)}${r.strict ? ' (strict)' : ''}</td><td><code>${h(r.file)}</code></td></tr>`
    )
  })
  return (
    `<details class="night"${open ? ' open' : ''}><summary><h3>${h(night)}</h3> — ${runs.length} run${runs.length === 1 ? '' : 's'}${flips.length ? `, ${flips.length} flip${flips.length === 1 ? '' : 's'}` : ''}</summary>` +
    '<table><thead><tr><th>Target</th><th>Started (UTC)</th><th>Verdict</th><th>Score</th><th>Rules passed / exercised</th><th>Operations implemented</th><th>Expectations</th><th>Newly failing</th><th>Newly passing</th><th>Seed</th><th>Report</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></details>`
  )
}

export function historyHtml(hist: History, now = new Date()): string {
  const series = (value: (r: HistoryRun) => { y?: number; label: string }) =>
    hist.targets.map((target) => ({
      name: target,
      points: hist.runs.filter((r) => r.target === target).map((r) => ({ x: Date.parse(r.at), ...value(r) })),
    }))
  const first = hist.runs[0]?.night
  const last = hist.runs.at(-1)?.night
  const scoreChart = lineChart({
    id: 'chart-score',
    title: 'Conformance score over time',
    desc: `Share of the documented rules that passed, out of those each run exercised, per target (${hist.targets.length}), run by run.`,
    series: series((r) => ({
      ...(r.score.rules.share === undefined ? {} : { y: r.score.rules.share * 100 }),
      label: `${percent(r.score.rules.share)} (${r.score.rules.passed}/${r.score.rules.exercised} documented rules) — ${r.verdict}`,
    })),
    yMax: 100,
    yTicks: [0, 25, 50, 75, 100],
    yFormat: (n) => `${n}%`,
    valueName: 'score',
  })
  const total = Math.max(1, ...hist.runs.map((r) => r.score.operations.total))
  const opsChart = lineChart({
    id: 'chart-operations',
    title: `Operations implemented over time (of ${total})`,
    desc: `How many of the API's ${total} operations each target implements, run by run.`,
    series: series((r) => ({
      y: r.score.operations.implemented,
      label: `${r.score.operations.implemented}/${r.score.operations.total} implemented`,
    })),
    yMax: total,
    yTicks: [0, Math.round(total / 4), Math.round(total / 2), Math.round((3 * total) / 4), total],
    yFormat: (n) => String(n),
    valueName: 'operations implemented',
  })
  const parts = [
    CHART_DEFS,
    '<h1>Connect Views conformance — history</h1>',
    `<p class="meta">${hist.runs.length} run${hist.runs.length === 1 ? '' : 's'} of ${hist.targets.length} target${hist.targets.length === 1 ? '' : 's'}${first ? `, ${h(first)} to ${h(last!)}` : ''} — generated ${h(now.toISOString())}. Score: documented rules that passed, out of those the run exercised.</p>`,
    `<div class="cards">${latestByTarget(hist).map(card).join('')}</div>`,
    '<h2>Score over time</h2>',
    `<div class="charts">${scoreChart}${opsChart}</div>`,
    '<h2>What changed</h2>',
    '<p>Rules and operations whose judged state changed from one run of a target to its next (not exercised in between is no change), newest first, with the night the new state was first seen.</p>',
    flipsTable(hist),
    '<h2>Night by night</h2>',
    ...hist.nights.map((n, i) => nightTable(hist, n, i < 3)),
  ]
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Connect Views conformance history (${hist.targets.map(h).join(' · ') || 'no runs'})</title><style>${CSS}</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`
  )
}
