// On a rate-limited target the coverage plan (on the first lane) and the contracts run beside the exploring
// lanes, not before them: their calls go first in line at the run's limiter (the verifier's child takes its
// slots from it over IPC, and the run's list lock like a lane), so the lanes spend what they leave of each API's
// rate while they wait on one. Every interaction is still verified, the lanes still pass, the server throttles
// nothing, and nothing is left on it. A plan that probes quotas still runs alone.
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

/** A run with these settings (reports to a temporary folder, no committed regressions or recordings). */
async function run(settings: Record<string, string>): Promise<{ code: number; events: EngineEvent[] }> {
  const events: EngineEvent[] = []
  const s = runSettings(
    settingSource(
      {
        ...settings,
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
  return { code, events }
}

/** Where a property's start or finish is among the events (-1: never). */
const stepOf = (events: EngineEvent[]) => (type: 'PropertyStarted' | 'PropertyFinished', id: string) =>
  events.findIndex((e) => e.type === type && e.property.id === id)

describe('the plan and the contracts beside the lanes', () => {
  it('overlap with exploration on a rate-limited endpoint: all verified, no 429, nothing left behind', async () => {
    // the service's shape (a bucket per API), fast enough for a test: 8 requests/s per API, the run uses 6; a
    // verifier pacing alone at 6 beside lanes at 6 would exceed the bucket on the APIs both use
    server = await startStubServer({
      coreOptions: { faults: { liveLike: { ratePerSecond: 8, burst: 8, latencyMs: 5, jitterMs: 0 } } },
    })
    const { code, events } = await run({
      target: server.url,
      tps: '6',
      burst: '3',
      seed: '3',
      runs: '10',
      only: 'contracts,immutability,delete,tags',
      lanes: '2',
    })
    const step = stepOf(events)
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

  /** The plan and two exploring properties on 2 lanes of a fast endpoint: where the plan started and finished. */
  async function planBeside(extra: Record<string, string>, quotas = {}) {
    server = await startStubServer({ coreOptions: { modelOptions: { quotas } } })
    const { code, events } = await run({
      target: server.url,
      tps: '1000',
      burst: '1000',
      seed: '3',
      runs: '3',
      only: 'coverage-plan,immutability,delete',
      lanes: '2',
      ...extra,
    })
    const step = stepOf(events)
    return {
      code,
      planStarted: step('PropertyStarted', 'coverage-plan'),
      planFinished: step('PropertyFinished', 'coverage-plan'),
      othersStarted: step('PropertyStarted', 'immutability'),
    }
  }

  it('the coverage plan runs on the first lane, the others beside it', async () => {
    const r = await planBeside({})
    expect(r.planStarted).toBe(0)
    expect(r.othersStarted).toBeLessThan(r.planFinished)
    expect(r.code).toBe(0)
  }, 120_000)

  it('but nothing runs beside a coverage plan that probes quotas: it fills the instance up to one', async () => {
    const r = await planBeside({ probeQuotas: '40' }, { viewsPerInstance: 6 })
    expect(r.planFinished).toBeGreaterThanOrEqual(0)
    expect(r.planFinished).toBeLessThan(r.othersStarted)
    expect(r.code).toBe(0)
  }, 120_000)
})
