// bench/RESULTS.html shows exactly the figures in bench/RESULTS.md (regenerate with npm run bench:html).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { benchSections, markdownTables } from '../../bench/results-html'

const md = readFileSync(new URL('../../bench/RESULTS.md', import.meta.url), 'utf8')
const html = readFileSync(new URL('../../bench/RESULTS.html', import.meta.url), 'utf8')

describe('bench HTML page', () => {
  it('charts both tables of RESULTS.md', () => {
    const sections = benchSections(md)
    expect(sections.map((s) => s.title)).toEqual(['Throughput', 'Time to kill per quirk'])
    const detection = markdownTables(md).find((t) => t.header[0] === 'quirk')!
    expect(detection.rows.length).toBeGreaterThan(10)
    expect(sections[1]!.charts[0]!.match(/<g class="bar">/g)).toHaveLength(detection.rows.length * 2) // median and max per quirk
  })

  it('the committed page is up to date with RESULTS.md (npm run bench:html)', () => {
    for (const section of benchSections(md)) for (const chart of section.charts) expect(html).toContain(chart)
  })
})
