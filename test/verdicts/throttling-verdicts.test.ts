// R23 in a whole run: the 429s Target.send retries while a property runs, judged by the checks, reach the report as
// executed assertions of that property, so a run against a throttling target exercises R23 even without the
// coverage plan's burst; against a target that never throttles R23 stays "not exercised", never "passed".
import { afterEach, describe, expect, it } from 'vitest'
import { runConformance } from '../../src/run-api'
import { startStubServer, type StubServer } from '../../src/stub'
import { tempDir } from '../cli/support/cli'

let server: StubServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function r23After(liveLike: boolean) {
  // a lax client limit against buckets of 5 requests/s, burst 2: the server throttles, the client retries
  server = await startStubServer({
    coreOptions: { faults: liveLike ? { liveLike: { ratePerSecond: 5, burst: 2, latencyMs: 2, jitterMs: 1 } } : {} },
  })
  const { exitCode, report } = await runConformance({
    target: server.url,
    only: ['pagination'],
    runs: 2,
    seed: 3,
    tps: 200,
    burst: 200,
    out: tempDir(),
    regressions: tempDir(),
  })
  const t = report!.targets[0]!
  return {
    exitCode,
    rule: t.rules.find((r) => r.id === 'R23')!,
    throttled: server.core.faults.stats.throttled,
    property: t.properties.find((p) => p.id === 'pagination')!,
  }
}

describe('R23 from the 429s a run meets', () => {
  it('a throttling target: every retried 429 is an executed R23 assertion of the property that met it', async () => {
    const { exitCode, rule, throttled, property } = await r23After(true)
    expect(exitCode).toBe(0)
    expect(throttled).toBeGreaterThan(0)
    expect(rule.status).toBe('passed')
    expect(rule.checkedBy).toContain('pagination')
    expect(property.assertions!.R23).toBeGreaterThan(0)
  }, 60_000)

  it('a target that never throttles: R23 not exercised', async () => {
    const { rule, throttled } = await r23After(false)
    expect(throttled).toBe(0)
    expect(rule.status).toBe('not-exercised')
  }, 60_000)
})
