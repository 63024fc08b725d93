// Headless Chromium for the rendering tests (playwright-core drives Debian's chromium): installed here when it
// is absent and we may (root with apt-get, as on CI), else a reason to skip; and one browser context with a
// fresh profile per test file.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const VIEWPORT = { width: 1280, height: 800 }

/** undefined when Chromium is there (installing Debian's package if we are root with apt-get); else why not. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined
  const aptGet = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0
  if (process.getuid?.() === 0 && aptGet) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 300_000 })
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'ignore',
      env,
      timeout: 600_000,
    })
    if (existsSync(CHROMIUM)) return undefined
  }
  return `no Chromium at ${CHROMIUM} (install Debian's chromium package, or set CHROMIUM_PATH)`
}

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
