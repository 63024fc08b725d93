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

/** Per target: calls that succeeded per operation, and the operations found missing (with evidence). */
export class ImplementationLedger {
  readonly succeeded: Partial<Record<OperationName, number>> = {}
  readonly missing = new Map<OperationName, NotImplementedEvidence>()

  /** Records a call's outcome; true when it showed the operation to be missing. */
  observe(op: OperationName, outcome: CallOutcome): boolean {
    if (outcome.ok) {
      this.succeeded[op] = (this.succeeded[op] ?? 0) + 1
      return false
    }
    if (this.succeeded[op]) return false
    const evidence = notImplementedEvidence(op, outcome)
    if (!evidence) return false
    if (!this.missing.has(op)) this.missing.set(op, evidence)
    return true
  }

  isMissing(op: OperationName): boolean {
    return this.missing.has(op)
  }
}
