// An emulator that is not there yet, made a green nightly: against moto's server (ten of the thirteen
// operations missing) the first run is red; `expectations write` turns it into a baseline, and the next run
// held against it exits 0 with "0 unexpected". The same file against a complete target (our stub) exits 1 and
// names, per operation now implemented, the line to delete. Skipped, with the reason, where moto is missing.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { OPERATION_NAMES } from '../../src/spec'
import { runCli, tempDir } from '../cli/support/cli'
import { motoMissing, motoRunArgs, startMoto, type Moto } from '../verdicts/support/moto'

if (motoMissing) console.warn(`${motoMissing}: skipping the expectations run against moto.server`)

/** The view operations moto lacks (it implements Connect's tagging). */
const MISSING = OPERATION_NAMES.filter((op) => !['TagResource', 'UntagResource', 'ListTagsForResource'].includes(op))

describe.skipIf(motoMissing)('expectations against moto.server', () => {
  let moto: Moto
  const dir = tempDir('cvc-moto-expect-')
  const file = join(dir, 'moto.expectations.json')
  const runMoto = (seed: number, out: string, extra: string[] = []) =>
    runCli(motoRunArgs(moto, seed, join(dir, out), extra), { timeoutMs: 90_000 })
  beforeAll(async () => {
    moto = await startMoto()
  }, 60_000)
  afterAll(() => moto?.stop())

  it('a red first run becomes the baseline; the next run held against it: exit 0, 0 unexpected', async () => {
    const first = await runMoto(1, 'first')
    expect(first.code, first.stdout + first.stderr).toBe(1)
    const written = await runCli(['expectations', 'write', join(dir, 'first', 'report.json'), '--out', file])
    expect(written.code, written.stderr).toBe(0)
    expect(written.stdout).toContain('10 known failures of endpoint')
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { expectations: { notImplemented?: string }[] }
    expect(doc.expectations.map((e) => e.notImplemented)).toEqual(MISSING)

    const second = await runMoto(2, 'second', ['--expectations', file])
    expect(second.code, second.stdout + second.stderr).toBe(0)
    expect(second.stdout).toMatch(
      /Expectations: 0 unexpected: \d+ expected, 0 unexpected failures, 0 unexpected passes/,
    )
    expect(second.stdout).toContain('RESULT: AS EXPECTED — 0 unexpected (10 known failures listed)')
    const t = (JSON.parse(readFileSync(join(dir, 'second', 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    expect(t.score!.operations).toEqual({ implemented: 3, total: 13 })
    expect(readFileSync(join(dir, 'second', 'summary.md'), 'utf8')).toMatch(/expectations: 0 unexpected/)
  }, 180_000)

  it('the same file against our stub: exit 1, each operation an unexpected pass with its line to delete', async () => {
    const r = await runCli(
      [
        'run',
        '--target',
        'stub',
        '--only',
        'coverage-plan',
        '--seed',
        '1',
        '--out',
        join(dir, 'stub'),
        '--expectations',
        file,
      ],
      { timeoutMs: 90_000 },
    )
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/Expectations: 10 unexpected: \d+ expected, 0 unexpected failures, 10 unexpected passes/)
    const lines = readFileSync(file, 'utf8').split('\n')
    for (const op of MISSING) {
      const line = lines.findIndex((l) => l.includes(`"notImplemented": "${op}"`)) + 1
      expect(r.stdout).toContain(`✔ operation ${op} not implemented`)
      expect(r.stdout).toContain(`delete ${file}:${line}: { "notImplemented": "${op}", "expected": "FAIL"`)
    }
    expect(r.stdout).toContain('RESULT: FAILED — 0 unexpected failures, 10 unexpected passes on stub')
  }, 120_000)
})
