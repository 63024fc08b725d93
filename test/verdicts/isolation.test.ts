// "Isolation on endpoint targets" (a leftover view must not fail a later sequence): every sequence starts from a clean slate even when the
// target refuses to delete what the previous one created. The refusal is reported (report.cleanup.failed),
// never silently forgotten, and no later sequence trips over a leftover: names and client tokens are unique
// per sequence, so a leftover can never clash with a new view (before, a leftover's name made the next
// CreateView answer DuplicateResourceException and the run blamed R1/R5 on a correct target).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { startStubServer, type StubServer } from '../../src/stub'
import { runCli, tempDir, type CliResult } from '../cli/support/cli'

describe('a target whose DeleteView always fails', () => {
  let server: StubServer
  let run: CliResult
  let out: string
  beforeAll(async () => {
    server = await startStubServer({
      coreOptions: {
        faults: { forceError: [{ operation: 'DeleteView', errorName: 'AccessDeniedException', times: Infinity }] },
      },
    })
    out = tempDir()
    run = await runCli(
      [
        'run',
        '--target',
        server.url,
        '--runs',
        '6',
        '--seed',
        '1',
        '--out',
        out,
        '--only',
        'immutability',
        'monotonic-versions',
        'saved-vs-latest',
      ],
      { timeoutMs: 90_000 },
    )
  }, 100_000)
  afterAll(() => server?.close())

  it('runs every sequence without tripping over the leftovers of the one before', () => {
    const t = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    expect(t.properties.filter((p) => p.status === 'failed').map((p) => `${p.id}: ${p.failure?.message}`)).toEqual([])
    expect(t.properties.every((p) => p.status === 'passed')).toBe(true)
    expect(run.code, run.stdout).toBe(0)
  })

  it('reports every view it could not delete, with the reason', () => {
    const t = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    expect(t.cleanup?.failed.length).toBeGreaterThanOrEqual(18) // at least one view per sequence, 3 × 6 sequences
    for (const f of t.cleanup!.failed) expect(f.error).toMatch(/^AccessDeniedException/)
    expect(t.cleanup?.deleted).toBe(0)
  })
})
