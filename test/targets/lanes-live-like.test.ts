// Two properties at once, each on its own lane, against the stub answering like the rationed service
// (serve --live-like: per-API token buckets of 2 requests/s, burst 5, 60±20 ms latency) through one shared
// per-API limiter: the clean stub passes both, and a planted quirk is still caught by the property aimed at it
// while the other one runs beside it. Pagination is the property at risk: its ListViews walks meet the other
// lane's views in the instance (and, but for the list lock, their creation and deletion between pages).
import { describe, expect, it } from 'vitest'
import type { PropertyResult } from '../../src/harness/property-types'
import { runProperty } from '../../src/engine/runners/sequential'
import type { QuirkName } from '../../src/model/quirks'
import { immutability } from '../../src/properties/immutability'
import { pagination } from '../../src/properties/pagination'
import { endpointFixture } from './support/endpoint-fixture'

const fx = endpointFixture()

const mode = { strict: false }

async function runBoth(quirks: QuirkName[], numRuns: number): Promise<PropertyResult[]> {
  // the live default limiter (per API, 2 requests/s, burst 5) shared by both lanes, as on live AWS
  const { target } = await fx.open(
    { coreOptions: { faults: { liveLike: true }, modelOptions: { quirks } } },
    { rate: {} },
  )
  const [a, b] = [target.lane(), target.lane()]
  return Promise.all([
    runProperty(pagination, a, { seed: 7, numRuns, mode }),
    runProperty(immutability, b, { seed: 7, numRuns, mode }),
  ])
}

describe('two lane-safe properties concurrently on the live-like stub', () => {
  it('pass on the clean stub, and leave nothing behind', async () => {
    const results = await runBoth([], 2)
    expect(results.map((r) => `${r.property}: ${r.status} ${r.failure?.message ?? ''}`)).toEqual([
      'pagination: passed ',
      'immutability: passed ',
    ])
    const server = fx.server!
    expect(server.core.counters.unexpectedErrors).toBe(0)
    await fx.closeTarget()
    const left = server.core.model.invoke('ListViews', {
      InstanceId: server.core.model.instances[0],
      Type: 'CUSTOMER_MANAGED',
      MaxResults: 100,
    })
    expect(left.ViewsSummaryList).toEqual([])
  }, 120_000)

  it('still catch a quirk: pagination finds the dropped item while immutability runs beside it', async () => {
    const [pag, imm] = await runBoth(['pagination-drops-item'], 4)
    expect(pag!.status).toBe('failed')
    expect(pag!.failure?.rule).toBe('R27')
    expect(imm!.status).toBe('passed')
  }, 180_000)
})
