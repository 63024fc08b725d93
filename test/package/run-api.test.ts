// The run API of the library (src/run-api.ts, exported from the package root): `conformance run` from code,
// with the exit code and the JSON report it wrote, and a bad option as a ConformanceUsageError.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConformanceUsageError, type EventHandler, runConformance } from '../../src/index'
import { tempDir } from '../cli/support/cli'

describe('runConformance', () => {
  const isolated = () => {
    const dir = tempDir('cvc-api-')
    for (const d of ['none-regressions', 'none-recordings']) mkdirSync(join(dir, d))
    return {
      out: join(dir, 'out'),
      regressions: join(dir, 'none-regressions'),
      recordings: join(dir, 'none-recordings'),
    }
  }

  it('passes on the stub and returns the report; a planted quirk makes it exit 1 with the broken rule', async () => {
    const lines: string[] = []
    const ok = await runConformance(
      { target: 'stub', only: ['checksum-conflict'], runs: 5, seed: 3, reports: ['json'], ...isolated() },
      { stdout: { write: (t: string) => lines.push(t) }, env: {} },
    )
    expect(ok.exitCode).toBe(0)
    expect(ok.report?.targets[0]?.properties.map((p) => [p.id, p.status])).toEqual([['checksum-conflict', 'passed']])
    expect(lines.join('')).toContain('RESULT: PASSED')

    const broken = await runConformance(
      {
        target: 'stub',
        only: ['checksum-conflict'],
        runs: 20,
        seed: 3,
        quirks: ['checksum-not-checked'],
        reports: ['json'],
        ...isolated(),
      },
      { env: {} },
    )
    expect(broken.exitCode).toBe(1)
    expect(broken.report?.targets[0]?.properties[0]?.failure?.rule).toBe('R12')
  }, 60_000)

  it('your own handler hears the engine events; the report comes back whatever formats were written', async () => {
    const heard: string[] = []
    const handler: EventHandler = {
      PropertyFinished: (e) => {
        heard.push(`${e.property.id}:${e.report.status}`)
      },
    }
    const r = await runConformance(
      {
        target: 'stub',
        only: ['delete', 'pagination'],
        runs: 3,
        seed: 4,
        reports: ['tap'],
        handlers: [handler],
        ...isolated(),
      },
      { env: {} },
    )
    expect(r.exitCode).toBe(0)
    expect(heard).toEqual(['pagination:passed', 'delete:passed'])
    expect(r.report?.targets[0]?.properties.map((p) => p.id)).toEqual(['pagination', 'delete'])
  })

  it('a bad option is a ConformanceUsageError naming it', async () => {
    await expect(runConformance({ target: 'stub', shard: '3/2', ...isolated() }, { env: {} })).rejects.toThrow(
      ConformanceUsageError,
    )
    await expect(runConformance({ target: 'stub', shard: '3/2', ...isolated() }, { env: {} })).rejects.toThrow(
      /--shard: "3\/2" is not a shard/,
    )
  })
})
