// What a target counts of its calls: per operation, 429s and 5xx, error classes (the operation × error matrix),
// and calls without an answer, told apart by call shape so a hang is not mistaken for a loaded machine.
import type { OperationName } from '../spec'
import type { CallOutcome } from './sdk-call'

export interface CallStats {
  calls: number
  /** 429 answers the harness retried (never hidden: reported with the results). */
  throttleRetries: number
  /** 429 answers of every kind (retried, deliberate, final), overall and per operation: the run's cost to the account. */
  throttled: number
  throttledByOperation: Partial<Record<OperationName, number>>
  byOperation: Partial<Record<OperationName, number>>
  /** Error classes seen per operation, for the operation × error coverage matrix. */
  errorsByOperation: Partial<Record<OperationName, Record<string, number>>>
  serverErrors: number
  /** Calls the client gave up waiting for (request timeout), per operation, and the steps left without a verdict by them. */
  noAnswer: { withinMs: number; tries: number; steps: number; byOperation: Partial<Record<OperationName, number>> }
}

/** Tries of one call shape without any answer after which it is a hang, not a loaded machine (two steps, each tried twice). */
export const HANG_TRIES = 4

/** The same call, as far as hangs go: the operation and the members it was sent with. */
export function callShape(op: OperationName, input: Record<string, unknown>): string {
  return `${op}(${Object.keys(input).sort().join(', ')})`
}

/** The client's wait for one answer when the target names none (the embedded stub: it always answers). */
export const DEFAULT_NO_ANSWER_MS = 15_000

export class CallCounter {
  readonly stats: CallStats
  /** Per call shape (callShape): tries answered and tries without an answer, to tell a hang from a loaded machine. */
  private readonly shapes = new Map<string, { answered: number; noAnswer: number }>()

  /** `requestTimeoutMs`: how long the client waits for one answer, "no answer within T". */
  constructor(readonly requestTimeoutMs: number) {
    this.stats = {
      calls: 0,
      throttleRetries: 0,
      throttled: 0,
      throttledByOperation: {},
      byOperation: {},
      errorsByOperation: {},
      serverErrors: 0,
      noAnswer: { withinMs: requestTimeoutMs, tries: 0, steps: 0, byOperation: {} },
    }
  }

  /** A call made outside send() (the Pact verifier's requests), counted like send()'s: calls and 429s. */
  countExternal(op: OperationName, status: number): void {
    this.stats.calls++
    this.stats.byOperation[op] = (this.stats.byOperation[op] ?? 0) + 1
    if (status === 429) this.countThrottle(op)
  }

  /** Calls another process made (the Pact verifier's), counted with this run's. */
  countElsewhere(calls: Pick<CallStats, 'calls' | 'byOperation' | 'throttledByOperation'>): void {
    this.stats.calls += calls.calls
    for (const [op, n] of Object.entries(calls.byOperation) as [OperationName, number][])
      this.stats.byOperation[op] = (this.stats.byOperation[op] ?? 0) + n
    for (const [op, n] of Object.entries(calls.throttledByOperation) as [OperationName, number][])
      for (let k = 0; k < n; k++) this.countThrottle(op)
  }

  private countThrottle(op: OperationName): void {
    this.stats.throttled++
    this.stats.throttledByOperation[op] = (this.stats.throttledByOperation[op] ?? 0) + 1
  }

  /** malformed: a deliberately malformed request, whose error class belongs to no operation's declared errors (R44). */
  count(op: OperationName, o: CallOutcome, malformed = false): void {
    this.stats.calls++
    this.stats.byOperation[op] = (this.stats.byOperation[op] ?? 0) + 1
    if (o.ok || o.timedOut) return // no answer has no class: counted in stats.noAnswer
    if (o.error.status === 429) this.countThrottle(op)
    if ((o.error.status ?? 0) >= 500) this.stats.serverErrors++
    if (malformed) return // the operation × error matrix is about well-formed calls
    const errs = (this.stats.errorsByOperation[op] ??= {})
    errs[o.error.name] = (errs[o.error.name] ?? 0) + 1
  }

  /** Whether a call of this shape was answered: many tries of one shape without any answer is a hang. */
  noteAnswer(op: OperationName, input: Record<string, unknown>, o: CallOutcome): void {
    const key = callShape(op, input)
    const seen = this.shapes.get(key) ?? { answered: 0, noAnswer: 0 }
    this.shapes.set(key, seen)
    if (o.ok || !o.timedOut) {
      seen.answered++
      return
    }
    seen.noAnswer++
    this.stats.noAnswer.tries++
    this.stats.noAnswer.byOperation[op] = (this.stats.noAnswer.byOperation[op] ?? 0) + 1
  }

  /**
   * A step left without a verdict because its call got no answer (counted). A hang — the same call shape never
   * answered, over HANG_TRIES tries or more — is a failure: the returned message says so; else undefined.
   */
  noAnswerStep(op: OperationName, input: Record<string, unknown>): string | undefined {
    this.stats.noAnswer.steps++
    const seen = this.shapes.get(callShape(op, input))
    if (!seen || seen.answered > 0 || seen.noAnswer < HANG_TRIES) return undefined
    return `${op} got no answer within ${this.requestTimeoutMs} ms on every one of ${seen.noAnswer} tries of the same call (${callShape(op, input)}): a hang`
  }
}
