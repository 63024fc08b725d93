// The engine's typed events, as a handler sees them: their order, one StepChecked per executed assertion
// (the per-rule counts the reports show), BundleWritten right after the failing property, RunFinished last.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { settingSource } from '../../src/settings'
import type { EngineEvent, EventHandler } from '../../src/engine/events'
import { runWithStandardHandlers } from '../../src/presentation/standard-handlers'
import { runSettings } from '../../src/engine/run-settings'
import { REPO, tempDir } from '../cli/support/cli'

const silent = { stdout: { write: () => true }, warn: () => {} }

function recorder(events: EngineEvent[]): EventHandler {
  const keep = (e: EngineEvent) => {
    events.push(e)
  }
  return {
    RunStarted: keep,
    PropertyStarted: keep,
    StepChecked: keep,
    PropertyFinished: keep,
    BundleWritten: keep,
    RunFinished: keep,
    ReportWritten: keep,
    RunClosed: keep,
  }
}

async function run(flags: Record<string, string>): Promise<{ code: number; events: EngineEvent[] }> {
  const events: EngineEvent[] = []
  const s = runSettings(
    settingSource(
      {
        target: 'stub',
        seed: '3',
        runs: '20',
        report: 'json',
        out: tempDir(),
        regressions: join(REPO, 'test/cli/no-regressions'),
        recordings: join(REPO, 'test/cli/no-recordings'),
        ...flags,
      },
      {},
    ),
  )
  const code = await runWithStandardHandlers(s, silent, [recorder(events)])
  return { code, events }
}

describe('engine events', () => {
  it("a passing run of every strategy (plan, sequential, contracts): started, then per property started → checked… → finished, then finished, reports, closed; StepChecked counts are the report's", async () => {
    const { code, events } = await run({ only: 'coverage-plan,immutability,contracts' })
    expect(code).toBe(0)
    const kinds = events.map((e) => e.type).filter((t, i, a) => t !== 'StepChecked' || a[i - 1] !== 'StepChecked')
    const perProperty = ['PropertyStarted', 'StepChecked', 'PropertyFinished']
    expect(kinds).toEqual([
      'RunStarted',
      ...perProperty,
      ...perProperty,
      ...perProperty,
      'RunFinished',
      'ReportWritten',
      'RunClosed',
    ])
    for (const f of events.filter((e) => e.type === 'PropertyFinished')) {
      const counted: Record<string, number> = {}
      for (const e of events)
        if (e.type === 'StepChecked' && e.property === f.property.id) counted[e.rule] = (counted[e.rule] ?? 0) + 1
      expect(counted).toEqual(f.report.assertions)
    }
  })

  it('a failing property: a StepChecked with outcome failed for its rule, and its BundleWritten right after it finishes, the run closed last', async () => {
    const { code, events } = await run({ only: 'immutability', quirk: 'mutable-versions' })
    expect(code).toBe(1)
    const finished = events.findIndex((e) => e.type === 'PropertyFinished')
    const failure = (events[finished] as Extract<EngineEvent, { type: 'PropertyFinished' }>).report.failure!
    expect(events.some((e) => e.type === 'StepChecked' && e.outcome === 'failed' && e.rule === failure.rule)).toBe(true)
    const bundle = events[finished + 1] as Extract<EngineEvent, { type: 'BundleWritten' }>
    expect(bundle.type).toBe('BundleWritten')
    expect(failure.bundle).toBe(bundle.relative)
    // the failure group's diff, read from the bundle written, is in the report every handler gets
    const finishedRun = events.find((e) => e.type === 'RunFinished') as Extract<EngineEvent, { type: 'RunFinished' }>
    expect(finishedRun.report.targets[0]!.failureGroups?.[0]?.smallest?.diff).toEqual(expect.any(String))
    expect(events.slice(-3).map((e) => e.type)).toEqual(['RunFinished', 'ReportWritten', 'RunClosed'])
  })
})
