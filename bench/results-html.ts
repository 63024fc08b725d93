// bench/RESULTS.html beside bench/RESULTS.md: the same figures as charts — throughput bars per serving path
// and time-to-kill per quirk (median and max over the seeds). Read from RESULTS.md's own tables, so the page
// always shows exactly the committed figures. Usage: npm run bench:html [-- RESULTS.md RESULTS.html]
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { barChart } from '../src/report/charts'
import { chartPage, type ChartSection } from '../src/report/chart-page'

interface MdTable {
  header: string[]
  rows: string[][]
}

/** Every pipe table in a Markdown text. */
export function markdownTables(md: string): MdTable[] {
  const out: MdTable[] = []
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim())
  const lines = md.split('\n')
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|') || !/^\|?\s*:?-{3,}/.test(lines[i + 1]!.trim())) continue
    const t: MdTable = { header: cells(lines[i]!), rows: [] }
    for (i += 2; i < lines.length && lines[i]!.trim().startsWith('|'); i++) t.rows.push(cells(lines[i]!))
    out.push(t)
  }
  return out
}

const num = (s: string | undefined) => Number((s ?? '').replace(/[^\d.]/g, ''))

export function benchSections(md: string): ChartSection[] {
  const tables = markdownTables(md)
  const sections: ChartSection[] = []
  const throughput = tables.find((t) => t.header[0] === 'path' && t.header.includes('calls/s'))
  if (throughput) {
    const col = throughput.header.indexOf('calls/s')
    sections.push({
      title: 'Throughput',
      intro:
        'DescribeView calls per second through each way of serving the stub (median round); the ceiling is the SDK with a canned handler.',
      charts: [
        barChart({
          id: 'bench-throughput',
          title: 'SDK calls per second by serving path',
          desc: 'Calls per second, higher is better.',
          categories: throughput.rows.map((r) => r[0]!),
          series: [{ name: 'calls/s', values: throughput.rows.map((r) => num(r[col])) }],
        }),
      ],
    })
  }
  const detection = tables.find((t) => t.header[0] === 'quirk' && t.header.includes('median time'))
  if (detection) {
    const at = (name: string) => detection.header.indexOf(name)
    const killed = detection.rows.map((r) => r[at('killed')] ?? '')
    sections.push({
      title: 'Time to kill per quirk',
      intro: `Wall time until the first failing property caught each planted quirk (killed on ${killed.filter((k) => k.split('/')[0] === k.split('/')[1]).length}/${killed.length} quirks on every seed).`,
      charts: [
        barChart({
          id: 'bench-time-to-kill',
          title: 'Time to kill per quirk (ms)',
          desc: 'Median and maximum milliseconds until detection, lower is better.',
          categories: detection.rows.map((r) => `${r[0]} (${r[at('killed')]})`),
          series: [
            {
              name: 'median over the seeds',
              short: 'median',
              values: detection.rows.map((r) => num(r[at('median time')])),
            },
            {
              name: 'slowest seed',
              short: 'max',
              values: detection.rows.map((r) => num(r[at('max time')])),
              tone: 'muted',
            },
          ],
          format: (n) => `${n} ms`,
        }),
      ],
    })
  }
  return sections
}

export function writeBenchHtml(mdFile: string, htmlFile: string): void {
  const md = readFileSync(mdFile, 'utf8')
  const measured = /^Measured .*$/m.exec(md)?.[0] ?? ''
  const sections = benchSections(md)
  if (sections.length === 0) throw new Error(`${mdFile}: no throughput or detection table found`)
  writeFileSync(
    htmlFile,
    chartPage(
      'Connect Views conformance — benchmark figures',
      `${measured} Rendered from ${mdFile.split('/').pop()}.`,
      sections,
    ),
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const here = (f: string) => fileURLToPath(new URL(f, import.meta.url))
  const [md = here('./RESULTS.md'), html = here('./RESULTS.html')] = process.argv.slice(2)
  writeBenchHtml(md, html)
  console.log(`wrote ${html}`)
}
