// The command vocabulary every property draws from. Commands are plain data (JSON), so a shrunk
// counterexample can be written to a replay bundle and run again against any target.
import type { OperationName } from '../spec'

export interface ContentSpec {
  Template?: string
  Actions?: string[]
}

/** How a command names its view: bare id or ARN (the qualifier is separate). */
export type RefForm = 'id' | 'arn'
/** '' = unqualified. Numbers are literal version numbers. */
export type QualifierSpec = '' | '$SAVED' | '$LATEST' | number

export type Cmd =
  | {
      op: 'CreateView'
      slot: number
      status: 'SAVED' | 'PUBLISHED'
      content: ContentSpec
      name: string
      description?: string
      tags?: Record<string, string>
      clientToken?: string
    }
  /** Re-sends the slot's CreateView exactly (same ClientToken): R6. */
  | { op: 'RetryCreateView'; slot: number }
  | { op: 'UpdateViewContent'; slot: number; status: 'SAVED' | 'PUBLISHED'; content: ContentSpec; ref: RefForm }
  | { op: 'UpdateViewMetadata'; slot: number; name?: string; description?: string }
  /** sha: 'current' echoes the last checksum this side saw, 'stale' an older one, 'random' the given value. */
  | {
      op: 'CreateViewVersion'
      slot: number
      sha: 'current' | 'stale' | 'none' | { random: string }
      versionDescription?: string
      ref: RefForm
    }
  | { op: 'DescribeView'; slot: number; ref: RefForm; qualifier: QualifierSpec; allowDeleted?: boolean }
  | { op: 'DeleteViewVersion'; slot: number; version: number }
  | { op: 'DeleteView'; slot: number; ref: RefForm }
  /** Every page, following NextToken. */
  | { op: 'ListViews'; maxResults: number; type?: 'CUSTOMER_MANAGED' | 'AWS_MANAGED' }
  | { op: 'ListViewVersions'; slot: number; maxResults: number; allowDeleted?: boolean }
  /** Lists one AWS-managed view and describes it by its unqualified ARN (R8); which views exist differs per account. */
  | { op: 'DescribeAwsManagedView' }
  /** SearchViews for this run's views (name starts with the run prefix), optionally by status; every page. */
  | { op: 'SearchViews'; maxResults: number; status?: 'SAVED' | 'PUBLISHED' }
  | { op: 'TagResource'; slot: number; tags: Record<string, string> }
  | { op: 'UntagResource'; slot: number; keys: string[] }
  | { op: 'ListTagsForResource'; slot: number; allowDeleted?: boolean }
  /**
   * Any operation with a literal input (validation properties, plans). In strings, {instance} is the target's
   * instance id, {partition}, {region} and {account} its own, {prefix} the sequence's name prefix and {view:N}
   * the id slot N got on this side.
   */
  | { op: 'Raw'; operation: OperationName; input: Record<string, unknown> }

export function describeCmd(c: Cmd): string {
  const { op, ...rest } = c
  const args = JSON.stringify(rest, (_k, v) =>
    typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  )
  return `${op}${args === '{}' ? '' : ' ' + args}`
}

/** Commands that need their slot to hold a live view before they can run. */
export function needsLiveSlot(c: Cmd): boolean {
  return (
    c.op !== 'CreateView' &&
    c.op !== 'ListViews' &&
    c.op !== 'SearchViews' &&
    c.op !== 'Raw' &&
    c.op !== 'DescribeAwsManagedView'
  )
}
