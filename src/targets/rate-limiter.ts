// Client-side rate limiting for live targets. Connect throttles per API, per account, per Region with token
// buckets of small, unpublished size (docs/toolchain-notes.md §4), so the default limiter has the same shape:
// one bucket per API (2 requests/s, burst 5 each unless configured per operation), a global cap on all
// calls together, and adaptation on 429 — the API's rate halves (multiplicative back-off), each answered
// call gives back a tenth of the configured rate (additive recovery), and a retry hint the server sends
// (Retry-After / x-amz-retry-after) holds that API's calls until it has passed.
// The limiter only paces calls; which answers are retried stays with Target.send (only 429s, counted, a
// 5xx is never retried), so nothing here can hide a failure.
import type { OperationName } from '../spec'
import { TokenBucket } from '../stub/token-bucket'

export interface RateLimit {
  /** Steady requests per second (per API for the per-API shape). */
  tps: number
  /** Bucket size: requests allowed back to back. */
  burst: number
}

export const LIVE_DEFAULT_RATE: Readonly<RateLimit> = { tps: 2, burst: 5 }
/**
 * Default cap on all APIs together for the per-API shape, in APIs' worth of the per-API rate (2 req/s per API
 * → 10 req/s; --tps 200 → 1000). Not an AWS figure (none is published): a bound on what a run adds to the
 * account's other traffic, which shares the same per-account buckets.
 */
export const GLOBAL_CAP_APIS = 5

export interface LimiterSettings extends Partial<RateLimit> {
  /** 'per-api' (default): a bucket per operation plus a global cap; 'global': one bucket for every call (the old limiter). */
  shape?: 'per-api' | 'global'
  /** Per-API shape: rate and burst of single operations. */
  perOperation?: Partial<Record<OperationName, Partial<RateLimit>>>
  /** Per-API shape: cap on all calls together, requests/s (burst the same). Default GLOBAL_CAP_APIS × tps. */
  globalTps?: number
  /** Per-API shape: adapt to 429s (default true). */
  adaptive?: boolean
}

/** What Target.send needs: wait for a slot, then say how the call went. */
export interface Limiter {
  acquire(op: OperationName): Promise<void>
  /** A call of `op` was answered: throttled (429) or not, with the server's retry hint if it sent one. */
  observe?(op: OperationName, throttled: boolean, retryAfterMs?: number): void
}

function checkLimit(what: string, tps: number, burst: number): void {
  if (!(tps > 0) || !Number.isFinite(tps) || !(burst >= 1))
    throw new Error(`invalid rate limit${what}: tps ${tps}, burst ${burst}`)
}

type Clock = { now: () => number; sleep: (ms: number) => Promise<void> }
const realClock: Clock = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }

/** One bucket for every call, callers served in order: the limiter before per-API shaping. */
export class RateLimiter implements Limiter {
  private readonly bucket: TokenBucket
  private queue: Promise<void> = Promise.resolve()

  constructor(
    limit: RateLimit,
    private readonly now: () => number = realClock.now,
    private readonly sleep = realClock.sleep,
  ) {
    checkLimit('', limit.tps, limit.burst)
    this.bucket = new TokenBucket(limit.tps, limit.burst, now())
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (let w = this.bucket.waitMs(this.now()); w > 0; w = this.bucket.waitMs(this.now())) await this.sleep(w)
      this.bucket.tryTake(this.now())
    })
    this.queue = turn.catch(() => undefined)
    return turn
  }
}

export interface ApiLimiterStats {
  throttled: number
  /** The lowest rate any API was backed off to, requests/s. */
  lowestRate: number
  hintsHonoured: number
}

/** Shaped like the service: a bucket per API, a global cap, adaptive on 429. Per API, callers are served in order. */
export class ApiRateLimiter implements Limiter {
  private readonly buckets = new Map<
    OperationName,
    { bucket: TokenBucket; base: number; queue: Promise<void>; holdUntil: number }
  >()
  private readonly global?: TokenBucket
  readonly stats: ApiLimiterStats

  constructor(
    private readonly settings: LimiterSettings = {},
    private readonly clock: Clock = realClock,
  ) {
    this.slot('DescribeView') // validates the configured rate and burst now, not at the first call
    const globalTps = settings.globalTps ?? GLOBAL_CAP_APIS * (settings.tps ?? LIVE_DEFAULT_RATE.tps)
    if (!(globalTps > 0)) throw new Error(`invalid global rate cap: ${globalTps} requests/s`)
    if (Number.isFinite(globalTps)) this.global = new TokenBucket(globalTps, Math.max(1, globalTps), clock.now())
    this.stats = { throttled: 0, lowestRate: settings.tps ?? LIVE_DEFAULT_RATE.tps, hintsHonoured: 0 }
  }

  acquire(op: OperationName): Promise<void> {
    const s = this.slot(op)
    const turn = s.queue.then(() => this.take(op))
    s.queue = turn.catch(() => undefined)
    return turn
  }

  observe(op: OperationName, throttled: boolean, retryAfterMs?: number): void {
    if (this.settings.adaptive === false) return
    const s = this.slot(op)
    const now = this.clock.now()
    if (throttled) {
      this.stats.throttled++
      const rate = Math.max(s.base / 32, s.bucket.rate / 2)
      s.bucket.setRate(rate, now)
      s.bucket.drain(now) // the server's bucket is empty: ours should be too
      this.stats.lowestRate = Math.min(this.stats.lowestRate, rate)
      if (retryAfterMs !== undefined && retryAfterMs > 0) {
        s.holdUntil = Math.max(s.holdUntil, now + retryAfterMs)
        this.stats.hintsHonoured++
      }
    } else if (s.bucket.rate < s.base) {
      s.bucket.setRate(Math.min(s.base, s.bucket.rate + s.base / 10), now)
    }
  }

  /** The API's current rate, requests/s (after adaptation). */
  rateOf(op: OperationName): number {
    return this.slot(op).bucket.rate
  }

  private async take(op: OperationName): Promise<void> {
    const s = this.slot(op)
    for (;;) {
      const now = this.clock.now()
      const wait = Math.max(s.holdUntil - now, s.bucket.waitMs(now), this.global?.waitMs(now) ?? 0)
      if (wait <= 0) {
        s.bucket.tryTake(now)
        this.global?.tryTake(now)
        return
      }
      await this.clock.sleep(wait)
    }
  }

  private slot(op: OperationName) {
    let s = this.buckets.get(op)
    if (!s) {
      const o = this.settings.perOperation?.[op]
      const base = o?.tps ?? this.settings.tps ?? LIVE_DEFAULT_RATE.tps
      const burst = o?.burst ?? this.settings.burst ?? LIVE_DEFAULT_RATE.burst
      checkLimit(` of ${op}`, base, burst)
      const bucket = new TokenBucket(base, burst, this.clock.now())
      s = { bucket, base, queue: Promise.resolve(), holdUntil: 0 }
      this.buckets.set(op, s)
    }
    return s
  }
}

/** The one place a target's limiter is built: the settings' shape, defaults shaped like the service. */
export function createRateLimiter(
  settings: LimiterSettings = {},
  clock: Clock = realClock,
): { limiter: Limiter; rateLimit: RateLimit } {
  const rateLimit = { tps: settings.tps ?? LIVE_DEFAULT_RATE.tps, burst: settings.burst ?? LIVE_DEFAULT_RATE.burst }
  const limiter =
    settings.shape === 'global'
      ? new RateLimiter(rateLimit, clock.now, clock.sleep)
      : new ApiRateLimiter(settings, clock)
  return { limiter, rateLimit }
}
