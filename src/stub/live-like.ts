// Live-like mode: the stub answers with the shape of the real service's rationing, so a live-sized run can
// be measured without AWS. Connect throttles per API, per account, per Region with a token bucket (a steady
// rate plus a burst) and answers 429 (docs/toolchain-notes.md §4); the figures for the view APIs are not
// published, so the defaults are the ones a live run is told to assume: 2 requests/s per API, burst 5.
// One stub = one account in one Region, so the buckets are keyed by operation only.
// Latency: every call waits latencyMs ± jitterMs (uniform), like a round trip to a regional endpoint.
import type { OperationName } from '../spec'
import { TokenBucket } from './token-bucket'

export interface LiveLikeOptions {
  /** Steady requests per second per API. Default 2. */
  ratePerSecond?: number
  /** Requests per API allowed back to back. Default 5. */
  burst?: number
  /** Per-operation overrides of rate and burst. */
  perOperation?: Partial<Record<OperationName, { ratePerSecond?: number; burst?: number }>>
  /** Mean added latency in ms. Default 60. */
  latencyMs?: number
  /** Latency varies uniformly by ± this many ms. Default 20. */
  jitterMs?: number
  /** Clock in ms (tests inject a fake one). Default Date.now. */
  now?: () => number
}

export const LIVE_LIKE_DEFAULTS = { ratePerSecond: 2, burst: 5, latencyMs: 60, jitterMs: 20 } as const

export class LiveLikeThrottle {
  private readonly buckets = new Map<OperationName, TokenBucket>()
  private readonly now: () => number
  readonly latencyMs: number
  readonly jitterMs: number

  constructor(private readonly options: LiveLikeOptions = {}) {
    this.now = options.now ?? Date.now
    this.latencyMs = options.latencyMs ?? LIVE_LIKE_DEFAULTS.latencyMs
    this.jitterMs = options.jitterMs ?? LIVE_LIKE_DEFAULTS.jitterMs
    if (!(this.latencyMs >= 0 && this.jitterMs >= 0 && this.jitterMs <= this.latencyMs)) {
      throw new Error(
        `liveLike: latencyMs must be >= 0 and jitterMs within 0..latencyMs, got ${this.latencyMs} ± ${this.jitterMs}`,
      )
    }
    this.bucketFor('DescribeView') // validates the default rate and burst up front
  }

  /** The latency of one call, given a uniform draw in [0, 1). */
  latency(draw: number): number {
    return this.latencyMs + (draw * 2 - 1) * this.jitterMs
  }

  /** Takes a token from the operation's bucket; false = answer 429. */
  admit(op: OperationName): boolean {
    return this.bucketFor(op).tryTake(this.now())
  }

  private bucketFor(op: OperationName): TokenBucket {
    let b = this.buckets.get(op)
    if (!b) {
      const o = this.options.perOperation?.[op]
      b = new TokenBucket(
        o?.ratePerSecond ?? this.options.ratePerSecond ?? LIVE_LIKE_DEFAULTS.ratePerSecond,
        o?.burst ?? this.options.burst ?? LIVE_LIKE_DEFAULTS.burst,
        this.now(),
      )
      this.buckets.set(op, b)
    }
    return b
  }
}
