// The client-side limiter shaped like the service (per-API buckets, global cap, adaptive on 429), on a fake
// clock; then adaptation end to end against the live-like stub server.
import { ConnectClient } from '@aws-sdk/client-connect'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID as I } from '../../src/model/options'
import { startStubServer, type LiveLikeOptions, type StubServer } from '../../src/stub'
import { ApiRateLimiter, createRateLimiter, RateLimiter } from '../../src/targets/rate-limiter'
import { newRunIdentity } from '../../src/targets/run-identity'
import { retryAfterMsOf } from '../../src/targets/sdk-call'
import { Target, type TargetOptions } from '../../src/targets/target'

function fakeClock() {
  const c = {
    t: 0,
    waits: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.waits.push(ms)
      c.t += ms
    },
  }
  return c
}

async function startsOf(
  limiter: { acquire(op: any): Promise<void> },
  clock: { t: number },
  ops: string[],
): Promise<number[]> {
  const starts: number[] = []
  for (const op of ops) {
    await limiter.acquire(op)
    starts.push(clock.t)
  }
  return starts
}

describe('per-API rate limiter (fake clock)', () => {
  it('gives every API its own bucket: one API exhausted does not slow another', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 2, burst: 2, globalTps: Infinity }, clock)
    expect(await startsOf(limiter, clock, ['DescribeView', 'DescribeView', 'DescribeView'])).toEqual([0, 0, 500])
    // ListViews still has its full burst at t=500
    expect(await startsOf(limiter, clock, ['ListViews', 'ListViews', 'ListViews'])).toEqual([500, 500, 1000])
  })

  it('per-operation settings and the global cap both apply', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter(
      { tps: 100, burst: 100, globalTps: 4, perOperation: { CreateView: { tps: 1, burst: 1 } } },
      clock,
    )
    expect(await startsOf(limiter, clock, ['CreateView', 'CreateView'])).toEqual([0, 1000])
    // the global bucket (4/s, burst 4) was refilled by the wait above; then it caps the fast API too
    const starts = await startsOf(limiter, clock, [
      'ListViews',
      'ListViews',
      'ListViews',
      'ListViews',
      'ListViews',
      'ListViews',
    ])
    expect(starts.slice(0, 3)).toEqual([1000, 1000, 1000])
    expect(starts[5]! - starts[0]!).toBeGreaterThanOrEqual(500)
  })

  it('backs off multiplicatively on 429, recovers additively, honours a retry hint', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 4, burst: 4, globalTps: Infinity }, clock)
    limiter.observe('DescribeView', true)
    expect(limiter.rateOf('DescribeView')).toBe(2)
    limiter.observe('DescribeView', true)
    expect(limiter.rateOf('DescribeView')).toBe(1)
    expect(limiter.rateOf('ListViews')).toBe(4) // other APIs are not punished
    // the 429 emptied the bucket: the next call waits a token at the backed-off rate (1/s)
    expect(await startsOf(limiter, clock, ['DescribeView'])).toEqual([1000])
    for (let i = 0; i < 5; i++) limiter.observe('DescribeView', false)
    expect(limiter.rateOf('DescribeView')).toBeCloseTo(3, 5)
    for (let i = 0; i < 10; i++) limiter.observe('DescribeView', false)
    expect(limiter.rateOf('DescribeView')).toBe(4) // never above the configured rate
    limiter.observe('ListViews', true, 3000)
    const t0 = clock.t
    await limiter.acquire('ListViews')
    expect(clock.t - t0).toBe(3000)
    expect(limiter.stats).toMatchObject({ throttled: 3, lowestRate: 1, hintsHonoured: 1 })
  })

  it('the factory builds the service-shaped limiter by default and the old global one on request', async () => {
    expect(createRateLimiter().limiter).toBeInstanceOf(ApiRateLimiter)
    expect(createRateLimiter({ tps: 3 }).rateLimit).toEqual({ tps: 3, burst: 5 })
    const clock = fakeClock()
    const { limiter } = createRateLimiter({ shape: 'global', tps: 2, burst: 1 }, clock)
    expect(limiter).toBeInstanceOf(RateLimiter)
    expect(await startsOf(limiter, clock, ['DescribeView', 'ListViews', 'SearchViews'])).toEqual([0, 500, 1000])
    // the default global cap scales with the per-API rate (an emulator run with --tps 200 is not capped at 10/s)
    const fast = fakeClock()
    const wide = createRateLimiter({ tps: 100, burst: 100 }, fast).limiter
    const ops = ['DescribeView', 'ListViews', 'ListViewVersions'].flatMap((op) => Array<string>(100).fill(op))
    expect(Math.max(...(await startsOf(wide, fast, ops)))).toBe(0)
    expect(() => new ApiRateLimiter({ tps: 0 })).toThrow(/invalid rate limit/)
    expect(() => new ApiRateLimiter({ perOperation: { ListViews: { burst: 0 } } }).acquire('ListViews')).toThrow(
      /invalid rate limit of ListViews/,
    )
  })

  it('reads retry hints the way servers send them', () => {
    expect(retryAfterMsOf({ 'Retry-After': '2' })).toBe(2000)
    expect(retryAfterMsOf({ 'x-amz-retry-after': '150' })).toBe(150)
    expect(retryAfterMsOf({ 'retry-after': new Date(10_000).toUTCString() }, 4000)).toBe(6000)
    expect(retryAfterMsOf({ 'retry-after': 'soon' })).toBeUndefined()
    expect(retryAfterMsOf({})).toBeUndefined()
  })
})

describe('adaptive limiter against the live-like stub server', () => {
  const opened: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close()
  })

  /** A live-like stub server and a target on it with the given limiter (closed after the test). */
  async function liveLike(
    service: LiveLikeOptions,
    target: Partial<TargetOptions>,
  ): Promise<{ server: StubServer; target: Target }> {
    const server = await startStubServer({ coreOptions: { faults: { liveLike: service } } })
    opened.push(server)
    const client = new ConnectClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    })
    const t = new Target({
      kind: 'endpoint',
      label: 'live-like',
      client,
      instanceId: I,
      region: 'us-east-1',
      run: newRunIdentity('limiter'),
      guarded: false,
      ...target,
    })
    opened.push(t)
    return { server, target: t }
  }

  it('a limiter faster than the service adapts: 429s retried and counted, every call answered, a 5xx never retried', async () => {
    // The service allows 5 ListViews/s (burst 2); the client believes 40/s (burst 4).
    const limiter = new ApiRateLimiter({ tps: 40, burst: 4, globalTps: Infinity })
    const { server, target } = await liveLike(
      { ratePerSecond: 5, burst: 2, latencyMs: 2, jitterMs: 1 },
      { limiter, backoffMs: () => 1, maxThrottleRetries: 8 },
    )
    for (let i = 0; i < 12; i++) {
      const o = await target.send('ListViews', { InstanceId: I, Type: 'CUSTOMER_MANAGED' })
      expect(o.ok).toBe(true)
    }
    expect(target.stats.throttleRetries).toBeGreaterThan(0)
    expect(target.stats.throttleRetries).toBe(server.core.faults.stats.throttled) // every 429 the server sent is counted
    expect(target.stats.calls).toBe(12 + target.stats.throttleRetries)
    expect(limiter.stats.throttled).toBe(target.stats.throttleRetries)
    expect(limiter.rateOf('ListViews')).toBeLessThan(40) // it adapted
    expect(limiter.rateOf('DescribeView')).toBe(40) // only the throttled API
    server.core.faults.force({ operation: 'DescribeView', errorName: 'InternalServiceException' })
    const fiveHundred = await target.send('DescribeView', {
      InstanceId: I,
      ViewId: 'arn:aws:connect:us-east-1:aws:view/cards',
    })
    expect(fiveHundred.ok).toBe(false)
    expect(!fiveHundred.ok && fiveHundred.error.status).toBe(500)
    expect(target.stats.serverErrors).toBe(1)
  })

  it("the run-tag guard's probe is throttled like any call: retried, not turned into a refusal", async () => {
    const { target } = await liveLike(
      { ratePerSecond: 5, burst: 1, latencyMs: 0, jitterMs: 0 },
      {
        guarded: true,
        limiter: new ApiRateLimiter({ tps: 1000, burst: 1000, globalTps: Infinity }),
        backoffMs: () => 250,
      },
    )
    await target.send('DescribeView', { InstanceId: I, ViewId: 'arn:aws:connect:us-east-1:aws:view/cards' }) // empties DescribeView's bucket
    // not this run's view: the guard probes it with DescribeView (429 first), and only then may the update go
    const o = await target.send('UpdateViewContent', {
      InstanceId: I,
      ViewId: '0f0f0f0f-0000-4000-8000-000000000000',
      Status: 'SAVED',
      Content: { Template: '{}', Actions: [] },
    })
    expect(!o.ok && o.error.name).toBe('ResourceNotFoundException')
    expect(target.stats.throttleRetries).toBeGreaterThanOrEqual(1)
    expect(target.stats.byOperation.DescribeView).toBe(2 + target.stats.throttleRetries)
  })
})
