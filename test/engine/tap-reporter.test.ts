// The TAP reporter is one handler registered in src/presentation/reporters.ts: a run with --report tap
// writes report.tap with one test point per property, a failure as "not ok" with its rule and reproduce line,
// and what has no verdict as a SKIP (never "ok" without a SKIP).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { settingSource } from '../../src/settings'
import { runWithStandardHandlers } from '../../src/presentation/standard-handlers'
import { runSettings } from '../../src/engine/run-settings'
import { tapReporter } from '../../src/presentation/tap-reporter'
import type { EngineEvent } from '../../src/engine/events'
import type { ConformanceReport, PropertyReport } from '../../src/report/report-types'
import { REPO, tempDir } from '../cli/support/cli'

const silent = { stdout: { write: () => true }, warn: () => {} }
const noFixtures = {
  regressions: join(REPO, 'test/cli/no-regressions'),
  recordings: join(REPO, 'test/cli/no-recordings'),
}

async function tapOfRun(flags: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const out = tempDir()
  const s = runSettings(
    settingSource({ target: 'stub', seed: '7', runs: '3', report: 'tap,json', out, ...noFixtures, ...flags }, {}),
  )
  const code = await runWithStandardHandlers(s, silent)
  return { code, lines: readFileSync(join(out, 'report.tap'), 'utf8').trimEnd().split('\n') }
}

describe('--report tap', () => {
  it('a clean run: version, a plan that matches the points, every property ok', async () => {
    const { code, lines } = await tapOfRun({ only: 'coverage-plan,immutability,delete' })
    expect(code).toBe(0)
    expect(lines[0]).toBe('TAP version 14')
    expect(lines[1]).toBe('1..3')
    expect(lines.filter((l) => /^ok \d+ - /.test(l))).toEqual([
      expect.stringMatching(/^ok 1 - coverage-plan: /),
      expect.stringMatching(/^ok 2 - immutability: /),
      expect.stringMatching(/^ok 3 - delete: /),
    ])
  })

  it('a quirk: the property that catches it is "not ok" with its rule and the line that reproduces it', async () => {
    const { code, lines } = await tapOfRun({ only: 'immutability', quirk: 'mutable-versions', runs: '30' })
    expect(code).toBe(1)
    expect(lines[1]).toBe('1..1')
    expect(lines[2]).toMatch(/^not ok 1 - immutability: /)
    const block = lines.slice(3).join('\n')
    expect(block).toMatch(/^ {2}---\n {2}rule: "R\d+[a-z]?"/)
    expect(block).toContain(
      'reproduce: "npx conformance run --target stub --quirk mutable-versions --only immutability --seed 7',
    )
    expect(lines.at(-1)).toBe('  ...')
  })

  it('no verdict is a SKIP, never a bare ok: inconclusive, not run, a bundle that cannot replay', () => {
    const lines: string[] = []
    const handler = tapReporter(tempDir())
    const prop = (id: string, status: PropertyReport['status'], note?: string): PropertyReport => ({
      id,
      title: id,
      rules: [],
      status,
      seed: 1,
      numRuns: 0,
      commandsExecuted: 0,
      durationMs: 0,
      ...(note ? { note } : {}),
    })
    const finished = (report: PropertyReport) =>
      ({ type: 'PropertyFinished', report }) as unknown as Extract<EngineEvent, { type: 'PropertyFinished' }>
    handler.RegressionReplayed!(
      {
        type: 'RegressionReplayed',
        regression: { file: 'b.json', property: 'delete', verdict: 'CANNOT REPLAY', detail: 'no # path' },
      },
      () => {},
    )
    handler.PropertyFinished!(
      finished(prop('pagination', 'inconclusive', 'not exercised: the time budget ended it')),
      () => {},
    )
    const report = {
      targets: [{ regressions: [{}], properties: [prop('pagination', 'inconclusive'), prop('delete', 'not-run')] }],
    } as unknown as ConformanceReport
    handler.RunFinished!({ type: 'RunFinished', report }, (e) => {
      if (e.type === 'ReportWritten') lines.push(...readFileSync(e.file, 'utf8').trimEnd().split('\n'))
    })
    expect(lines).toEqual([
      'TAP version 14',
      '1..3',
      'ok 1 - regression b.json (delete) # SKIP cannot replay: no \\# path',
      'ok 2 - pagination: pagination # SKIP inconclusive: not exercised: the time budget ended it',
      'ok 3 - delete: delete # SKIP not-run',
    ])
  })
})
