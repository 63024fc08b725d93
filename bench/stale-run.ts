// A whole default run against the stub served eventually consistent (bounded staleness), as an independent
// emulator inside Connect's documented envelope would answer: the acceptance check that the checker reports
// no false failure under staleness, and proof that the same stub fails under --consistency strong.
// Usage: npx tsx bench/stale-run.ts [--window 500ms] [--not-found 0.25] [--seed 1] [--stub-seed 1] [-- run flags…]
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../src/cli/main'
import { startStubServer } from '../src/stub'
import { asDuration } from '../src/settings'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
process.env.PACT_DO_NOT_TRACK = 'true'

const argv = process.argv.slice(2)
const sep = argv.indexOf('--')
const own = sep < 0 ? argv : argv.slice(0, sep)
const extra = sep < 0 ? [] : argv.slice(sep + 1)
const opt = (name: string, dflt: string) => {
  const i = own.indexOf(`--${name}`)
  return i < 0 ? dflt : own[i + 1]!
}
const windowMs = asDuration({ value: opt('window', '500ms'), source: '--window' })
const notFoundRate = Number(opt('not-found', '0.25'))
const stubSeed = Number(opt('stub-seed', '1'))

const server = await startStubServer({
  coreOptions: { faults: { eventual: { windowMs, notFoundRate, seed: stubSeed } } },
})
const out = mkdtempSync(join(tmpdir(), 'cvc-stale-'))
const t0 = performance.now()
const code = await main([
  'node',
  'conformance',
  'run',
  '--target',
  server.url,
  '--report',
  'json',
  '--out',
  out,
  '--seed',
  opt('seed', '1'),
  ...extra,
])
const wallMs = Math.round(performance.now() - t0)
await server.close()
const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
const t = report.targets[0]
const failed = t.properties.filter((p: { status: string }) => p.status === 'failed')
const o = t.consistencyObservations
console.log(
  JSON.stringify(
    {
      windowMs,
      notFoundRate,
      stubSeed,
      exitCode: code,
      wallMs,
      calls: t.stats.calls,
      rechecks: t.stats.consistencyRechecks ?? 0,
      failed: failed.map(
        (p: { id: string; failure: { rule: string; message: string } }) =>
          `${p.id}: ${p.failure.rule}: ${p.failure.message.split('\n')[0]}`,
      ),
      reads: o?.readsTotal,
      stale: o?.staleTotal,
      convergences: o?.convergences.length,
      notConverged: o?.convergences.filter((c: { converged: boolean }) => !c.converged).length,
      out,
    },
    null,
    1,
  ),
)
