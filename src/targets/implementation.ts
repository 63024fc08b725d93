// Which operations the target implements at all. An emulator that lacks an operation answers its route
// like a web server that has no such page (404 or 405 with an HTML or empty body), with
// UnknownOperationException, with 501, or by resetting the connection. Such an answer is not a
// conformance failure of any rule: the operation is "not implemented", its evidence is kept for the report,
// its rules stay "not exercised", and the harness stops sending it so the rest of the run goes on.
// An operation that has succeeded once is implemented: a later answer of that kind is a real failure.
import type { OperationName } from '../spec'
import { OPERATIONS } from '../spec'
import type { CallOutcome } from './sdk-call'

/**
 * A well-formed view id no service issues (a UUID v4 shape with all random bits zero): the implementation
 * probe mutates it, and the live-safety guard lets it through unverified, since it cannot name anybody's view.
 */
export const ABSENT_VIEW_ID = '00000000-0000-4000-8000-00000000abcd'

export interface NotImplementedEvidence {
  status?: number
  contentType?: string
  /** The first bytes of the body, as the SDK saw them. */
  firstBytes?: string
  /** The error as the SDK raised it. */
  error: string
}

const NOT_FOUND_LIKE = new Set([404, 405])
const CONNECTION_LOST = /ECONNRESET|socket hang up|EPIPE/i

/** The evidence that `outcome` is the answer of a target lacking `op`, or undefined. */
export function notImplementedEvidence(op: OperationName, outcome: CallOutcome): NotImplementedEvidence | undefined {
  if (outcome.ok) return undefined
  const e = outcome.error
  const evidence = (): NotImplementedEvidence => ({
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.raw?.contentType ? { contentType: e.raw.contentType } : {}),
    ...(e.raw?.firstBytes !== undefined ? { firstBytes: e.raw.firstBytes } : {}),
    error: `${e.name}: ${e.message.split('\n')[0]!.slice(0, 160)}`,
  })
  if (e.name === 'UnknownOperationException' || e.status === 501) return evidence()
  // A declared error class (ResourceNotFoundException is a 404 too) is an answer of the operation itself.
  const declared = (OPERATIONS[op].errors as readonly string[]).includes(e.name)
  if (e.status !== undefined && NOT_FOUND_LIKE.has(e.status) && !declared && !isJson(e.raw?.contentType))
    return evidence()
  if (outcome.unknown && CONNECTION_LOST.test(e.message)) return evidence()
  return undefined
}

function isJson(contentType: string | undefined): boolean {
  return !!contentType && /json/i.test(contentType)
}

/**
 * A 404 whose body is no service error (an HTML page, an empty body): from an operation that lacks its route
 * the sign of a missing operation; from one that answers an existing view, a wrong answer to a view, version
 * or instance that does not exist (R25 documents ResourceNotFoundException for it).
 */
export function isNotFoundPage(outcome: CallOutcome): boolean {
  if (outcome.ok) return false
  const e = outcome.error
  return e.status === 404 && e.name !== 'ResourceNotFoundException' && !isJson(e.raw?.contentType)
}

/** The answer of an operation, in a few words, as the report's evidence. */
export function answerEvidence(outcome: CallOutcome): NotImplementedEvidence {
  if (outcome.ok) return { error: 'success' }
  const e = outcome.error
  return {
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.raw?.contentType ? { contentType: e.raw.contentType } : {}),
    ...(e.raw?.firstBytes !== undefined ? { firstBytes: e.raw.firstBytes } : {}),
    error: `${e.name}: ${e.message.split('\n')[0]!.slice(0, 160)}`,
  }
}

/** How the implementation probe addressed the view operations (implementation-probe.ts). */
export interface ProbeMethod {
  /** own-view: on a view it created (and deleted); absent-view: on a view that does not exist (the fallback). */
  on: 'own-view' | 'absent-view'
  /** Why the fallback: CreateView is not implemented, or it created nothing. */
  note?: string
}

/** Per target: calls that succeeded per operation, and the operations found missing (with evidence). */
export class ImplementationLedger {
  readonly succeeded: Partial<Record<OperationName, number>> = {}
  readonly missing = new Map<OperationName, NotImplementedEvidence>()
  /**
   * Operations that answered like the service at least once (a success, or an error that is no sign of a
   * missing route, a throttle or a server fault): they are implemented, whatever they answer later.
   */
  readonly answered = new Set<OperationName>()
  /**
   * Operations the probe found implemented that answer a view that does not exist with a non-JSON 404: one
   * R25 finding, reported once; their later such answers are read as the ResourceNotFoundException they stand for.
   */
  readonly notFoundPages = new Map<OperationName, NotImplementedEvidence>()
  probe?: ProbeMethod

  /** Records a call's outcome; true when it showed the operation to be missing. */
  observe(op: OperationName, outcome: CallOutcome): boolean {
    if (outcome.ok) {
      this.succeeded[op] = (this.succeeded[op] ?? 0) + 1
      this.answered.add(op)
      return false
    }
    if (this.succeeded[op] || this.answered.has(op)) return false
    const evidence = notImplementedEvidence(op, outcome)
    if (!evidence) {
      const status = outcome.error.status ?? 0
      if (!outcome.unknown && status !== 429 && status < 500 && status > 0) this.answered.add(op)
      return false
    }
    if (!this.missing.has(op)) this.missing.set(op, evidence)
    return true
  }

  isMissing(op: OperationName): boolean {
    return this.missing.has(op)
  }
}
