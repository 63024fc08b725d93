// A line chart over time as inline SVG (no script, nothing fetched), for the history page: one line per
// series, each with a marker shape of its own and its name at the line's end, so the lines differ by more
// than colour; every point carries its value as a tooltip, and the same data comes as a table.
import { escapeHtml as h, fallbackTable, svgOpen } from './charts'

export interface LinePoint {
  /** Epoch milliseconds. */
  x: number
  /** Absent: no value that run (the line breaks there). */
  y?: number
  /** Tooltip and table text. */
  label: string
}

export interface LineSeries {
  name: string
  points: LinePoint[]
}

export interface LineChartSpec {
  id: string
  title: string
  desc: string
  series: LineSeries[]
  yMax: number
  yTicks: number[]
  yFormat: (n: number) => string
  /** Column header of the table's value cells. */
  valueName: string
}

// no red or green: on this page they mean failed and passed, and a target is neither
const COLOURS = ['#0969da', '#8250df', '#bc4c00', '#1b7c83', '#9a6700', '#57606a', '#bf3989', '#0550ae']
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const
const DAY = 86_400_000

function marker(shape: (typeof SHAPES)[number], x: number, y: number, colour: string): string {
  const r = 4.5
  switch (shape) {
    case 'circle':
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${colour}"/>`
    case 'square':
      return `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`
    case 'triangle':
      return `<path d="M${x.toFixed(1)} ${(y - r - 1).toFixed(1)} L${(x + r + 1).toFixed(1)} ${(y + r).toFixed(1)} L${(x - r - 1).toFixed(1)} ${(y + r).toFixed(1)} Z" fill="${colour}"/>`
    case 'diamond':
      return `<path d="M${x.toFixed(1)} ${(y - r - 1).toFixed(1)} L${(x + r + 1).toFixed(1)} ${y.toFixed(1)} L${x.toFixed(1)} ${(y + r + 1).toFixed(1)} L${(x - r - 1).toFixed(1)} ${y.toFixed(1)} Z" fill="${colour}"/>`
    case 'cross':
      return `<path d="M${(x - r).toFixed(1)} ${(y - r).toFixed(1)} L${(x + r).toFixed(1)} ${(y + r).toFixed(1)} M${(x + r).toFixed(1)} ${(y - r).toFixed(1)} L${(x - r).toFixed(1)} ${(y + r).toFixed(1)}" stroke="${colour}" stroke-width="2.5"/>`
  }
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const dateTime = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ')

export function lineChart(s: LineChartSpec): string {
  const all = s.series.flatMap((x) => x.points)
  const xs = all.map((p) => p.x)
  let x0 = Math.min(...xs)
  let x1 = Math.max(...xs)
  if (!Number.isFinite(x0)) x0 = x1 = Date.now()
  if (x1 - x0 < DAY) {
    x0 -= DAY / 2
    x1 += DAY / 2
  }
  const pad = (x1 - x0) * 0.03
  x0 -= pad
  x1 += pad
  const labelW = Math.min(260, 16 + 6.6 * Math.max(6, ...s.series.map((x) => Math.min(x.name.length, 36))))
  const left = 52
  const top = 14
  const plotW = 640
  const plotH = 220
  const width = left + plotW + labelW
  const legendRows = Math.ceil(s.series.length / 3)
  const height = top + plotH + 34 + legendRows * 18 + 6
  const sx = (x: number) => left + ((x - x0) / (x1 - x0)) * plotW
  const sy = (y: number) => top + plotH - (y / s.yMax) * plotH
  const parts = [svgOpen(s.id, s.title, s.desc, width, height)]
  // grid and axes
  for (const t of s.yTicks) {
    parts.push(
      `<line x1="${left}" y1="${sy(t).toFixed(1)}" x2="${left + plotW}" y2="${sy(t).toFixed(1)}" stroke="#eaeef2"/>`,
      `<text x="${left - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end" fill="#57606a">${h(s.yFormat(t))}</text>`,
    )
  }
  parts.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#8c959f"/>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#8c959f"/>`,
  )
  // one tick per night at its midnight (UTC), thinned out to at most 8 labels
  const nights = [...new Set(xs.map((x) => date(x)))].sort()
  const step = Math.max(1, Math.ceil(nights.length / 8))
  nights
    .filter((_, i) => i % step === 0 || i === nights.length - 1)
    .forEach((n) => {
      const x = sx(Date.parse(`${n}T00:00:00Z`))
      if (x < left || x > left + plotW) return
      parts.push(
        `<line x1="${x.toFixed(1)}" y1="${top + plotH}" x2="${x.toFixed(1)}" y2="${top + plotH + 4}" stroke="#8c959f"/>`,
        `<text x="${x.toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" font-size="10" fill="#57606a">${h(n)}</text>`,
      )
    })
  // the lines, then their names at the end (nudged apart when they would overlap)
  const ends: { y: number; name: string; colour: string }[] = []
  s.series.forEach((series, k) => {
    const colour = COLOURS[k % COLOURS.length]!
    const shape = SHAPES[k % SHAPES.length]!
    const pts = [...series.points].sort((a, b) => a.x - b.x)
    let run: string[] = []
    const flush = () => {
      if (run.length > 1)
        parts.push(`<polyline points="${run.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`)
      run = []
    }
    for (const p of pts) {
      if (p.y === undefined) flush()
      else run.push(`${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
    }
    flush()
    for (const p of pts) {
      if (p.y === undefined) continue
      parts.push(
        `<g class="pt"><title>${h(`${series.name} · ${dateTime(p.x)}: ${p.label}`)}</title>${marker(shape, sx(p.x), sy(p.y), colour)}</g>`,
      )
    }
    const last = [...pts].reverse().find((p) => p.y !== undefined)
    if (last) ends.push({ y: sy(last.y!), name: series.name, colour })
  })
  ends.sort((a, b) => a.y - b.y)
  for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + 13)
  for (const e of ends)
    parts.push(
      `<text x="${left + plotW + 8}" y="${(e.y + 4).toFixed(1)}" fill="${e.colour}" font-weight="600"><title>${h(e.name)}</title>${h(e.name.length > 36 ? `${e.name.slice(0, 35)}…` : e.name)}</text>`,
    )
  // legend: marker and name, three to a row
  s.series.forEach((series, k) => {
    const colour = COLOURS[k % COLOURS.length]!
    const x = left + (k % 3) * Math.floor((plotW + labelW) / 3)
    const y = top + plotH + 34 + Math.floor(k / 3) * 18
    parts.push(
      `<g>${marker(SHAPES[k % SHAPES.length]!, x + 6, y - 4, colour)}<text x="${x + 16}" y="${y}" fill="#1b1f24">${h(series.name)}</text></g>`,
    )
  })
  parts.push('</svg>')
  const rows = s.series.flatMap((series) =>
    [...series.points].sort((a, b) => a.x - b.x).map((p) => [series.name, dateTime(p.x), p.label]),
  )
  return `<figure class="chart-box"><figcaption>${h(s.title)}</figcaption>${parts.join('')}${fallbackTable(s.title, ['Target', 'Run (UTC)', s.valueName], rows)}</figure>`
}
