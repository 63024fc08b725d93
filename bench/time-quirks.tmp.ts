import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../src/cli/main'
import { QUIRK_NAMES } from '../src/model/quirks'
const quirks = process.argv[2] ? process.argv[2].split(',') : QUIRK_NAMES
const t0 = Date.now()
for (const q of quirks) {
  const out = mkdtempSync(join(tmpdir(), 'cvc-tq-'))
  const s = Date.now()
  const code = await main(['node', 'conformance', 'run', '--target', 'stub', '--report', 'json', '--out', out, '--regressions', join(out, 'none'), '--quirk', q, '--seed', '20261126', '--only', 'immutability', 'monotonic-versions', 'saved-vs-latest', 'checksum-conflict', 'no-change-publish', 'pagination', 'delete', 'validation', 'differential'])
  process.stderr.write(`${q} exit ${code} ${Date.now() - s} ms\n`)
}
process.stderr.write(`total ${Date.now() - t0}\n`)
