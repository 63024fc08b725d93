// The honest test of an incomplete emulator (real emulators lack operations): moto's server implements Connect instances and
// tags but no view operation. Against it, the run must exit 1 with every view operation *not implemented*
// (with moto's HTML 404 as evidence), no view rule `passed`, and no "SyntaxError" anywhere in the report.
// Skipped, with the reason, where Python's moto is not installed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { OPERATION_NAMES } from '../../src/spec'
import { runCli, tempDir, type CliResult } from '../cli/support/cli'
import { motoMissing, motoRunArgs, startMoto, type Moto } from './support/moto'

if (motoMissing) console.warn(`${motoMissing}: skipping the run against moto.server`)

const VIEW_OPERATIONS = OPERATION_NAMES.filter(
  (op) => !['TagResource', 'UntagResource', 'ListTagsForResource'].includes(op),
)

describe.skipIf(motoMissing)('against moto.server (no view operations)', () => {
  let moto: Moto
  let run: CliResult
  let out: string
  beforeAll(async () => {
    moto = await startMoto()
    out = tempDir()
    run = await runCli(motoRunArgs(moto, 1, out), { timeoutMs: 90_000 })
  }, 120_000)
  afterAll(() => {
    moto?.stop()
  })

  it("exits 1 with every view operation not implemented, with moto's 404 page as evidence", () => {
    expect(run.code, run.stdout + run.stderr).toBe(1)
    const t = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    for (const op of VIEW_OPERATIONS) {
      const c = t.coverage.find((x) => x.operation === op)!
      expect(c.implementation, op).toBe('not-implemented')
      expect(c.evidence?.status, op).toBe(404)
    }
    const viewRules = new Set(t.rules.map((r) => r.id).filter((id) => !['R21', 'R40'].includes(id)))
    expect(t.rules.filter((r) => viewRules.has(r.id) && r.status === 'passed').map((r) => r.id)).toEqual([])
  })

  it('names no SyntaxError: the SDK failing to parse an HTML page is evidence, not a finding', () => {
    expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toContain('SyntaxError')
    expect(run.stdout).not.toContain('SyntaxError')
  })
})
