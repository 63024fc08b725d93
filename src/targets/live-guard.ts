// The live-safety guard: before a mutation goes out, make sure it touches only what this run created or
// tagged. A CreateView must carry the run tag and name prefix; a change to a view the run did not create is
// allowed only when the view does not exist (a negative test) or carries the run tag (a sweep of an earlier
// run's leftovers), which one read finds out. Everything else is refused (GuardRefusal) before it is sent.
import type { OperationName } from '../spec'
import { DEFAULT_CHOICES } from '../choices/catalogue'
import { findViolations } from '../model/validation'
import { parseViewRef } from '../model/view-ref'
import { ABSENT_VIEW_ID, isNotFoundPage, type ImplementationLedger } from './implementation'
import { RUN_TAG_KEY, type RunIdentity } from './run-identity'
import type { CallOutcome } from './sdk-call'

/** A mutation the live-safety guard refused: the view exists and is not this harness's. */
export class GuardRefusal extends Error {}

const VIEW_MUTATIONS = new Set<OperationName>([
  'UpdateViewContent',
  'UpdateViewMetadata',
  'CreateViewVersion',
  'DeleteView',
  'DeleteViewVersion',
])
const TAG_MUTATIONS = new Set<OperationName>(['TagResource', 'UntagResource'])

/** What the guard reads of a target: its run, the views it created, what it answers, and its own (guarded) send. */
export interface GuardedTarget {
  readonly run: RunIdentity
  readonly owned: ReadonlyMap<string, string>
  readonly implementation: ImplementationLedger
  send(op: OperationName, input: Record<string, unknown>): Promise<CallOutcome>
}

export async function guardMutation(
  t: GuardedTarget,
  op: OperationName,
  input: Record<string, unknown>,
): Promise<void> {
  if (op === 'CreateView') {
    // An input the service must reject cannot create anything: negative tests may send it as it is.
    if (findViolations('CreateView', input, DEFAULT_CHOICES).length > 0) return
    const tags = (input.Tags ?? {}) as Record<string, string>
    if (tags[RUN_TAG_KEY] !== t.run.runId || !String(input.Name ?? '').startsWith(t.run.namePrefix)) {
      throw new GuardRefusal(
        `refusing CreateView without the run tag ${RUN_TAG_KEY}=${t.run.runId} and name prefix ${t.run.namePrefix}`,
      )
    }
    return
  }
  let viewId: string | undefined
  let arn: string | undefined
  if (VIEW_MUTATIONS.has(op)) viewId = viewIdOf(String(input.ViewId))
  else if (TAG_MUTATIONS.has(op)) {
    arn = String(input.resourceArn)
    viewId = viewIdOf(arn)
    if (op === 'UntagResource' && ((input.tagKeys ?? []) as string[]).includes(RUN_TAG_KEY)) {
      throw new GuardRefusal('refusing to remove the run tag')
    }
  } else return
  if (viewId === undefined || t.owned.has(viewId) || viewId === ABSENT_VIEW_ID) return
  // Not created by this run: allowed only if the view does not exist (a negative test) or carries the
  // run tag (a sweep of an earlier run's leftovers).
  const probeArn =
    arn ??
    (String(input.ViewId).startsWith('arn:') ? String(input.ViewId).replace(/:(\$SAVED|\$LATEST|\d+)$/, '') : undefined)
  // The probe is a call like any other (a read, so send() does not guard it): rate-limited, counted, and a
  // 429 is retried instead of turning into a refusal.
  const probe = probeArn
    ? await t.send('ListTagsForResource', { resourceArn: probeArn })
    : await t.send('DescribeView', { InstanceId: input.InstanceId, ViewId: `${viewId}:$SAVED` })
  if (!probe.ok) {
    // a 404 page from a read the target implements says "not found" too (R25 judges the page elsewhere)
    const read: OperationName = probeArn ? 'ListTagsForResource' : 'DescribeView'
    if (probe.error.name === 'ResourceNotFoundException') return
    if (isNotFoundPage(probe) && t.implementation.answered.has(read)) return
    throw new GuardRefusal(`refusing ${op} on ${viewId}: cannot verify its run tag (${probe.error.name})`)
  }
  const tags = (probe.output.tags ??
    (probe.output.View as { Tags?: Record<string, string> } | undefined)?.Tags ??
    {}) as Record<string, string>
  if (tags[RUN_TAG_KEY] === undefined)
    throw new GuardRefusal(`refusing ${op} on view ${viewId}: it has no ${RUN_TAG_KEY} tag`)
}

/** The bare view id named by a ViewId or ARN (qualifier dropped), if it parses. */
export function viewIdOf(viewIdOrArn: string): string | undefined {
  try {
    const ref = parseViewRef(viewIdOrArn)
    if (!ref) return undefined
    return ref.kind === 'aws-managed-arn' ? undefined : ref.viewId
  } catch {
    return undefined
  }
}
