// AWS-managed views (R8): global per region, account "aws", read-only, version 1 published.
import type { ResolvedOptions } from './options'
import type { ViewRecord } from './state'
import { awsManagedViewArn } from './view-ref'

/** Names the Connect admin guide gives them (https://docs.aws.amazon.com/connect/latest/adminguide/show-view-block.html). */
export const AWS_MANAGED_VIEW_NAMES = ['cards', 'confirmation', 'detail', 'form', 'list'] as const

const LAUNCH = Date.UTC(2023, 8, 1) // views launched 2023-09-01

export function awsManagedViews(opts: ResolvedOptions): ViewRecord[] {
  return AWS_MANAGED_VIEW_NAMES.map((name) => {
    const arn = awsManagedViewArn({ partition: opts.partition, region: opts.region, name })
    const title = name.charAt(0).toUpperCase() + name.slice(1)
    const content = {
      template: JSON.stringify({
        Head: { Title: `$.Title` },
        Body: [{ _id: `${name}-1`, Type: title, Props: { Heading: '$.Heading' }, Content: [] }],
      }),
      actions: ['Submit', 'Cancel'],
    }
    return {
      id: arn, // AWS-managed views are addressed by ARN only (R8), so their Id is the ARN (inferred)
      arn,
      instanceId: null,
      type: 'AWS_MANAGED',
      name: title,
      description: `AWS managed ${name} view`,
      tags: {},
      createdTime: LAUNCH,
      lastModifiedTime: LAUNCH,
      saved: { content, status: 'PUBLISHED' },
      latest: content,
      versions: new Map([[1, { version: 1, content, createdTime: LAUNCH }]]),
      maxIssued: 1,
    } satisfies ViewRecord
  })
}
