// Headless Chromium for the rendering tests (playwright-core drives Debian's chromium): installed here when it
// is absent and we may (root with apt-get, as on CI), else a reason to skip; and one browser context with a
// fresh profile per test file.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

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
