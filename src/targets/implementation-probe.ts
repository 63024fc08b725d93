// One call per operation at the start of a run, each one a correct service answers without changing anything
// (a read or a mutation of a view that does not exist, a CreateView the service must reject), so that every
// operation the target lacks is found and reported "not implemented" with its evidence — also the ones no
// property would reach once CreateView turned out to be missing. 13 calls (plus the guard's probes of the
// three mutations on live targets): cheap next to a run.
import { OPERATION_NAMES, type OperationName } from '../spec'
import { GuardRefusal, type Target } from './target'

import { ABSENT_VIEW_ID } from './implementation'

function probeInput(op: OperationName, target: Target): Record<string, unknown> {
  const InstanceId = target.instanceId
  const ViewId = ABSENT_VIEW_ID
  const arn = target.viewArn(ABSENT_VIEW_ID)
  switch (op) {
    // Name longer than the model's 255: every implementation must reject it, nothing is created
    case 'CreateView':
      return { InstanceId, Name: 'x'.repeat(256), Status: 'SAVED', Content: { Template: '{}', Actions: [] } }
    case 'DescribeView':
      return { InstanceId, ViewId }
    case 'UpdateViewContent':
      return { InstanceId, ViewId, Status: 'SAVED', Content: { Template: '{}', Actions: [] } }
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

/** Sends each probe once; the target's ImplementationLedger keeps what they showed. */
export async function probeImplementation(target: Target, shouldStop: () => boolean = () => false): Promise<void> {
  for (const op of OPERATION_NAMES) {
    if (shouldStop()) return
    try {
      await target.send(op, probeInput(op, target))
    } catch (e) {
      // the guard would not let the probe touch a view it cannot prove absent: that says nothing about the target
      if (!(e instanceof GuardRefusal)) throw e
    }
  }
}
