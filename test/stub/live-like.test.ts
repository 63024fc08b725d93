import { describe, expect, it } from 'vitest'
import { FaultInjector, LiveLikeThrottle, TokenBucket } from '../../src/stub'
import { INSTANCE, json, testCore, wireRequest } from './support/wire'

const LIST = wireRequest('GET', `/views/${INSTANCE}?type=CUSTOMER_MANAGED`)
const SEARCH = wireRequest('POST', '/search-views', JSON.stringify({ InstanceId: INSTANCE }))

describe('token bucket', () => {
  it('allows the burst back to back, then the steady rate', () => {
    const b = new TokenBucket(2, 3, 0)
    expect([b.tryTake(0), b.tryTake(0), b.tryTake(0), b.tryTake(0)]).toEqual([true, true, true, false])
    expect(b.waitMs(0)).toBe(500)
    expect(b.tryTake(499)).toBe(false)
    expect(b.tryTake(500)).toBe(true)
    expect(b.tryTake(10_000)).toBe(true) // refilled, but never beyond the burst
    expect([b.tryTake(10_000), b.tryTake(10_000), b.tryTake(10_000)]).toEqual([true, true, false])
  })

  it('changes rate without losing earned tokens, drains on demand, rejects nonsense', () => {
    const b = new TokenBucket(1, 1, 0)
    b.tryTake(0)
    b.setRate(4, 0)
    expect(b.waitMs(0)).toBe(250)
    b.drain(1000)
    expect(b.waitMs(1000)).toBe(250)
    expect(() => new TokenBucket(0, 5, 0)).toThrow(/invalid/)
    expect(() => new TokenBucket(1, 0.5, 0)).toThrow(/invalid/)
  })
})

describe('live-like stub mode', () => {
  it('throttles per API: one bucket per operation, the declared throttling error, no state change', async () => {
    let now = 0
    const core = testCore({
      faults: { liveLike: { ratePerSecond: 1, burst: 2, latencyMs: 0, jitterMs: 0, now: () => now } },
    })
    const list = [await core.handle(LIST), await core.handle(LIST), await core.handle(LIST)]
    expect(list.map((r) => r.status)).toEqual([200, 200, 429])
    expect(list[2]!.headers['x-amzn-errortype']).toMatch(/^TooManyRequestsException/)
    // another API has its own bucket; SearchViews declares ThrottlingException
    const search = [await core.handle(SEARCH), await core.handle(SEARCH), await core.handle(SEARCH)]
    expect(search.map((r) => r.status)).toEqual([200, 200, 429])
    expect(search[2]!.headers['x-amzn-errortype']).toMatch(/^ThrottlingException/)
    expect(JSON.stringify(json(search[2]!))).toContain('Rate exceeded')
    const create = (name: string) =>
      core.handle(
        wireRequest(
          'PUT',
          `/views/${INSTANCE}`,
          JSON.stringify({ Name: name, Status: 'PUBLISHED', Content: { Template: '{}', Actions: [] } }),
        ),
      )
    expect([(await create('v')).status, (await create('w')).status, (await create('x')).status]).toEqual([
      200, 200, 429,
    ])
    now = 1000 // one second refills one token per API
    const after = json(await core.handle(LIST)) as { ViewsSummaryList: { Name: string }[] }
    expect(after.ViewsSummaryList.map((v) => v.Name).sort()).toEqual(['v', 'w']) // the throttled 'x' was never created
    expect((await core.handle(LIST)).status).toBe(429)
    expect(core.faults.stats.throttled).toBe(4)
  })

  it('keeps its buckets across a reset (they are the service clock, not model state)', async () => {
    let now = 0
    const core = testCore({
      faults: { liveLike: { ratePerSecond: 1, burst: 1, latencyMs: 0, jitterMs: 0, now: () => now } },
    })
    expect((await core.handle(LIST)).status).toBe(200)
    core.reset()
    expect((await core.handle(LIST)).status).toBe(429)
    now = 1000
    expect((await core.handle(LIST)).status).toBe(200)
  })

  it('honours per-operation overrides', () => {
    const t = new LiveLikeThrottle({
      ratePerSecond: 1,
      burst: 1,
      perOperation: { DescribeView: { burst: 3 } },
      now: () => 0,
    })
    expect([
      t.admit('DescribeView'),
      t.admit('DescribeView'),
      t.admit('DescribeView'),
      t.admit('DescribeView'),
    ]).toEqual([true, true, true, false])
    expect([t.admit('ListViews'), t.admit('ListViews')]).toEqual([true, false])
  })

  it('jitters latency around the mean, deterministically per seed', () => {
    const f = new FaultInjector({ seed: 3, liveLike: { ratePerSecond: 1000, burst: 1000 } })
    const g = new FaultInjector({ seed: 3, liveLike: { ratePerSecond: 1000, burst: 1000 } })
    const lat = Array.from({ length: 200 }, () => f.decide('DescribeView').latencyMs)
    expect(Array.from({ length: 200 }, () => g.decide('DescribeView').latencyMs)).toEqual(lat)
    expect(Math.min(...lat)).toBeGreaterThanOrEqual(40)
    expect(Math.max(...lat)).toBeLessThanOrEqual(80)
    expect(Math.max(...lat) - Math.min(...lat)).toBeGreaterThan(20)
    const mean = lat.reduce((a, b) => a + b, 0) / lat.length
    expect(mean).toBeGreaterThan(55)
    expect(mean).toBeLessThan(65)
    expect(() => new FaultInjector({ liveLike: { latencyMs: 10, jitterMs: 20 } })).toThrow(/jitterMs/)
  })
})
