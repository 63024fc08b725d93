// Headless Chromium for the rendering tests (playwright-core drives Debian's chromium, which `npm run
// setup:test` installs: the tests only look for it), and one browser context with a fresh profile per test file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export { CHROMIUM_PATH as CHROMIUM } from '../../support/prerequisites'
import { CHROMIUM_PATH as CHROMIUM } from '../../support/prerequisites'
export const VIEWPORT = { width: 1280, height: 800 }

/** undefined when Chromium is there, else why not (`npm run setup:test` installs it; tests never do). */
export { chromiumMissing } from '../../support/prerequisites'

/** A headless browser with a fresh profile; close() also removes the profile. */
export async function launchBrowser(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  const userData = mkdtempSync(join(tmpdir(), 'cvc-chromium-profile-'))
  // a fresh profile each run (the user-data-dir flag, passed the way playwright wants it)
  const browser = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
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
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(userData, { recursive: true, force: true })
    },
  }
}

export interface Visit {
  page: Page
  /** Console errors and uncaught exceptions of the page. */
  consoleErrors: string[]
  /** Every request but the page itself (a self-contained page makes none). */
  requests: string[]
}

/** Opens a local file in a new page, recording console errors and every request beyond the file itself. */
export async function visitFile(browser: BrowserContext, file: string): Promise<Visit> {
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
  return { page, consoleErrors, requests }
}

/** For a describe block: a browser launched before its tests and a scratch folder, both gone after them. */
export function browserForSuite(prefix: string): { browser: () => BrowserContext; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  let launched: Awaited<ReturnType<typeof launchBrowser>> | undefined
  beforeAll(async () => {
    launched = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await launched?.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { browser: () => launched!.browser, dir }
}
