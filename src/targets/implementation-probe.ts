// Which operations the target implements, found at the start of a run before anything depends on it. A
// route that is missing and a route that answers "not found" wrongly look alike from a view that does not
// exist (both a 404 page), so the view operations are probed on a view the probe creates, and deletes at
// the end: an operation that answers that existing view with a 404 page lacks its route (not implemented);
// one that answers it like the service but answers a view that does not exist with a 404 page is
// implemented and breaks R25 (reported once, with the evidence). A live account pays one CreateView and one
// DeleteView for this (and a version, a tag and an update of that view). When CreateView itself is missing
// or creates nothing, every operation is probed on a view that does not exist instead, as the method says.
import { OPERATION_NAMES, type OperationName } from '../spec'
import { GuardRefusal } from './live-guard'
import type { Target } from './target'
import type { CallOutcome } from './sdk-call'
import { ABSENT_VIEW_ID, answerEvidence, isNotFoundPage, type NotImplementedEvidence } from './implementation'

/** Operations that address one view: the ones a view that does not exist is answered for. */
export const VIEW_ADDRESSED: readonly OperationName[] = [
  'DescribeView',
  'UpdateViewContent',
  'UpdateViewMetadata',
  'CreateViewVersion',
  'DeleteViewVersion',
  'ListViewVersions',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
  'DeleteView',
]

/** Calls the probe makes on a target that implements CreateView: create, every other operation on the view, the view-addressing ones on an absent view, delete. */
export const OWN_VIEW_PROBE_CALLS = 1 + (OPERATION_NAMES.length - 2) + VIEW_ADDRESSED.length + 1

const CONTENT = { Template: '{"Head":{"Title":"probe"},"Body":[]}', Actions: [] }

interface ViewAddress {
  id: string
  arn: string
}

function probeInput(op: OperationName, target: Target, view: ViewAddress): Record<string, unknown> {
  const InstanceId = target.instanceId
  const ViewId = view.id
  const arn = view.arn
  switch (op) {
    // the view the others are probed on, with the run's name prefix and tag (the live-safety guard checks both)
    case 'CreateView':
      return {
        InstanceId,
        Name: `${target.run.namePrefix}probe`,
        Status: 'PUBLISHED',
        Content: CONTENT,
        Tags: { [target.run.tag.key]: target.run.tag.value },
      }
    case 'DescribeView':
      return { InstanceId, ViewId }
    case 'UpdateViewContent':
      return { InstanceId, ViewId, Status: 'PUBLISHED', Content: CONTENT }
    case 'UpdateViewMetadata':
      return { InstanceId, ViewId, Description: 'probe' }
    case 'CreateViewVersion':
      return { InstanceId, ViewId }
    case 'DeleteView':
      return { InstanceId, ViewId }
    case 'DeleteViewVersion':
      return { InstanceId, ViewId, ViewVersion: 1 }
    case 'ListViews':
      return { InstanceId, MaxResults: 1 }
    case 'ListViewVersions':
      return { InstanceId, ViewId, MaxResults: 1 }
    case 'SearchViews':
      return { InstanceId, MaxResults: 1 }
    case 'TagResource':
      return { resourceArn: arn, tags: { probe: 'x' } }
    case 'UntagResource':
      return { resourceArn: arn, tagKeys: ['probe'] }
    case 'ListTagsForResource':
      return { resourceArn: arn }
  }
}

/** An R25 finding: implemented operations that answer a view that does not exist with a non-JSON 404. */
export interface NotFoundPageFinding {
  operations: OperationName[]
  evidence: NotImplementedEvidence
  /** The calls that showed it (to a view that does not exist), for the report's counterexample. */
  calls: { op: OperationName; input: Record<string, unknown>; outcome: CallOutcome }[]
}

export interface ProbeResult {
  on: 'own-view' | 'absent-view'
  note?: string
  notFoundPages?: NotFoundPageFinding
}

/** Sends one probe; a refusal of the live-safety guard says nothing about the target. */
async function send(
  target: Target,
  op: OperationName,
  input: Record<string, unknown>,
): Promise<CallOutcome | undefined> {
  try {
    return await target.send(op, input)
  } catch (e) {
    if (!(e instanceof GuardRefusal)) throw e
    return undefined
  }
}

/** Probes every operation; the target's ImplementationLedger keeps what they showed (and how they were probed). */
export async function probeImplementation(
  target: Target,
  shouldStop: () => boolean = () => false,
): Promise<ProbeResult> {
  const absent: ViewAddress = { id: ABSENT_VIEW_ID, arn: target.viewArn(ABSENT_VIEW_ID) }
  const ledger = target.implementation
  const created = shouldStop() ? undefined : await send(target, 'CreateView', probeInput('CreateView', target, absent))
  const view = created?.ok ? (created.output.View as { Id?: string; Arn?: string } | undefined) : undefined
  if (!view?.Id || !view.Arn) {
    const why = ledger.isMissing('CreateView')
      ? 'CreateView is not implemented'
      : `CreateView created no view (${created ? answerEvidence(created).error : 'not sent'})`
    const note = `${why}: the other operations were probed on a view that does not exist, where a missing route and a wrong "not found" answer look alike`
    ledger.probe = { on: 'absent-view', note }
    for (const op of OPERATION_NAMES) {
      if (shouldStop()) break
      if (op !== 'CreateView') await send(target, op, probeInput(op, target, absent))
    }
    return { on: 'absent-view', note }
  }
  const own: ViewAddress = { id: view.Id, arn: view.Arn }
  ledger.probe = { on: 'own-view' }
  const calls: NotFoundPageFinding['calls'] = []
  const onAbsent = async (op: OperationName) => {
    const input = probeInput(op, target, absent)
    const outcome = await send(target, op, input)
    if (outcome && ledger.answered.has(op) && isNotFoundPage(outcome)) calls.push({ op, input, outcome })
  }
  // every operation answers the existing view before it meets one that does not exist; DeleteView last
  const steps: (() => Promise<unknown>)[] = [
    ...OPERATION_NAMES.filter((op) => op !== 'CreateView' && op !== 'DeleteView').map(
      (op) => () => send(target, op, probeInput(op, target, own)),
    ),
    ...VIEW_ADDRESSED.filter((op) => op !== 'DeleteView').map((op) => () => onAbsent(op)),
    () => send(target, 'DeleteView', probeInput('DeleteView', target, own)),
    () => onAbsent('DeleteView'),
  ]
  for (const step of steps) {
    if (shouldStop()) break
    await step()
  }
  if (!calls.length) return { on: 'own-view' }
  for (const c of calls) ledger.notFoundPages.set(c.op, answerEvidence(c.outcome))
  return {
    on: 'own-view',
    notFoundPages: { operations: calls.map((c) => c.op), evidence: answerEvidence(calls[0]!.outcome), calls },
  }
}
