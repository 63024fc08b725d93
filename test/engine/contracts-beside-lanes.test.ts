// On a rate-limited target the contracts run beside the exploring lanes, not before them: the verifier's child
// takes its slots from the run's limiter (first in line) and its list work takes the run's list lock, so the
// lanes spend what it leaves of each API's rate while it waits on one. Every interaction is still verified,
// the lanes still pass, the server throttles nothing, and nothing is left on it.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../src/engine/events'
import { runSettings } from '../../src/engine/run-settings'
import { runWithStandardHandlers } from '../../src/presentation/standard-handlers'
import { settingSource } from '../../src/settings'
import { startStubServer, type StubServer } from '../../src/stub'
import { REPO, tempDir } from '../cli/support/cli'

const silent = { stdout: { write: () => true }, warn: () => {} }
let server: StubServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('contracts beside the lanes', () => {
  it('overlap with exploration on a rate-limited endpoint: all verified, no 429, nothing left behind', async () => {
    // the service's shape (a bucket per API), fast enough for a test: 8 requests/s per API, the run uses 6; a
    // verifier pacing alone at 6 beside lanes at 6 would exceed the bucket on the APIs both use
    server = await startStubServer({
      coreOptions: { faults: { liveLike: { ratePerSecond: 8, burst: 8, latencyMs: 5, jitterMs: 0 } } },
    })
    const events: EngineEvent[] = []
    const s = runSettings(
      settingSource(
        {
          target: server.url,
          tps: '6',
          burst: '3',
          seed: '3',
          runs: '10',
          only: 'contracts,immutability,delete,tags',
          lanes: '2',
          report: 'json',
          out: tempDir(),
          regressions: join(REPO, 'test/cli/no-regressions'),
          recordings: join(REPO, 'test/cli/no-recordings'),
        },
        {},
      ),
    )
    const record = (e: EngineEvent) => void events.push(e)
    const code = await runWithStandardHandlers(s, silent, [
      { PropertyStarted: record, PropertyFinished: record, RunFinished: record },
    ])
    const step = (type: 'PropertyStarted' | 'PropertyFinished', id: string) =>
      events.findIndex((e) => e.type === type && e.property.id === id)
    // an exploring property started before the contracts finished
    expect(step('PropertyStarted', 'contracts')).toBeGreaterThanOrEqual(0)
    expect(step('PropertyStarted', 'immutability')).toBeLessThan(step('PropertyFinished', 'contracts'))
    const report = (events.at(-1) as Extract<EngineEvent, { type: 'RunFinished' }>).report.targets[0]!
    expect(report.properties.map((p) => [p.id, p.status])).toEqual([
      ['immutability', 'passed'],
      ['delete', 'passed'],
      ['tags', 'passed'],
      ['contracts', 'passed'],
    ])
    expect(code).toBe(0)
    expect(server.core.faults.stats.throttled).toBe(0)
    expect(report.cleanup?.failed).toEqual([])
    const res = await fetch(`${server.url}/views/${report.instanceId}?type=CUSTOMER_MANAGED`)
    expect(((await res.json()) as { ViewsSummaryList: unknown[] }).ViewsSummaryList).toEqual([])
  }, 120_000)
})
