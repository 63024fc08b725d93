// Optional fault injection, decided per request after routing and before decoding or the model, so an
// injected failure never changes state (a throttled call is answered before the model sees it).
//
// Deterministic: all randomness comes from one injected `random()` (default: a PRNG seeded with `seed`),
// drawn in a fixed order per request, so the same seed and request sequence give the same faults.
//
// `forceError` is a test hook, not AWS behaviour: it makes the next call(s) of an operation fail with a
// chosen error. It exists to reach declared errors the model cannot produce by itself
// (AccessDeniedException, InternalServiceException, throttling, ResourceInUseException).
import { OPERATIONS, throttlingErrorOf, type OperationName } from '../spec'
import type { EventualOptions } from './eventual'
import { LiveLikeThrottle, type LiveLikeOptions } from './live-like'
import { WireError, type StubErrorName } from './wire-types'
import { seededRandom } from './seeded-random'

export interface ForcedError {
  /** Operation to fail, or '*' for any operation. */
  readonly operation: OperationName | '*'
  readonly errorName: StubErrorName
  readonly message?: string
  /** Modelled members of the error, e.g. { ResourceType: 'CONTACT_FLOW', ResourceId: 'arn:…' }. */
  readonly fields?: Readonly<Record<string, unknown>>
  /** How many matching calls fail; default 1 (one-shot). Infinity = always. */
  readonly times?: number
}

export interface FaultOptions {
  /** Probability (0..1) that a call is throttled: 429 with the throttling error the operation declares. */
  throttleRate?: number
  /** Probability (0..1) that a call fails with 500 InternalServiceException. */
  serverErrorRate?: number
  /** Delay added before every call is handled, in milliseconds. */
  latencyMs?: number
  /** Seed of the default PRNG. Ignored when `random` is given. Default 1. */
  seed?: number
  /** Source of randomness in [0, 1); overrides `seed`. */
  random?: () => number
  /** Test hook: errors forced on the next matching calls, checked in order before the random faults. */
  forceError?: readonly ForcedError[]
  /** Answer like the rationed real service: per-API token buckets (429 when empty) and jittered latency (src/stub/live-like.ts). */
  liveLike?: LiveLikeOptions | boolean
  /**
   * Eventual consistency as Connect documents it (src/stub/eventual.ts): reads see states up to `windowMs`
   * old, and views younger than that are sometimes not found. Its own seed (default: `seed`).
   */
  eventual?: EventualOptions
}

export interface FaultDecision {
  readonly latencyMs: number
  readonly error?: WireError
}

export interface FaultStats {
  throttled: number
  serverErrors: number
  forced: number
}

export { seededRandom }

/** The throttling error an operation declares (src/spec/declared-errors.ts, from the generated model). */
export { throttlingErrorOf }

function checkRate(name: string, v: number | undefined): number {
  const r = v ?? 0
  if (!(r >= 0 && r <= 1)) throw new Error(`faults.${name} must be within 0..1, got ${v}`)
  return r
}

interface ForcedSlot {
  spec: ForcedError
  remaining: number
}

export class FaultInjector {
  private random!: () => number
  private forced: ForcedSlot[] = []
  private throttleRate = 0
  private serverErrorRate = 0
  private latencyMs = 0
  private liveLike: LiveLikeThrottle | undefined
  readonly stats: FaultStats = { throttled: 0, serverErrors: 0, forced: 0 }

  constructor(private options: FaultOptions = {}) {
    this.configure(options)
  }

  /** Replaces the fault options (rates, latency, randomness, forced errors) and restarts the PRNG. */
  configure(options: FaultOptions): void {
    this.options = options
    this.throttleRate = checkRate('throttleRate', options.throttleRate)
    this.serverErrorRate = checkRate('serverErrorRate', options.serverErrorRate)
    const latency = options.latencyMs ?? 0
    if (!(latency >= 0 && Number.isFinite(latency)))
      throw new Error(`faults.latencyMs must be a finite number >= 0, got ${latency}`)
    this.latencyMs = latency
    this.liveLike = options.liveLike
      ? new LiveLikeThrottle(options.liveLike === true ? {} : options.liveLike)
      : undefined
    this.random = options.random ?? seededRandom(options.seed ?? 1)
    this.forced = []
    for (const f of options.forceError ?? []) this.force(f)
  }

  /** Back to the configured options: PRNG restarted, one-shot forced errors re-armed, stats zeroed. */
  reset(): void {
    // The live-like buckets are wall-clock state of the "service", not of the model: a reset keeps them.
    const liveLike = this.liveLike
    this.configure(this.options)
    this.liveLike = liveLike
    this.stats.throttled = this.stats.serverErrors = this.stats.forced = 0
  }

  /** Test hook: adds a forced error at run time (see ForcedError). */
  force(f: ForcedError): void {
    const times = f.times ?? 1
    if (!(times >= 1)) throw new Error(`forceError.times must be >= 1, got ${f.times}`)
    if (f.operation !== '*' && !(f.operation in OPERATIONS))
      throw new Error(`forceError: unknown operation ${f.operation}`)
    this.forced.push({ spec: f, remaining: times })
  }

  /** Drops all forced errors that have not fired yet. */
  clearForced(): void {
    this.forced = []
  }

  /** What to do to this call. Draws from random() only for the rates that are non-zero, in a fixed order. */
  decide(op: OperationName): FaultDecision {
    const latencyMs = this.latencyMs + (this.liveLike ? this.liveLike.latency(this.random()) : 0)
    const slot = this.forced.find((s) => s.spec.operation === '*' || s.spec.operation === op)
    if (slot) {
      if (--slot.remaining <= 0) this.forced.splice(this.forced.indexOf(slot), 1)
      this.stats.forced++
      const { errorName, message, fields } = slot.spec
      return {
        latencyMs,
        error: new WireError(errorName, message ?? `Injected ${errorName} (stub forceError hook)`, fields ?? {}),
      }
    }
    if (this.liveLike && !this.liveLike.admit(op)) {
      this.stats.throttled++
      return { latencyMs, error: new WireError(throttlingErrorOf(op), 'Rate exceeded') }
    }
    if (this.throttleRate > 0 && this.random() < this.throttleRate) {
      this.stats.throttled++
      return { latencyMs, error: new WireError(throttlingErrorOf(op), 'Rate exceeded') }
    }
    if (this.serverErrorRate > 0 && this.random() < this.serverErrorRate) {
      this.stats.serverErrors++
      return { latencyMs, error: new WireError('InternalServiceException', 'Internal service error (injected fault)') }
    }
    return { latencyMs }
  }
}
