// R23 and R22 tie an HTTP status to one declared error class: a throttled call is 429 with the operation's
// declared throttling error (TooManyRequestsException on view operations, ThrottlingException on tagging and
// SearchViews), a quota answer is 402 ServiceQuotaExceededException (CreateView, CreateViewVersion). Both
// are judged on every answer that has either the status or the class, from the generated model
// (src/spec/declared-errors.ts). Target.send retries only the declared throttling class; the checks
// (src/harness/checks.ts) judge every answer, the retried ones included (checkRetriedAnswers).
import { declaredErrorWithStatus, httpStatusOfError, type OperationName, type RuleId } from '../spec'
import type { CallError } from './sdk-call'

/** The statuses whose error class a documented rule fixes. */
const STATUS_RULES: readonly { status: number; rule: RuleId; what: string }[] = [
  { status: 429, rule: 'R23', what: 'throttling' },
  { status: 402, rule: 'R22', what: 'quota' },
]

export interface AnswerClassVerdict {
  rule: RuleId
  /** Why the answer breaks the rule; undefined when it keeps it. */
  failure?: string
}

/**
 * The rule an error answer is judged by, when it has a status or a class one of those rules fixes (undefined
 * otherwise, or when the operation declares no error with that status: R33 judges an undeclared class).
 */
export function answerClassVerdict(
  op: OperationName,
  error: Pick<CallError, 'name' | 'status'>,
): AnswerClassVerdict | undefined {
  for (const { status, rule, what } of STATUS_RULES) {
    if (error.status !== status && httpStatusOfError(error.name) !== status) continue
    const expected = declaredErrorWithStatus(op, status)
    if (!expected) continue
    if (error.status === status && error.name === expected) return { rule }
    return {
      rule,
      failure: `${op} answered ${error.name} with HTTP ${error.status ?? 'none'}; a ${what} answer of ${op} is HTTP ${status} ${expected}`,
    }
  }
  return undefined
}

/** A 429 the harness may retry: the declared throttling class (a wrong one is returned to be judged, a 5xx never retried). */
export function isRetryableThrottle(op: OperationName, error: Pick<CallError, 'name' | 'status'>): boolean {
  const v = answerClassVerdict(op, error)
  return error.status === 429 && v?.rule === 'R23' && !v.failure
}
