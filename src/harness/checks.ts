// Checks are plain named functions over a step (and the session's history). Each failure names the rule it
// enforces, so reports can say which rule a target broke.
import { isAsserted, OPERATIONS, rule as ruleById, type OperationName } from '../spec'
import { formatViolations, validateWireOutput } from '../schemas'
import type { CallOutcome } from '../targets/sdk-call'
import type { Cmd } from './commands'
import { RefTable, stableJson } from './normalise'
import { project, type Mode } from './projection'
import type { Session, Step } from './session'
import { ruleOfModelError } from './sides'

export interface Failure {
  rule: string
  message: string
}

export function operationOf(cmd: Cmd): OperationName {
  if (cmd.op === 'Raw') return cmd.operation
  if (cmd.op === 'RetryCreateView') return 'CreateView'
  if (cmd.op === 'DescribeAwsManagedView') return 'DescribeView'
  return cmd.op
}

/** The rule a command's success answer chiefly rests on, for differential mismatches. */
const PRIMARY_RULE: Partial<Record<Cmd['op'], string>> = {
  CreateView: 'R2', RetryCreateView: 'R6', UpdateViewContent: 'R3', UpdateViewMetadata: 'R31', CreateViewVersion: 'R10',
  DescribeView: 'R1', DeleteViewVersion: 'R17', DeleteView: 'R16', ListViews: 'R18', ListViewVersions: 'R18',
  TagResource: 'R21', UntagResource: 'R21', ListTagsForResource: 'R21', SearchViews: 'R46', Raw: 'R24', DescribeAwsManagedView: 'R8',
}

function describeOutcome(o: CallOutcome): string {
  return o.ok ? 'success' : `${o.error.name}${o.error.status ? ` (HTTP ${o.error.status})` : ''}: ${o.error.message}`
}

/** R34 + R33: never a 5xx, and every error is one the operation declares. Asserted in every property. */
export function checkWireBasics(step: Step): Failure | undefined {
  const o = step.target.outcome
  const op = operationOf(step.cmd)
  if (o.ok) return checkOutputSchema(op, o.output)
  if ((o.error.status ?? 0) >= 500) return { rule: 'R34', message: `${op} answered a server error: ${describeOutcome(o)}` }
  if ((o.error.status ?? 0) >= 200 && (o.error.status ?? 0) < 300) {
    return { rule: 'R32', message: `${op} answered HTTP ${o.error.status} with a body the SDK cannot parse: ${o.error.name}: ${o.error.message.split('\n')[0]}` }
  }
  if (o.unknown) return { rule: 'R34', message: `${op} got no answer: ${o.error.message}` }
  if (!OPERATIONS[op].errors.includes(o.error.name as never)) {
    return { rule: 'R33', message: `${op} answered ${o.error.name}, which the operation does not declare (declared: ${OPERATIONS[op].errors.join(', ')})` }
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
export function checkAgainstModel(step: Step, session: Session, refs: { target: RefTable; model: RefTable }, mode: Mode): Failure | undefined {
  const basics = checkWireBasics(step)
  if (basics) return basics
  const t = step.target.outcome
  const m = step.model.outcome
  const op = operationOf(step.cmd)
  if (!m.ok) {
    const r = ruleById(ruleOfModelError(m) ?? 'R24')
    if (!isAsserted(r, mode)) return undefined // the model's answer is a guess: don't hold the target to it
    if (t.ok) return { rule: r.id, message: `${op} succeeded, but ${r.id} (${r.statement}) requires an error (model: ${describeOutcome(m)})` }
    const classAsserted = r.errorClass && isAsserted({ ...r, confidence: r.errorClass.confidence }, mode)
    if (classAsserted && t.error.name !== m.error.name) {
      return { rule: r.id, message: `${op} answered ${t.error.name}; ${r.id} expects ${m.error.name}` }
    }
    return undefined
  }
  if (!t.ok) {
    const r = PRIMARY_RULE[step.cmd.op] ?? 'R24'
    return { rule: r, message: `${op} failed with ${describeOutcome(t)}, but the model answers success` }
  }
  const a = stableJson(project(step.cmd, t.output, refs.target, mode, session.target.created))
  const b = stableJson(project(step.cmd, m.output, refs.model, mode, session.model.created))
  if (a === b) return undefined
  return { rule: PRIMARY_RULE[step.cmd.op] ?? 'R1', message: `${op} answer differs from the model\n--- target\n${a}\n--- model\n${b}` }
}
