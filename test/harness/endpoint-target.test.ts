// The same property set passes against the stub's HTTP server reached through the `endpoint` target:
// real sockets, SigV4-signed requests, the live-safety guard and cleanup all in the path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEQUENTIAL_PROPERTIES } from '../../src/properties'
import { runConcurrencyProperty } from '../../src/engine/runners/concurrent'
import { runProperty } from '../../src/engine/runners/sequential'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

let server: StubServer
let target: Target
beforeAll(async () => {
  server = await startStubServer()
  target = await createTarget({ target: server.url, rate: { tps: 10_000, burst: 10_000 } })
})
afterAll(async () => {
  await target.close()
  await server.close()
})

describe('endpoint target against the stub HTTP server', () => {
  for (const def of SEQUENTIAL_PROPERTIES) {
    it(`${def.id} passes`, async () => {
      const r = await runProperty(def, target, { seed: 4242, numRuns: 15, mode: { strict: false } })
      expect(r.failure?.message ?? '').toBe('')
      expect(server.core.counters.unexpectedErrors).toBe(0)
    })
  }
  it('concurrency passes (real sockets interleave the parallel calls)', async () => {
    const r = await runConcurrencyProperty(target, { seed: 4242, numRuns: 10, mode: { strict: false } })
    expect(r.failure?.message ?? '').toBe('')
  })
  it('left nothing behind: every view the run created was deleted', async () => {
    await target.resetBetweenRuns()
    const views = await target.send('ListViews', { InstanceId: target.instanceId, Type: 'CUSTOMER_MANAGED' })
    expect(views.ok && (views.output.ViewsSummaryList as unknown[]).length).toBe(0)
  })
})
