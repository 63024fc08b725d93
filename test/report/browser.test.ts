// The HTML report in a real browser (headless Chromium through playwright-core): the verdict and totals are
// in the first viewport, every chart is drawn with a title, nothing errors on the console and nothing is
// fetched (the file is self-contained), and the moto-style report (every view operation missing) stays short
// because its failures are grouped. UPDATE_SCREENSHOTS=1 writes the screenshots shown in the README to docs/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { matrixHtml } from '../../src/report/matrix-html'
import { CHROMIUM_PATH, chromiumMissing, skipWithout } from '../support/prerequisites'
import { fixture, type FIXTURES } from './fixtures'

const VIEWPORT = { width: 1280, height: 800 }
const DOCS = new URL('../../docs/', import.meta.url)
const BENCH_HTML = new URL('../../bench/RESULTS.html', import.meta.url)

// the browser is a prerequisite `npm run setup:test` installs: this test only looks for it
const missing = skipWithout(chromiumMissing())

interface Visit {
  page: Page
  height: number
  consoleErrors: string[]
  requests: string[]
}

describe.skipIf(missing)('matrix.html in headless Chromium', () => {
  let browser: BrowserContext
  const dir = mkdtempSync(join(tmpdir(), 'cvc-browser-'))
  const userData = mkdtempSync(join(tmpdir(), 'cvc-chromium-profile-'))

  beforeAll(async () => {
    // a fresh profile each run (the user-data-dir flag, passed the way playwright wants it)
    browser = await chromium.launchPersistentContext(userData, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: VIEWPORT,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    })
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(userData, { recursive: true, force: true })
  })

  async function visit(name: keyof typeof FIXTURES): Promise<Visit> {
    const file = join(dir, `${name}.html`)
    writeFileSync(file, matrixHtml(fixture(name)))
    const url = pathToFileURL(file).href
    const page = await browser.newPage()
    const consoleErrors: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(e.message))
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url())
    })
    await page.goto(url, { waitUntil: 'load' })
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number
    return { page, height, consoleErrors, requests }
  }

  async function screenshot(v: Visit, name: string): Promise<void> {
    const png = await v.page.screenshot({ fullPage: true })
    expect(png.length).toBeGreaterThan(10_000)
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(DOCS, { recursive: true })
      writeFileSync(new URL(`report-${name}.png`, DOCS), png)
    }
  }

  it.each([
    ['clean', 'clean stub run'],
    ['quirks', 'stub with three planted quirks'],
    ['merged', 'merged stub + endpoint'],
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
        expect(await charts.count()).toBe(2 + report.targets.length) // rule status, calls, one coverage map per target
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

  it('bench/RESULTS.html: throughput and time-to-kill charts, titled, self-contained', async () => {
    const page = await browser.newPage()
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
