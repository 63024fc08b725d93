// One sequence of commands run in lockstep on the target and a fresh reference model, each step checked:
// the unit every sequential strategy is built from (random sequences, a replay, a prelude, the coverage plan).
import { AssertionLedger } from './assertions'
import type { Cmd } from './commands'
import { checkWireBasics, operationOf, operationsOf, type Failure } from './checks'
import { notConvergedMessage } from './consistency'
import { isRetryableThrottle } from '../targets/answer-class'
import { learningSession } from '../choices/learn-during-run'
import { RefTable } from './normalise'
import type { Mode } from './projection'
import type { Session } from './session'
import type { OperationName } from '../spec'
import type { Target } from '../targets/target'
import type { CheckContext, SequentialProperty, PropertyFailure, StepRecord } from './property-types'

/** A check fired at a step: carried through fast-check as an exception, so it can shrink. */
export class StepFailure extends Error {
  constructor(
    readonly failure: Failure,
    readonly step: number,
  ) {
    super(`${failure.rule}: ${failure.message}`)
  }
}

export function transcriptOf(session: Session): StepRecord[] {
  return session.steps.map((s) => ({
    index: s.index,
    cmd: s.cmd,
    target: s.target.outcome,
    model: s.model.outcome,
    // the whole evidence of a read that was read again (or a write tried again) under eventual consistency
    ...(s.consistency?.rechecks.length || s.consistency?.notConverged ? { consistency: s.consistency } : {}),
  }))
}

/** One sequence's state: a fresh model, a session with a sequence-unique identity, and the check context. */
export interface Sequence {
  session: Session
  ctx: CheckContext
  /** An operation the sequence needed turned out not to be implemented: the rest of it is skipped. */
  stopped: boolean
  /** A call stayed throttled past its retries: no verdict on it or on the rest of the sequence. */
  throttled?: boolean
  /** A call got no answer within the client's timeout, twice: no verdict on it or on the rest of the sequence. */
  noAnswer?: boolean
}

/** Operations whose retry after a try without an answer repeats nothing that try may have done. */
const REPEATABLE = new Set<OperationName>([
  'DescribeView',
  'ListViews',
  'ListViewVersions',
  'SearchViews',
  'ListTagsForResource',
])

export async function startSequence(
  def: SequentialProperty,
  target: Target,
  mode: Mode,
  ledger: AssertionLedger,
): Promise<Sequence> {
  await target.resetBetweenRuns()
  // the model side learns which legal answer the target gives to each open question (src/choices/learn-during-run.ts)
  const refs = { target: new RefTable(), model: new RefTable() }
  const session = learningSession(target, mode, def.modelOptions, refs)
  const ctx: CheckContext = { session, mode, refs, memory: new Map(), assert: ledger.record }
  return { session, ctx, stopped: false }
}

export function usesMissing(target: Target, cmd: Cmd): boolean {
  return operationsOf(cmd).some((op) => target.implementation.isMissing(op))
}

/**
 * Runs one command and checks it. An answer showing the target lacks the operation is no verdict: the
 * sequence stops there (target and model would disagree from then on). Returns the failure, if any.
 */
export async function stepAndCheck(
  def: SequentialProperty,
  seq: Sequence,
  target: Target,
  cmd: Cmd,
): Promise<Failure | undefined> {
  const step = await seq.session.run(cmd)
  if (usesMissing(target, cmd)) {
    seq.stopped = true
    return undefined
  }
  const o = step.target.outcome
  const op = operationOf(cmd)
  if (!o.ok && o.noAnswer) {
    // no answer within the client's timeout, retried once: no verdict on the step (a loaded machine is no bug),
    // unless the same call never got an answer at all (a hang is)
    seq.stopped = seq.noAnswer = true
    const sent = step.target.requests.at(-1)
    const hang = sent && target.noAnswerStep(sent.op, sent.input)
    if (hang) seq.ctx.assert('R34')
    return hang ? { rule: 'R34', message: hang } : undefined
  }
  if (!o.ok && isRetryableThrottle(op, o.error)) {
    // Throttled past the retries (the class still checked, R23): the target never performed the call while the
    // model did, so nothing after it can be compared. A rate limit is no verdict about the target.
    seq.stopped = seq.throttled = true
    return checkWireBasics(step, seq.ctx.assert)
  }
  const failure = checkWireBasics(step, seq.ctx.assert) ?? def.check(step, seq.ctx)
  if (failure && !o.ok && o.afterNoAnswer && !REPEATABLE.has(op)) {
    // the try without an answer may have taken effect before the retry answered: no verdict either way
    seq.stopped = seq.noAnswer = true
    const sent = step.target.requests.at(-1)
    if (sent) target.noAnswerStep(sent.op, sent.input)
    return undefined
  }
  const late = step.consistency?.notConverged
  return failure && late ? { ...failure, message: notConvergedMessage(late, cmd, failure.message) } : failure
}

export function failureOf(failure: Failure, seq: Sequence): PropertyFailure {
  const { session } = seq
  return {
    ...failure,
    step: session.steps.length - 1,
    commands: session.steps.map((s) => s.cmd),
    transcript: transcriptOf(session),
  }
}

/** Runs a fixed command list (a replay, the coverage plan) and returns the first failure, if any; `ledger` counts its assertions. */
export async function runSequence(
  def: SequentialProperty,
  target: Target,
  cmds: readonly Cmd[],
  mode: Mode,
  ledger = new AssertionLedger(),
): Promise<{
  failure?: PropertyFailure
  session: Session
  notImplemented?: OperationName[]
  throttled?: boolean
  noAnswer?: boolean
}> {
  const seq = await startSequence(def, target, mode, ledger)
  for (const cmd of cmds) {
    // a command the target cannot perform: the sequence cannot be replayed there, which is no verdict
    if (seq.throttled) return { session: seq.session, throttled: true }
    if (seq.noAnswer) return { session: seq.session, noAnswer: true }
    if (seq.stopped || usesMissing(target, cmd))
      return { session: seq.session, notImplemented: [...target.implementation.missing.keys()] }
    if (!seq.session.canRun(cmd)) continue
    const failure = await stepAndCheck(def, seq, target, cmd)
    if (failure) {
      ledger.fail(failure.rule === 'harness' ? 'R34' : failure.rule)
      return { failure: failureOf(failure, seq), session: seq.session }
    }
  }
  return {
    session: seq.session,
    ...(seq.throttled ? { throttled: true } : {}),
    ...(seq.noAnswer ? { noAnswer: true } : {}),
  }
}
