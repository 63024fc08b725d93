// Checks are plain named functions over a step (and the session's history). Each failure names the rule it
// enforces, so reports can say which rule a target broke.
import { isAsserted, OPERATIONS, rule as ruleById, type FailureRule, type OperationName, type RuleId } from '../spec'
import { formatViolations, validateWireOutput } from '../schemas'
import type { CallOutcome } from '../targets/sdk-call'
import type { RetriedAnswer } from '../targets/target'
import { answerClassVerdict } from '../targets/answer-class'
import { isNotFoundPage } from '../targets/implementation'
import type { Cmd } from './commands'
import { type RefTable, stableJson } from './normalise'
import { project, type Mode } from './projection'
import type { Session, Step } from './session'
import { ruleOfModelError } from './sides'

export interface Failure {
  rule: FailureRule
  message: string
}

/** Receives each assertion as it executes (see AssertionLedger). */
export type AssertionSink = (rule: RuleId) => void
const ignore: AssertionSink = () => {}

/**
 * R23 on the 429s Target.send retried, which no step's checks see: each is judged like any answer's class
 * (answerClassVerdict), an executed assertion. send() retries only the declared throttling class, so none
 * fails here; one of another class is not retried and reaches checkWireBasics as the step's answer.
 */
export function checkRetriedAnswers(retried: readonly RetriedAnswer[], assert: AssertionSink): Failure | undefined {
  for (const { op, error } of retried) {
    const verdict = answerClassVerdict(op, error)
    if (!verdict) continue
    assert(verdict.rule)
    if (verdict.failure) return { rule: verdict.rule, message: verdict.failure }
  }
  return undefined
}

export function operationOf(cmd: Cmd): OperationName {
  if (cmd.op === 'Raw') return cmd.operation
  if (cmd.op === 'RetryCreateView') return 'CreateView'
  if (cmd.op === 'DescribeAwsManagedView') return 'DescribeView'
  return cmd.op
}

/** Every operation a command may call (DescribeAwsManagedView lists, then describes). */
export function operationsOf(cmd: Cmd): OperationName[] {
  return cmd.op === 'DescribeAwsManagedView' ? ['ListViews', 'DescribeView'] : [operationOf(cmd)]
}

/** The rule a command's success answer chiefly rests on, for differential mismatches. */
export const PRIMARY_RULE: Partial<Record<Cmd['op'], RuleId>> = {
  CreateView: 'R2',
  RetryCreateView: 'R6',
  UpdateViewContent: 'R3',
  UpdateViewMetadata: 'R31',
  CreateViewVersion: 'R10',
  DescribeView: 'R1',
  DeleteViewVersion: 'R17',
  DeleteView: 'R16',
  ListViews: 'R18',
  ListViewVersions: 'R18',
  TagResource: 'R21',
  UntagResource: 'R21',
  ListTagsForResource: 'R21',
  SearchViews: 'R46',
  Raw: 'R24',
  DescribeAwsManagedView: 'R8',
}

function describeOutcome(o: CallOutcome): string {
  return o.ok ? 'success' : `${o.error.name}${o.error.status ? ` (HTTP ${o.error.status})` : ''}: ${o.error.message}`
}

/**
 * R32 + R33 + R34: a success fits the wire schema, never a 5xx, every error is one the operation declares.
 * Asserted on every step of every property (each answer executes R34 and either R32 or R33); a throttling or
 * quota answer also R23 or R22 (src/targets/answer-class.ts).
 */
export function checkWireBasics(step: Step, assert: AssertionSink = ignore): Failure | undefined {
  const o = step.target.outcome
  const op = operationOf(step.cmd)
  // the client gave up waiting: no answer is no wrong answer (sequence.ts decides what the step is worth)
  if (!o.ok && o.timedOut) return undefined
  assert('R34')
  if (o.ok) {
    assert('R32')
    return checkOutputSchema(op, o.output)
  }
  if ((o.error.status ?? 0) >= 500)
    return { rule: 'R34', message: `${op} answered a server error: ${describeOutcome(o)}` }
  if ((o.error.status ?? 0) >= 200 && (o.error.status ?? 0) < 300) {
    assert('R32')
    return {
      rule: 'R32',
      message: `${op} answered HTTP ${o.error.status} with a body the SDK cannot parse: ${o.error.name}: ${o.error.message.split('\n')[0]}`,
    }
  }
  if (isNotFoundPage(o)) {
    // the operation is implemented (a missing one never reaches the checks): its "not found" is a page, not a service error
    assert('R25')
    const raw = o.error.raw
    return {
      rule: 'R25',
      message: `${op} answered HTTP 404 with a body that is no service error (${raw?.contentType ?? 'no content type'}${raw?.firstBytes ? `, body starts ${JSON.stringify(raw.firstBytes)}` : ''}): what does not exist is answered with ResourceNotFoundException`,
    }
  }
  if (o.unknown) return { rule: 'R34', message: `${op} got no answer: ${o.error.message}` }
  // R23/R22: a 429 or 402 (or a throttling or quota class) is the class the operation declares for that status
  const byStatus = answerClassVerdict(op, o.error)
  if (byStatus) {
    assert(byStatus.rule)
    if (byStatus.failure) return { rule: byStatus.rule, message: byStatus.failure }
  }
  assert('R33')
  if (!OPERATIONS[op].errors.includes(o.error.name as never)) {
    return {
      rule: 'R33',
      message: `${op} answered ${o.error.name}, which the operation does not declare (declared: ${OPERATIONS[op].errors.join(', ')})`,
    }
  }
  return undefined
}

/**
 * R32: every success answer, from any target, fits the wire schema generated from the SDK's types (checked
 * on the SDK's parse turned back into wire form, so enum values and types the SDK let through are caught).
 */
export function checkOutputSchema(op: OperationName, output: Record<string, unknown>): Failure | undefined {
  const { paginationDidNotEnd: _pages, noAwsManagedViews: _none, ...body } = output // the harness's own markers
  const r = validateWireOutput(op, body)
  if (r.ok) return undefined
  return { rule: 'R32', message: `${op} answer does not fit the ${op} output schema: ${formatViolations(r)}` }
}

/**
 * The differential check: the target's answer against the model's, as far as the catalogue lets us
 * assert it in this mode. Returns undefined when they agree or when the difference rests on an
 * undocumented choice.
 */
export function checkAgainstModel(
  step: Step,
  session: Session,
  refs: { target: RefTable; model: RefTable },
  mode: Mode,
  assert: AssertionSink = ignore,
): Failure | undefined {
  const basics = checkWireBasics(step, assert)
  if (basics) return basics
  const t = step.target.outcome
  const m = step.model.outcome
  const op = operationOf(step.cmd)
  if (!m.ok) {
    const id = ruleOfModelError(m) ?? 'R24'
    const r = ruleById(id)
    if (!isAsserted(r, mode)) return undefined // the model's answer is a guess: don't hold the target to it
    assert(id)
    if (t.ok)
      return {
        rule: id,
        message: `${op} succeeded, but ${r.id} (${r.statement}) requires an error (model: ${describeOutcome(m)})`,
      }
    const classAsserted = r.errorClass && isAsserted({ ...r, confidence: r.errorClass.confidence }, mode)
    if (classAsserted && t.error.name !== m.error.name) {
      return { rule: id, message: `${op} answered ${t.error.name}; ${r.id} expects ${m.error.name}` }
    }
    return undefined
  }
  const primary = PRIMARY_RULE[step.cmd.op] ?? 'R24'
  assert(primary)
  if (!t.ok) return { rule: primary, message: `${op} failed with ${describeOutcome(t)}, but the model answers success` }
  // the target's projection reports the rules whose fields it compares: each one an executed assertion
  const a = stableJson(
    project(step.cmd, t.output, refs.target, { ...mode, onAsserted: assert }, session.target.created),
  )
  const b = stableJson(project(step.cmd, m.output, refs.model, mode, session.model.created))
  if (a === b) return undefined
  return { rule: primary, message: `${op} answer differs from the model\n--- target\n${a}\n--- model\n${b}` }
}
