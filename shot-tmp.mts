import { chromium } from 'playwright-core'
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] })
const page = await b.newPage({ viewport: { width: 1280, height: 900 } })
for (const [name, file] of [['stub', 'out/fx/stub/matrix.html'], ['quirks', 'out/fx/quirks/matrix.html'], ['merged', 'out/fx/merged/matrix.html']]) {
  await page.goto('file://' + process.cwd() + '/' + file)
  await page.screenshot({ path: `/tmp/rep/${name}.png`, fullPage: true })
  console.log(name, await page.evaluate(() => document.documentElement.scrollHeight))
}
await b.close()
