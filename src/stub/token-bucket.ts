// A token bucket on an injected clock: `rate` tokens per second refill up to `burst`. The shape AWS documents
// for its API throttling (docs/toolchain-notes.md §4: a steady rate plus a burst, per API). Shared by the stub's
// live-like mode (which enforces it) and the targets' client-side limiter (which stays under it).
// Pure arithmetic, no timers: callers pass `now` (ms) so tests drive it with a fake clock.

export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private rateValue: number,
    readonly burst: number,
    now: number,
  ) {
    if (!(rateValue > 0) || !Number.isFinite(rateValue) || !(burst >= 1)) {
      throw new Error(`invalid token bucket: rate ${rateValue}/s, burst ${burst}`)
    }
    this.tokens = burst
    this.last = now
  }

  get rate(): number {
    return this.rateValue
  }

  /** Changes the refill rate from now on (tokens earned so far are kept). */
  setRate(rate: number, now: number): void {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`invalid token bucket rate ${rate}/s`)
    this.refill(now)
    this.rateValue = rate
  }

  /** Takes one token if there is one. */
  tryTake(now: number): boolean {
    this.refill(now)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Takes one token whether or not there is one: the bucket may owe tokens, which the refill pays back first. */
  take(now: number): void {
    this.refill(now)
    this.tokens -= 1
  }

  /** Milliseconds until one token is available (0 when one is). */
  waitMs(now: number): number {
    this.refill(now)
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rateValue) * 1000)
  }

  /** Empties the bucket: nothing more until it refills (a 429 says the server's bucket is empty). */
  drain(now: number): void {
    this.refill(now)
    this.tokens = Math.min(this.tokens, 0)
  }

  private refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rateValue)
    this.last = Math.max(this.last, now)
  }
}
