// Client-side rate limiting for live targets. Connect throttles per API, per account, per Region with token
// buckets (docs/toolchain-notes.md §4: "all other operations" 2 requests/s, burst 5), so the default limiter
// models those buckets: one per API (2 requests/s, burst 5 each unless configured per operation) and a global
// cap on all calls together. It spends only tokens it knows the target's bucket holds:
// - the model keeps a margin for the time between our send and the server's admission (a request the
//   network delays more than the one after it reaches the server later than we counted): the modelled bucket
//   is `rate × transitMs` smaller than the target's, so two calls never arrive closer than the bucket allows;
// - calls sent past the pacing on purpose (the coverage plan's throttling burst) still take their tokens
//   (spend), so the model knows the bucket is empty afterwards;
// - `share` (--rate-share) uses at most that fraction of each API's rate and burst, leaving the rest to the
//   account's own traffic;
// - a caller first in line (the coverage plan, the Pact verifier: the cheapest verdicts per call) is served
//   before every other caller waiting on the same API or on the global cap, so exploration running beside
//   them spends only what they leave, and never delays them by more than one call already on its way.
// A 429 is a correction, not how the rate is found: the bucket is empty (drained), the API's rate halves,
// and it recovers slowly (a fiftieth of the rate it was throttled at per answered call) to at most 90 % of that
// rate, so an assumption above the target's rate converges instead of oscillating; a retry hint the server sends (Retry-After /
// x-amz-retry-after) holds that API's calls until it has passed. A deliberate burst's 429 drains the model
// but leaves the rate alone. The limiter only paces calls; which answers are retried stays with Target.send
// (only 429s, counted, a 5xx is never retried), so nothing here can hide a failure.
import type { OperationName } from '../spec'
import { TokenBucket } from '../stub/token-bucket'

export interface RateLimit {
  /** Steady requests per second (per API for the per-API shape). */
  tps: number
  /** Bucket size: requests allowed back to back. */
  burst: number
  /** The fraction of the configured rate and burst these are (--rate-share), when one was applied. */
  share?: number
}

/** "2 requests/s, burst 5 per API": the rates in force, as the run's header prints them. */
export function describeRateLimit(r: RateLimit | undefined): string {
  if (!r) return 'no client-side rate limit'
  const n = (x: number) => String(Number(x.toFixed(3)))
  return `${n(r.tps)} requests/s, burst ${n(r.burst)} per API${r.share !== undefined && r.share < 1 ? ` (rate share ${n(r.share)})` : ''}`
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
  /** Fraction (0..1] of each API's rate and burst the run may use (--rate-share). Default 1. */
  share?: number
  /**
   * Per-API shape: how much later than our send the server may admit a call, in ms: the modelled bucket is
   * that many ms of refill smaller than the target's. Default TRANSIT_MARGIN_MS.
   */
  transitMs?: number
}

/** The default allowance for a call's way to the server's bucket (a loaded machine delays sends by tens of ms). */
export const TRANSIT_MARGIN_MS = 250
/** After a 429, the calls it takes to recover to the rate the API was throttled at. */
const RECOVERY_CALLS = 50
/** After a 429 at some rate, the API recovers to at most this fraction of it: the bucket's rate is below it. */
const CEILING_AFTER_429 = 0.9
/** No API is backed off below this, requests/s. */
const MIN_RATE = 0.05
/** A caller not first in line, held back by one that is, looks again this much later (ms). */
const YIELD_MS = 20

/** What Target.send needs: wait for a slot, then say how the call went. */
export interface Limiter {
  /** Waits for a slot for one call of `op`; `first`: before every caller not first in line (see above). */
  acquire(op: OperationName, first?: boolean): Promise<void>
  /** A call of `op` goes out now, past the pacing on purpose: it takes its token all the same (may owe one). */
  spend?(op: OperationName): void
  /**
   * A call of `op` was answered: throttled (429) or not, with the server's retry hint if it sent one.
   * `deliberate`: the call was sent past the pacing to provoke a 429 (the bucket is empty; the rate stays).
   */
  observe?(op: OperationName, throttled: boolean, retryAfterMs?: number, deliberate?: boolean): void
  /** Every modelled bucket emptied: another process spent from the target's buckets (the Pact verifier). */
  drainAll?(): void
}

export function checkShare(share: number): number {
  if (!(share > 0 && share <= 1)) throw new Error(`invalid rate share ${share}: a fraction in (0, 1]`)
  return share
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
  /** 429 answers observed (deliberate ones included). */
  throttled: number
  /** The lowest rate any API was backed off to, requests/s. */
  lowestRate: number
  hintsHonoured: number
}

/** Shaped like the service: a bucket per API, a global cap, adaptive on 429. Per API, callers are served in order. */
export class ApiRateLimiter implements Limiter {
  private readonly buckets = new Map<
    OperationName,
    {
      bucket: TokenBucket
      base: number
      burst: number
      queue: Promise<void>
      /** Callers first in line are served in order too, in a queue of their own. */
      firstQueue: Promise<void>
      /** Callers first in line waiting on this API (queued or taking). */
      firstWaiting: number
      holdUntil: number
      recoverStep: number
      ceiling: number
    }
  >()
  private readonly share: number
  private readonly global?: TokenBucket
  /** Callers first in line whose own API has a token and who wait on the global cap only. */
  private firstAtGlobal = 0
  readonly stats: ApiLimiterStats

  constructor(
    private readonly settings: LimiterSettings = {},
    private readonly clock: Clock = realClock,
  ) {
    this.share = checkShare(settings.share ?? 1)
    this.slot('DescribeView') // validates the configured rate and burst now, not at the first call
    const globalTps = settings.globalTps ?? GLOBAL_CAP_APIS * (settings.tps ?? LIVE_DEFAULT_RATE.tps) * this.share
    if (!(globalTps > 0)) throw new Error(`invalid global rate cap: ${globalTps} requests/s`)
    if (Number.isFinite(globalTps)) this.global = new TokenBucket(globalTps, Math.max(1, globalTps), clock.now())
    this.stats = { throttled: 0, lowestRate: this.slot('DescribeView').base, hintsHonoured: 0 }
  }

  spend(op: OperationName): void {
    const now = this.clock.now()
    this.slot(op).bucket.take(now)
    this.global?.take(now)
  }

  drainAll(): void {
    const now = this.clock.now()
    for (const s of this.buckets.values()) s.bucket.drain(now)
  }

  acquire(op: OperationName, first = false): Promise<void> {
    const s = this.slot(op)
    if (!first) {
      const turn = s.queue.then(() => this.take(op, false))
      s.queue = turn.catch(() => undefined)
      return turn
    }
    s.firstWaiting++
    const turn = s.firstQueue.then(() => this.take(op, true)).finally(() => s.firstWaiting--)
    s.firstQueue = turn.catch(() => undefined)
    return turn
  }

  observe(op: OperationName, throttled: boolean, retryAfterMs?: number, deliberate = false): void {
    if (this.settings.adaptive === false) return
    const s = this.slot(op)
    const now = this.clock.now()
    if (throttled) {
      this.stats.throttled++
      s.bucket.drain(now) // the server's bucket is empty: ours should be too
      if (!deliberate) {
        const throttledAt = s.bucket.rate
        const rate = Math.max(MIN_RATE, throttledAt / 2)
        s.bucket.setRate(rate, now)
        s.recoverStep = throttledAt / RECOVERY_CALLS
        s.ceiling = Math.max(rate, Math.min(s.ceiling, throttledAt * CEILING_AFTER_429))
        this.stats.lowestRate = Math.min(this.stats.lowestRate, rate)
      }
      if (retryAfterMs !== undefined && retryAfterMs > 0) {
        s.holdUntil = Math.max(s.holdUntil, now + retryAfterMs)
        this.stats.hintsHonoured++
      }
    } else if (s.bucket.rate < s.ceiling) {
      s.bucket.setRate(Math.min(s.ceiling, s.bucket.rate + s.recoverStep), now)
    }
  }

  /** The rate and burst in force per API (after the share; what the run's header prints). */
  inForce(): RateLimit {
    const s = this.slot('DescribeView')
    return { tps: s.base, burst: s.burst }
  }

  /** The API's current rate, requests/s (after adaptation). */
  rateOf(op: OperationName): number {
    return this.slot(op).bucket.rate
  }

  private async take(op: OperationName, first: boolean): Promise<void> {
    const s = this.slot(op)
    for (;;) {
      const now = this.clock.now()
      const own = Math.max(s.holdUntil - now, s.bucket.waitMs(now))
      const global = this.global?.waitMs(now) ?? 0
      // a caller not first in line leaves the API's tokens, and the global cap's, to those who are waiting
      const yieldToFirst = !first && (s.firstWaiting > 0 || this.firstAtGlobal > 0)
      if (Math.max(own, global) <= 0 && !yieldToFirst) {
        s.bucket.take(now)
        this.global?.take(now)
        return
      }
      if (yieldToFirst) {
        await this.clock.sleep(Math.max(own, global, YIELD_MS))
        continue
      }
      const atGlobal = first && own <= 0
      if (atGlobal) this.firstAtGlobal++
      try {
        await this.clock.sleep(Math.max(own, global))
      } finally {
        if (atGlobal) this.firstAtGlobal--
      }
    }
  }

  private slot(op: OperationName) {
    let s = this.buckets.get(op)
    if (!s) {
      const o = this.settings.perOperation?.[op]
      const configured = o?.tps ?? this.settings.tps ?? LIVE_DEFAULT_RATE.tps
      const configuredBurst = o?.burst ?? this.settings.burst ?? LIVE_DEFAULT_RATE.burst
      checkLimit(` of ${op}`, configured, configuredBurst)
      const base = configured * this.share
      const burst = Math.max(1, configuredBurst * this.share)
      // the margin for a call's way to the server comes off the bucket, never below one call
      const margin = (base * (this.settings.transitMs ?? TRANSIT_MARGIN_MS)) / 1000
      const bucket = new TokenBucket(base, Math.max(1, burst - margin), this.clock.now())
      s = {
        bucket,
        base,
        burst,
        queue: Promise.resolve(),
        firstQueue: Promise.resolve(),
        firstWaiting: 0,
        holdUntil: 0,
        recoverStep: base / RECOVERY_CALLS,
        ceiling: base,
      }
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
  const share = checkShare(settings.share ?? 1)
  // the rate and burst in force: what the run's header prints and helpers with their own client use
  const rateLimit = {
    tps: (settings.tps ?? LIVE_DEFAULT_RATE.tps) * share,
    burst: Math.max(1, (settings.burst ?? LIVE_DEFAULT_RATE.burst) * share),
    share,
  }
  const limiter =
    settings.shape === 'global'
      ? new RateLimiter(rateLimit, clock.now, clock.sleep)
      : new ApiRateLimiter(settings, clock)
  return { limiter, rateLimit }
}
