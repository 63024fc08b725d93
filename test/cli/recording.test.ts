// `conformance record` and `conformance parity`, and recordings of live AWS confirming inferred rules in
// `conformance run`. `record` runs as a real process; the other commands call the CLI's main in this one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { runCli, runCliInProcess, tempDir } from './support/cli'

describe('record and parity', () => {
  it('a recording of the stub replays identically on the stub and shows every difference on a deviating one', async () => {
    const file = join(tempDir(), 'stub.json')
    const rec = await runCli(['record', '--target', 'stub', '--seed', '5', '--commands', '30', '--out', file])
    expect(rec.code, rec.stderr).toBe(0)
    expect(rec.stdout).toMatch(/recorded \d+ steps against stub \(seed 5\)/)
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved.steps.length).toBeGreaterThan(10)

    const same = await runCliInProcess(['parity', file, '--target', 'stub'])
    expect(same.code, same.stdout).toBe(0)
    expect(same.stdout).toMatch(/stub vs stub .*: identical/)

    // every step of the deviating stub differs, and each differing read is read again until the consistency
    // window ends: a short window keeps that wait short (the differences shown are the same)
    const other = await runCliInProcess([
      'parity',
      file,
      '--target',
      'stub',
      '--quirk',
      'iso-timestamps',
      '--convergence',
      '500ms',
    ])
    expect(other.code).toBe(1)
    expect(other.stdout).toMatch(/\d+ steps differ/)
    expect(other.stdout).toMatch(/^step \d+ \(CreateView\):/m)
  })

  it('parity of a file that is not a recording is a usage error', async () => {
    const file = join(tempDir(), 'x.json')
    writeFileSync(file, '{"format":"something-else"}')
    const r = await runCliInProcess(['parity', file])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/not a recording/)
  })
})

describe('recordings of live AWS confirm inferred rules', () => {
  it('a rule a live recording confirmed is asserted in default mode', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'recs'))
    writeFileSync(
      join(dir, 'recs', 'aws.json'),
      JSON.stringify({
        format: 'connect-views-conformance/recording@1',
        target: { kind: 'aws', label: 'aws eu-west-2', region: 'eu-west-2' },
        recordedAt: '2026-11-01T00:00:00.000Z',
        seed: 1,
        steps: [],
        confirms: ['R41'],
        contradicts: [],
      }),
    )
    const out = join(dir, 'out')
    const r = await runCliInProcess([
      'run',
      '--only',
      'differential',
      '--runs',
      '5',
      '--seed',
      '3',
      '--recordings',
      join(dir, 'recs'),
      '--out',
      out,
      '--report',
      'json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const t = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    expect(t.mode.confirmed).toEqual(['R41'])
    expect(t.rules.find((x) => x.id === 'R41')!.status).toBe('passed') // inferred, yet asserted
    expect(t.rules.find((x) => x.id === 'R42')!.status).toBe('not-asserted-in-this-mode') // not confirmed
  })
})
