// Where a target's views live — partition, region, account — for the ARNs the harness builds itself (the
// view of a slot the target never created, the implementation probe's absent view). ARN formats:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html
// (customer view: arn:{partition}:connect:{region}:{account}:instance/{instanceId}/view/{viewId}).
import { parseViewRef } from '../model/view-ref'

export interface ArnHome {
  partition: string
  region: string
  /** Unknown until configured or seen in an answer (live targets do not say whose credentials they use). */
  account?: string
}

/** The partition a region belongs to (aws, aws-cn, aws-us-gov: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

const INSTANCE_ARN = /^arn:([a-z-]+):connect:[a-z0-9-]*:(\d{12}):instance\/([^/]+)$/

/** The instance id itself when an instance ARN stands for it (view ARNs name the bare id). */
export function bareInstanceId(instanceId: string): string {
  return INSTANCE_ARN.exec(instanceId)?.[3] ?? instanceId
}

/** Partition and account of an instance ARN given as the instance id, or of the first customer view ARN in an answer. */
export function accountIn(value: unknown, depth = 0): { partition: string; account: string } | undefined {
  if (typeof value === 'string') {
    const instance = INSTANCE_ARN.exec(value)
    if (instance) return { partition: instance[1]!, account: instance[2]! }
    if (!value.startsWith('arn:')) return undefined
    try {
      const ref = parseViewRef(value)
      return ref?.kind === 'customer-arn' ? { partition: ref.partition, account: ref.account } : undefined
    } catch {
      return undefined // a malformed qualifier: not an ARN to learn from
    }
  }
  if (depth > 4 || value === null || typeof value !== 'object') return undefined
  for (const v of Object.values(value)) {
    const found = accountIn(v, depth + 1)
    if (found) return found
  }
  return undefined
}
