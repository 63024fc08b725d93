// Turns fast-check's run details into a property verdict, the same way for every runner (sequential and
// concurrent). The rules of the first standard live here:
// - a budget that ran out is never a failure: fast-check reports "failed" when its time limit interrupts a
//   property before the first run completed; that is `inconclusive`, with what was done;
// - a property that executed no assertion against the target is `inconclusive` too (it proved nothing),
//   with the reason (an operation the target does not implement, or the budget);
// - only a check that fired, or an exception inside the harness, is `failed`.
import fc from 'fast-check'
import type { OperationName } from '../spec'
import type { AssertionLedger } from '../harness/assertions'
import { harnessFailure } from './harness-failure'
import type { PropertyFailure, PropertyResult } from '../harness/property-types'

export interface VerdictInput<T> {
  details: fc.RunDetails<T>
  base: Omit<PropertyResult, 'status'>
  lastFailure?: PropertyFailure
  ledger: AssertionLedger
  /** Operations the target turned out not to implement (their commands were skipped). */
  missing: readonly OperationName[]
  /** The property's time limit, if any. */
  timeLimitMs?: number
}

export function propertyVerdict<T>(v: VerdictInput<T>): PropertyResult {
  const { details, base, ledger } = v
  const assertions = ledger.toRecord()
  const withCounts = { ...base, numRuns: details.numRuns, assertions }
  const budgetCut = details.interrupted && details.counterexample === null && v.lastFailure === undefined
  if (details.failed && !budgetCut) {
    const failure: PropertyFailure = v.lastFailure ?? harnessFailure(details.errorInstance ?? 'no error instance')
    return { ...withCounts, status: 'failed', failure, report: fc.defaultReportMessage(details) ?? undefined }
  }
  if (ledger.total > 0 && details.numRuns > 0) return { ...withCounts, status: 'passed' }
  const why: string[] = []
  if (v.missing.length) why.push(`the target does not implement ${v.missing.join(', ')}`)
  if (details.interrupted)
    why.push(`the time budget (${v.timeLimitMs ?? '?'} ms) ended it after ${details.numRuns} complete sequences`)
  if (!why.length) why.push('no assertion executed against the target')
  return { ...withCounts, status: 'inconclusive', note: `not exercised: ${why.join('; ')}` }
}

/** A property that cannot reach the target at all (it needs an operation the target lacks): nothing ran, nothing is judged. */
export function unreachableVerdict(
  identity: Pick<PropertyResult, 'property' | 'title' | 'rules'>,
  seed: number,
  why: string,
): PropertyResult {
  return {
    ...identity,
    seed,
    numRuns: 0,
    commandsExecuted: 0,
    durationMs: 0,
    status: 'inconclusive',
    assertions: {},
    note: `not exercised: ${why}`,
  }
}
