// A failure found on the quirky stub becomes a bundle; `replay` answers STILL FAILING against the same quirk
// and FIXED against the correct stub; `run` replays committed regression bundles before the properties.
// The first replay runs as a real process; the other commands call the CLI's main in this one.
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { runCli, runCliInProcess, tempDir } from './support/cli'

let bundleFile: string

beforeAll(async () => {
  const out = tempDir()
  const r = await runCliInProcess([
    'run',
    '--target',
    'stub',
    '--quirk',
    'checksum-not-checked',
    '--only',
    'checksum-conflict',
    '--runs',
    '5',
    '--seed',
    '5',
    '--out',
    out,
    '--report',
    'json',
  ])
  expect(r.code, r.stderr).toBe(1)
  const bundles = join(out, 'bundles')
  bundleFile = join(bundles, readdirSync(bundles)[0]!)
})

describe.concurrent('replay', () => {
  it('STILL FAILING against the quirky stub (exit 1)', async () => {
    const r = await runCli(['replay', bundleFile, '--target', 'stub', '--quirk', 'checksum-not-checked'])
    expect(r.stdout).toMatch(
      /^STILL FAILING +\S+checksum-conflict-R12-seed5\.json +\(checksum-conflict, R12\): R12: CreateViewVersion accepted/m,
    )
    expect(r.stdout).toContain('1 bundle: 0 FIXED, 1 STILL FAILING, 0 CANNOT REPLAY')
    expect(r.code).toBe(1)
  })

  it('FIXED against the correct stub, CANNOT REPLAY for a file that is not a bundle (exit 0), given a folder', async () => {
    const dir = tempDir()
    copyFileSync(bundleFile, join(dir, 'a-bundle.json'))
    writeFileSync(join(dir, 'junk.json'), '{"hello": 1}')
    const r = await runCliInProcess(['replay', dir])
    expect(r.stdout).toMatch(/^FIXED +\S+a-bundle\.json +\(checksum-conflict, R12\)/m)
    expect(r.stdout).toMatch(/^CANNOT REPLAY +\S+junk\.json/m)
    expect(r.stdout).toContain('2 bundles: 1 FIXED, 0 STILL FAILING, 1 CANNOT REPLAY')
    expect(r.code).toBe(0)
  })
})

describe.concurrent('run replays committed regression bundles first', () => {
  const regressions = () => {
    const dir = tempDir()
    copyFileSync(bundleFile, join(dir, 'r1.json'))
    return dir
  }

  it('reports FIXED on the correct stub and still passes', async () => {
    const out = tempDir()
    const r = await runCliInProcess([
      'run',
      '--only',
      'checksum-conflict',
      '--runs',
      '3',
      '--seed',
      '1',
      '--regressions',
      regressions(),
      '--out',
      out,
      '--report',
      'json,junit',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/✔ regression \S+r1\.json: FIXED/)
    expect(r.stdout).toMatch(/Regressions:\s+1 bundles replayed: 1 FIXED, 0 STILL FAILING, 0 CANNOT REPLAY/)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport
    expect(report.targets[0]!.regressions).toEqual([
      expect.objectContaining({ property: 'checksum-conflict', rule: 'R12', verdict: 'FIXED' }),
    ])
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('name="regression ')
  })

  it('a regression that still fails on the quirky stub is reported STILL FAILING and the run exits 1', async () => {
    const out = tempDir()
    const r = await runCliInProcess([
      'run',
      '--quirk',
      'checksum-not-checked',
      '--only',
      'checksum-conflict',
      '--runs',
      '1',
      '--seed',
      '1',
      '--regressions',
      regressions(),
      '--out',
      out,
      '--report',
      'json',
    ])
    expect(r.stdout).toMatch(/✘ regression \S+r1\.json: STILL FAILING/)
    expect(r.code).toBe(1)
  })

  it('bundles of properties outside the selection are not replayed', async () => {
    const r = await runCliInProcess([
      'run',
      '--only',
      'immutability',
      '--runs',
      '1',
      '--regressions',
      regressions(),
      '--out',
      tempDir(),
      '--report',
      'json',
    ])
    expect(r.stdout).not.toContain('regression')
    expect(r.code).toBe(0)
  })
})
