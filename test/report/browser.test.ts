// The HTML report in a real browser (headless Chromium through playwright-core): the verdict and totals are
// in the first viewport, every chart is drawn with a title, nothing errors on the console and nothing is
// fetched (the file is self-contained), and the moto-style report (every view operation missing) stays short
// because its failures are grouped. UPDATE_SCREENSHOTS=1 writes the screenshots shown in the README to docs/.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { matrixHtml } from '../../src/report/matrix-html'
import { fixture, type FixtureName } from './fixtures'
import { chromiumMissing, browserForSuite, VIEWPORT, visitFile, type Visit as PageVisit } from './support/chromium'
import { skipWithout } from '../support/prerequisites'

const DOCS = new URL('../../docs/', import.meta.url)
const BENCH_HTML = new URL('../../bench/RESULTS.html', import.meta.url)

// the browser is a prerequisite `npm run setup:test` installs: this test only looks for it
const missing = skipWithout(chromiumMissing())

interface Visit extends PageVisit {
  height: number
}

describe.skipIf(missing)('matrix.html in headless Chromium', () => {
  const suite = browserForSuite('cvc-browser-')
  const dir = suite.dir

  async function visit(name: FixtureName): Promise<Visit> {
    const file = join(dir, `${name}.html`)
    writeFileSync(file, matrixHtml(fixture(name)))
    const v = await visitFile(suite.browser(), file)
    const height = (await v.page.evaluate('document.documentElement.scrollHeight')) as number
    return { ...v, height }
  }

  async function screenshot(v: Visit, name: string): Promise<void> {
    const png = await v.page.screenshot({ fullPage: true })
    expect(png.length).toBeGreaterThan(10_000)
    // the consistency fixture's picture in the README is of its section alone (taken below)
    if (process.env.UPDATE_SCREENSHOTS && name !== 'consistency') {
      mkdirSync(DOCS, { recursive: true })
      writeFileSync(new URL(`report-${name}.png`, DOCS), png)
    }
  }

  it.each([
    ['clean', 'clean stub run'],
    ['quirks', 'stub with three planted quirks'],
    ['merged', 'merged stub + endpoint'],
    ['consistency', 'observed consistency: stub beside an eventually consistent emulator'],
  ] as const)(
    '%s (%s): verdict and totals in the first viewport, titled charts, no console errors, no requests',
    async (name, _what) => {
      const report = fixture(name)
      const v = await visit(name)
      try {
        const blocks = v.page.locator('section.target')
        expect(await blocks.count()).toBe(report.targets.length)
        for (let i = 0; i < report.targets.length; i++) {
          for (const part of ['.verdict', '.totals']) {
            const box = await blocks.nth(i).locator(part).boundingBox()
            expect(box, `${part} of target ${i}`).not.toBeNull()
            expect(box!.y + box!.height, `${part} of target ${i} below the first viewport`).toBeLessThanOrEqual(
              VIEWPORT.height,
            )
          }
          // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the rendered text), not the DOM property
          expect(await blocks.nth(i).locator('.verdict').innerText()).toMatch(/^(✔ PASSED|✘ FAILED|\? INCONCLUSIVE)/)
        }
        const charts = v.page.locator('svg.chart')
        // rule status, calls, one coverage map per target, one visibility curve per target with observed consistency
        expect(await charts.count()).toBe(
          2 + report.targets.length + report.targets.filter((t) => t.consistency).length,
        )
        for (let i = 0; i < (await charts.count()); i++) {
          const svg = charts.nth(i)
          const box = await svg.boundingBox()
          expect(box!.width * box!.height, `chart ${i} size`).toBeGreaterThan(0)
          expect((await svg.locator(':scope > title').textContent())?.trim(), `chart ${i} title`).toBeTruthy()
        }
        expect(await v.page.locator('details.group[open]').count()).toBe(0) // details collapsed by default
        expect(v.consoleErrors).toEqual([])
        expect(v.requests).toEqual([])
        // the picture in the README shows the first cause opened: counterexample, reproduce line, diff
        await v.page.evaluate("document.querySelector('details.group')?.setAttribute('open', '')")
        await screenshot(v, name)
      } finally {
        await v.page.close()
      }
    },
    60_000,
  )

  it('observed consistency: verdicts, parity note, per-operation tables and the visibility curve with its title', async () => {
    const report = fixture('consistency')
    const [stub, emulator] = report.targets.map((t) => t.consistency!)
    const v = await visit('consistency')
    try {
      const heading = v.page.locator('h2', { hasText: 'Observed consistency' })
      expect(await heading.count()).toBe(1)
      const sections = v.page.locator('section.consistency')
      expect(await sections.count()).toBe(2)
      expect(await sections.locator('.consistency-verdict').allInnerTexts()).toEqual([stub!.verdict, emulator!.verdict])
      expect(stub!.verdict).toMatch(/^observed: strongly consistent \(0 stale reads in [\d,]+\)$/)
      expect(emulator!.verdict).toMatch(
        /^observed: eventually consistent, p99 convergence [\d.]+ m?s \(\d+ stale reads in [\d,]+\)$/,
      )
      // the parity note only for the emulator that showed no stale read, with the AWS page it refers to
      expect(await sections.nth(0).locator('.parity').count()).toBe(1)
      expect(await sections.nth(0).locator('.parity').textContent()).toContain(
        'https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html',
      )
      expect(await sections.nth(1).locator('.parity').count()).toBe(0)
      for (let i = 0; i < 2; i++) {
        const t = report.targets[i]!
        const svg = sections.nth(i).locator('svg.chart')
        expect(await svg.count()).toBe(1)
        expect(await svg.locator(':scope > title').textContent()).toBe(`Reads reflecting the latest write — ${t.id}`)
        const box = await svg.boundingBox()
        expect(box!.height, 'chart height').toBeGreaterThan(150)
        // one column per time bucket, each carrying its value as text
        const bars = await svg.locator('g.bar > title').allTextContents()
        expect(bars).toHaveLength(t.consistency!.visibility.length)
        bars.forEach((b, k) => {
          expect(b.startsWith(`${t.consistency!.visibility[k]!.label}: `)).toBe(true)
        })
        expect(await sections.nth(i).locator('table tbody tr').count()).toBeGreaterThanOrEqual(
          t.consistency!.operations.length,
        )
      }
      // the 2 s window is marked on the emulator's curve
      expect(await sections.nth(1).locator('svg.chart').textContent()).toContain('window 2 s')
      expect(v.consoleErrors).toEqual([])
      expect(v.requests).toEqual([])
      // a picture of the section alone: from its heading to the end of its last target
      const top = (await heading.boundingBox())!
      const last = (await sections.nth(1).boundingBox())!
      const png = await v.page.screenshot({
        fullPage: true,
        clip: { x: 0, y: top.y - 8, width: VIEWPORT.width, height: last.y + last.height - top.y + 16 },
      })
      expect(png.length).toBeGreaterThan(10_000)
      const out = process.env.UPDATE_SCREENSHOTS
        ? new URL('report-consistency.png', DOCS)
        : join(dir, 'consistency.png')
      if (process.env.UPDATE_SCREENSHOTS) mkdirSync(DOCS, { recursive: true })
      writeFileSync(out, png)
    } finally {
      await v.page.close()
    }
  }, 60_000)

  it('bench/RESULTS.html: throughput and time-to-kill charts, titled, self-contained', async () => {
    const page = await suite.browser().newPage()
    const requests: string[] = []
    const errors: string[] = []
    const url = pathToFileURL(fileURLToPath(BENCH_HTML)).href
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url())
    })
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    try {
      await page.goto(url, { waitUntil: 'load' })
      const titles = await page.locator('svg.chart > title').allTextContents()
      expect(titles).toEqual(['SDK calls per second by serving path', 'Time to kill per quirk (ms)'])
      for (const svg of await page.locator('svg.chart').all())
        expect((await svg.boundingBox())!.height).toBeGreaterThan(50)
      expect(requests).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  }, 60_000)

  it('the moto-style report (every view operation unimplemented) is under 3,000 px with one entry per cause', async () => {
    const report = fixture('moto')
    const groups = report.targets[0]!.failureGroups!
    const v = await visit('moto')
    try {
      expect(v.height).toBeLessThan(3000)
      const summaries = await v.page.locator('details.group > summary').allInnerTexts()
      expect(summaries).toHaveLength(groups.length)
      summaries.forEach((s, i) => {
        expect(s).toContain(`${groups[i]!.count}×`)
      })
      expect(await v.page.locator('h2', { hasText: 'Not implemented' }).count()).toBe(1)
      expect(v.consoleErrors).toEqual([])
      expect(v.requests).toEqual([])
    } finally {
      await v.page.close()
    }
  }, 60_000)
})
