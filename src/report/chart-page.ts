// A standalone page around charts (charts.ts): inline CSS and SVG only, readable offline. bench/ writes its
// figures with it; anything else that wants a chart page (live-run figures, …) can too.
import { CHART_CSS, CHART_DEFS, escapeHtml as h } from './charts'

export interface ChartSection {
  title: string
  /** Plain text under the heading (where the figures come from, what to read from them). */
  intro?: string
  /** Charts from charts.ts (each already carries its table fallback). */
  charts: string[]
}

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.2em 2em; color: #1b1f24; max-width: 1200px; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; border-bottom: 1px solid #d0d7de; margin-top: 1.4em; }
.meta { color: #57606a; font-size: 12px; }
table { border-collapse: collapse; margin: .5em 0; } th, td { border: 1px solid #d0d7de; padding: .2em .55em; text-align: left; }
th { background: #f6f8fa; }
${CHART_CSS}`

export function chartPage(title: string, meta: string, sections: readonly ChartSection[]): string {
  const body = sections
    .map((s) => `<h2>${h(s.title)}</h2>${s.intro ? `<p>${h(s.intro)}</p>` : ''}<div>${s.charts.join('')}</div>`)
    .join('\n')
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${h(title)}</title><style>${CSS}</style></head>\n<body>\n${CHART_DEFS}\n<h1>${h(title)}</h1><p class="meta">${h(meta)}</p>\n${body}\n</body></html>\n`
  )
}
