// Client-side token bucket for live targets: Connect throttles per API, account and region, with small
// undocumented limits (connect-views-api.md §11), so a live run stays well under them by default.

export interface RateLimit {
  /** Steady requests per second. */
  tps: number
  /** Bucket size: requests allowed back to back. */
  burst: number
}

export const LIVE_DEFAULT_RATE: Readonly<RateLimit> = { tps: 2, burst: 5 }

export class RateLimiter {
  private tokens: number
  private last: number
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly limit: RateLimit, private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {
    if (!(limit.tps > 0) || !(limit.burst >= 1)) throw new Error(`invalid rate limit: tps ${limit.tps}, burst ${limit.burst}`)
    this.tokens = limit.burst
    this.last = now()
  }

  /** Resolves when one request may go; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take())
    this.queue = turn.catch(() => undefined)
    return turn
  }

  private async take(): Promise<void> {
    for (;;) {
      const t = this.now()
      this.tokens = Math.min(this.limit.burst, this.tokens + ((t - this.last) / 1000) * this.limit.tps)
      this.last = t
      if (this.tokens >= 1) {
        this.tokens -= 1
        return
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.limit.tps) * 1000))
    }
  }
}
