// The client-side limiter shaped like the service (per-API buckets, global cap, adaptive on 429), on a fake
// clock; then adaptation end to end against the live-like stub server.
import { ConnectClient } from '@aws-sdk/client-connect'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID as I } from '../../src/model/options'
import type { OperationName } from '../../src/spec'
import { startStubServer, type LiveLikeOptions, type StubServer } from '../../src/stub'
import { ApiRateLimiter, createRateLimiter, RateLimiter } from '../../src/targets/rate-limiter'
import { newRunIdentity } from '../../src/targets/run-identity'
import { retryAfterMsOf } from '../../src/targets/sdk-call'
import { Target, type TargetOptions } from '../../src/targets/target'
import { TokenBucket } from '../../src/stub/token-bucket'

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
    const limiter = new ApiRateLimiter({ tps: 2, burst: 2, globalTps: Infinity, transitMs: 0 }, clock)
    expect(await startsOf(limiter, clock, ['DescribeView', 'DescribeView', 'DescribeView'])).toEqual([0, 0, 500])
    // ListViews still has its full burst at t=500
    expect(await startsOf(limiter, clock, ['ListViews', 'ListViews', 'ListViews'])).toEqual([500, 500, 1000])
  })

  it('per-operation settings and the global cap both apply', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter(
      { tps: 100, burst: 100, globalTps: 4, perOperation: { CreateView: { tps: 1, burst: 1 } }, transitMs: 0 },
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

  it('backs off multiplicatively on 429, recovers slowly (a fiftieth of the throttled rate per call), honours a retry hint', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 4, burst: 4, globalTps: Infinity, transitMs: 0 }, clock)
    limiter.observe('DescribeView', true)
    expect(limiter.rateOf('DescribeView')).toBe(2)
    limiter.observe('DescribeView', true)
    expect(limiter.rateOf('DescribeView')).toBe(1)
    expect(limiter.rateOf('ListViews')).toBe(4) // other APIs are not punished
    // the 429 emptied the bucket: the next call waits a token at the backed-off rate (1/s)
    expect(await startsOf(limiter, clock, ['DescribeView'])).toEqual([1000])
    // throttled at 2/s: each answered call gives back 2/50
    for (let i = 0; i < 5; i++) limiter.observe('DescribeView', false)
    expect(limiter.rateOf('DescribeView')).toBeCloseTo(1.2, 5)
    for (let i = 0; i < 100; i++) limiter.observe('DescribeView', false)
    expect(limiter.rateOf('DescribeView')).toBeCloseTo(1.8, 5) // never back to the rate it was throttled at (90 % of 2/s)
    for (let i = 0; i < 100; i++) limiter.observe('ListViews', false)
    expect(limiter.rateOf('ListViews')).toBe(4) // never above the configured rate
    limiter.observe('ListViews', true, 3000)
    const t0 = clock.t
    await limiter.acquire('ListViews')
    expect(clock.t - t0).toBe(3000)
    expect(limiter.stats).toMatchObject({ throttled: 3, lowestRate: 1, hintsHonoured: 1 })
  })

  it('the factory builds the service-shaped limiter by default and the old global one on request', async () => {
    expect(createRateLimiter().limiter).toBeInstanceOf(ApiRateLimiter)
    expect(createRateLimiter({ tps: 3 }).rateLimit).toEqual({ tps: 3, burst: 5, share: 1 })
    expect(createRateLimiter({ tps: 2, burst: 5, share: 0.25 }).rateLimit).toEqual({
      tps: 0.5,
      burst: 1.25,
      share: 0.25,
    })
    expect(() => createRateLimiter({ share: 0 })).toThrow(/rate share/)
    const clock = fakeClock()
    const { limiter } = createRateLimiter({ shape: 'global', tps: 2, burst: 1 }, clock)
    expect(limiter).toBeInstanceOf(RateLimiter)
    expect(await startsOf(limiter, clock, ['DescribeView', 'ListViews', 'SearchViews'])).toEqual([0, 500, 1000])
    // the default global cap scales with the per-API rate (an emulator run with --tps 200 is not capped at 10/s)
    const fast = fakeClock()
    const wide = createRateLimiter({ tps: 100, burst: 100, transitMs: 0 }, fast).limiter
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

/**
 * The target's bucket, simulated: calls leave when the limiter lets them, reach the server `transit` ms later
 * (a loaded machine's send delay, different for every call) and are answered `latency` ms after that. One
 * lane, back to back, as fast as the limiter allows: the bucket is the only brake.
 */
async function againstSimulatedBucket(
  limiter: ApiRateLimiter,
  clock: ReturnType<typeof fakeClock>,
  opts: { calls: number; rate: number; burst: number; transit: () => number; burstFirst?: number },
): Promise<{ throttled: number; deliberate: number; seconds: number }> {
  const server = new TokenBucket(opts.rate, opts.burst, clock.t)
  let throttled = 0
  let deliberate = 0
  // calls sent past the pacing on purpose first (the plan's throttling burst), all arriving at once
  for (let i = 0; i < (opts.burstFirst ?? 0); i++) {
    limiter.spend('ListViews')
    const admitted = server.tryTake(clock.t)
    if (!admitted) deliberate++
    limiter.observe('ListViews', !admitted, undefined, true)
  }
  for (let i = 0; i < opts.calls; i++) {
    await limiter.acquire('ListViews')
    clock.t += opts.transit()
    const admitted = server.tryTake(clock.t)
    if (!admitted) throttled++
    clock.t += 60
    limiter.observe('ListViews', !admitted)
  }
  return { throttled, deliberate, seconds: clock.t / 1000 }
}

/** Transit delays of 0–200 ms, the same sequence every run. */
function transitDelays(): () => number {
  let a = 7
  return () => {
    a = (a * 1103515245 + 12345) % 2 ** 31
    return (a / 2 ** 31) * 200
  }
}

/** A fake clock for concurrent waiters: each sleep ends at its own time, the earliest first. */
function timerClock() {
  const c = {
    t: 0,
    timers: [] as { at: number; go: () => void }[],
    now: () => c.t,
    sleep: (ms: number) => new Promise<void>((go) => c.timers.push({ at: c.t + ms, go })),
    /** Runs every timer in time order until all waiters are done. */
    async settle() {
      for (;;) {
        await new Promise((r) => setImmediate(r))
        c.timers.sort((a, b) => a.at - b.at)
        const next = c.timers.shift()
        if (!next) return
        c.t = Math.max(c.t, next.at)
        next.go()
      }
    },
  }
  return c
}

/**
 * After one call of `emptying` (the bucket it empties is empty at t=0), a lane queues a call of `laneOp`, then a
 * caller first in line one of `firstOp`: when each got its slot.
 */
async function firstAfterLane(
  settings: ConstructorParameters<typeof ApiRateLimiter>[0],
  emptying: OperationName,
  laneOp: OperationName,
  firstOp: OperationName,
): Promise<string[]> {
  const clock = timerClock()
  const limiter = new ApiRateLimiter({ ...settings, transitMs: 0 }, clock)
  await limiter.acquire(emptying)
  const starts: string[] = []
  const lane = limiter.acquire(laneOp).then(() => starts.push(`lane ${clock.t}`))
  const first = limiter.acquire(firstOp, true).then(() => starts.push(`first ${clock.t}`))
  await clock.settle()
  await Promise.all([lane, first])
  return starts
}

describe('callers first in line (the coverage plan, the Pact verifier)', () => {
  it("go before callers that queued earlier on the same API; those get the API's next token", async () => {
    const settings = { tps: 1, burst: 1, globalTps: Infinity }
    expect(await firstAfterLane(settings, 'CreateView', 'CreateView', 'CreateView')).toEqual([
      'first 1000',
      'lane 2000',
    ])
  })

  it("go before other APIs' callers at the global cap", async () => {
    const settings = { tps: 10, burst: 10, globalTps: 1 }
    expect(await firstAfterLane(settings, 'ListViews', 'ListViews', 'DescribeView')).toEqual([
      'first 1000',
      'lane 2000',
    ])
  })
})

describe('the limiter never finds the bucket empty', () => {
  it('its model of a 2 requests/s, burst 5 bucket draws no 429 in 300 calls, whatever the transit delay', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 2, burst: 5, globalTps: Infinity }, clock)
    const r = await againstSimulatedBucket(limiter, clock, { calls: 300, rate: 2, burst: 5, transit: transitDelays() })
    expect(r.throttled).toBe(0)
    // and it spends the bucket, not a fraction of it: 300 calls at 2/s after the burst take about 148 s
    expect(r.seconds).toBeLessThan(160)
    // a model without the transit margin meets the empty bucket whenever a call travels faster than the one before
    const naive = fakeClock()
    const noMargin = new ApiRateLimiter({ tps: 2, burst: 5, globalTps: Infinity, transitMs: 0 }, naive)
    const n = await againstSimulatedBucket(noMargin, naive, { calls: 300, rate: 2, burst: 5, transit: transitDelays() })
    expect(n.throttled).toBeGreaterThan(0)
  })

  it('a deliberate burst takes its tokens: the paced calls after it wait for the refill, and the rate stays', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 2, burst: 5, globalTps: Infinity }, clock)
    const r = await againstSimulatedBucket(limiter, clock, {
      calls: 20,
      rate: 2,
      burst: 5,
      transit: () => 5,
      burstFirst: 6,
    })
    expect(r.deliberate).toBe(1) // the burst's one 429, on purpose
    expect(r.throttled).toBe(0)
    expect(limiter.rateOf('ListViews')).toBe(2)
  })

  it('a rate share uses that fraction of the rate and burst: a quarter of 2/s is 0.5/s, no 429', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 2, burst: 5, share: 0.25, globalTps: Infinity }, clock)
    const r = await againstSimulatedBucket(limiter, clock, { calls: 40, rate: 2, burst: 5, transit: transitDelays() })
    expect(r.throttled).toBe(0)
    expect(r.seconds).toBeGreaterThan(75) // 40 calls at 0.5/s after a burst of 1
    expect(limiter.inForce()).toEqual({ tps: 0.5, burst: 1.25 })
  })

  it('an assumption above the bucket converges: a few 429s correct it, then none', async () => {
    const clock = fakeClock()
    const limiter = new ApiRateLimiter({ tps: 200, burst: 5, globalTps: Infinity }, clock)
    const first = await againstSimulatedBucket(limiter, clock, { calls: 300, rate: 2, burst: 5, transit: () => 20 })
    expect(first.throttled / 300).toBeLessThan(0.08)
    const then = await againstSimulatedBucket(limiter, clock, { calls: 300, rate: 2, burst: 5, transit: () => 20 })
    expect(then.throttled).toBeLessThanOrEqual(3)
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
