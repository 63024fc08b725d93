// `conformance report history` over six nights of two targets (reports of real runs, test/report/fixtures/,
// re-dated): the page renders in headless Chromium with both charts drawn and titled, the flips of the night a
// bug came and went, one table per night, no console error and no request (the page is self-contained).
// UPDATE_SCREENSHOTS=1 writes the picture shown in the README to docs/report-history.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { reportHistoryCommand } from '../../src/cli/history-command'
import { buildHistory, findReports } from '../../src/report/history'
import type { ConformanceReport, TargetReport } from '../../src/report/report-types'
import { fixture } from './fixtures'
import { chromiumMissing, browserForSuite, visitFile } from './support/chromium'
import { skipWithout } from '../support/prerequisites'

const DOCS = new URL('../../docs/', import.meta.url)

/** One night's report.json of one target, re-dated (and re-labelled, so every night is the same column). */
function night(source: ConformanceReport, targetIndex: number, id: string, day: string): ConformanceReport {
  const t: TargetReport = { ...source.targets[targetIndex]!, id, label: id, startedAt: `${day}T03:23:00.000Z` }
  return { ...source, generatedAt: `${day}T03:40:00.000Z`, targets: [t] }
}

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']
const EMULATOR = 'endpoint http://127.0.0.1:4566'

/** The stub: clean, then three planted bugs on nights 3 and 4, clean again. The emulator: moto-like, then complete. */
function nights(): { day: string; report: ConformanceReport }[] {
  const clean = fixture('clean')
  const quirks = fixture('quirks')
  const moto = fixture('moto')
  const merged = fixture('merged')
  return DAYS.flatMap((day, i) => [
    { day, report: night(i === 2 || i === 3 ? quirks : clean, 0, 'stub', day) },
    { day, report: night(i < 2 ? moto : merged, i < 2 ? 0 : 1, EMULATOR, day) },
  ])
}

function writeNights(dir: string): void {
  nights().forEach(({ day, report }, i) => {
    const folder = join(dir, day, i % 2 ? 'emulator' : 'stub')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'report.json'), JSON.stringify(report))
    // the replay bundles beside a report are JSON too, and not reports: the folder walk skips them
    mkdirSync(join(folder, 'bundles'), { recursive: true })
    writeFileSync(join(folder, 'bundles', 'x.json'), '{"property":"x"}')
  })
}

describe('report history: the data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cvc-history-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  writeNights(dir)
  const warnings: string[] = []
  const hist = buildHistory(findReports([dir], (l) => warnings.push(l)))

  it('reads every report of the folders (and nothing else), two targets over six nights', () => {
    expect(warnings).toEqual([])
    expect(hist.runs).toHaveLength(12)
    expect(hist.targets.sort()).toEqual([EMULATOR, 'stub'].sort())
    expect(hist.nights).toEqual([...DAYS].reverse())
  })

  it('the flips: each planted bug first seen on night 3 and fixed on night 5; the emulator implementing its operations on night 3', () => {
    const stub = hist.flips.filter((f) => f.target === 'stub')
    const broke = stub.filter((f) => f.to === 'failed').map((f) => `${f.id}@${f.night}`)
    const fixed = stub.filter((f) => f.to === 'passed').map((f) => `${f.id}@${f.night}`)
    expect(broke.length).toBeGreaterThan(0)
    for (const f of broke) expect(f).toMatch(/@2026-11-03$/)
    expect(fixed.map((f) => f.replace('2026-11-05', '2026-11-03')).sort()).toEqual([...broke].sort())
    expect(stub.filter((f) => f.to === 'failed').every((f) => !f.current)).toBe(true)
    const ops = hist.flips.filter((f) => f.target === EMULATOR && f.kind === 'operation')
    expect(ops).toHaveLength(10)
    for (const f of ops) expect(f).toMatchObject({ from: 'not-implemented', to: 'implemented', night: '2026-11-03' })
  })

  it('the score of a run is its documented rules passed out of those exercised', () => {
    const quirky = hist.runs.find((r) => r.target === 'stub' && r.night === '2026-11-03')!
    const clean = hist.runs.find((r) => r.target === 'stub' && r.night === '2026-11-01')!
    expect(clean.score.rules.share).toBe(1)
    expect(quirky.score.rules.share!).toBeLessThan(1)
    expect(quirky.score.rules.passed).toBe(
      quirky.score.rules.exercised - Object.values(quirky.rules).filter((s) => s === 'failed').length,
    )
    const motoNight = hist.runs.find((r) => r.target === EMULATOR && r.night === '2026-11-01')!
    expect(motoNight.score.operations).toEqual({ implemented: 3, total: 13 })
    expect(motoNight.score.rules.share).toBeUndefined()
  })
})

const missing = skipWithout(chromiumMissing())
if (missing) console.warn(`history browser test skipped: ${missing}`)

describe.skipIf(missing)('history.html in headless Chromium', () => {
  const suite = browserForSuite('cvc-history-page-')
  const dir = suite.dir

  it('a titled score chart and an operations chart, the flips, one table per night; no console error, no request', async () => {
    writeNights(join(dir, 'reports'))
    const lines: string[] = []
    const code = reportHistoryCommand(
      [join(dir, 'reports')],
      { out: join(dir, 'out'), now: new Date('2026-11-06T04:00:00Z') },
      { out: (l) => lines.push(l), warn: (l) => lines.push(l) },
    )
    expect(code).toBe(0)
    expect(lines[0]).toContain('12 runs of 2 targets over 6 nights')
    const file = join(dir, 'out', 'history.html')
    expect(readFileSync(file, 'utf8')).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1|www\.w3\.org)/)
    const { page, consoleErrors: errors, requests } = await visitFile(suite.browser(), file)
    try {
      const titles = await page.locator('svg.chart > title').allTextContents()
      expect(titles).toEqual(['Conformance score over time', 'Operations implemented over time (of 13)'])
      for (const svg of await page.locator('svg.chart').all()) {
        const box = (await svg.boundingBox())!
        expect(box.width).toBeGreaterThan(300)
        expect(box.height).toBeGreaterThan(150)
      }
      // one line per target in each chart, a marker per run with its value on hover
      expect(await page.locator('#chart-score polyline').count()).toBeGreaterThanOrEqual(1)
      expect(await page.locator('#chart-score g.pt').count()).toBe(10) // the emulator has no score while nothing is exercised
      expect(await page.locator('#chart-operations g.pt').count()).toBe(12)
      expect(await page.locator('details.night').count()).toBe(6)
      expect(await page.locator('section.card').count()).toBe(2)
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the rendered text), not the DOM property
      const flips = await page.locator('table.flips').innerText()
      expect(flips).toContain('2026-11-03')
      expect(errors).toEqual([])
      expect(requests).toEqual([])
      const png = await page.screenshot({ fullPage: true })
      expect(png.length).toBeGreaterThan(10_000)
      writeFileSync(join(dir, 'history.png'), png)
      if (process.env.UPDATE_SCREENSHOTS) {
        mkdirSync(DOCS, { recursive: true })
        writeFileSync(new URL('report-history.png', DOCS), await page.screenshot({ fullPage: false }))
      }
      if (process.env.HISTORY_SCREENSHOT) writeFileSync(process.env.HISTORY_SCREENSHOT, png)
    } finally {
      await page.close()
    }
  }, 60_000)
})
