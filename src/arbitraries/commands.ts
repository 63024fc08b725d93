// Command generators shared by the property suites. Slots are small integers so generated commands hit
// the same few views often; preconditions (Session.canRun) drop commands whose slot is not ready.
import fc from 'fast-check'
import type { Cmd, ContentSpec, QualifierSpec, RefForm } from '../harness/commands'
import { orderSafeName, sha256Hex, tags, tagKey, validMaxResults, viewDescription, viewName } from './values'
import { contentWithEdges, smallContent } from './content'

export const slot = (max = 2) => fc.integer({ min: 0, max })
export const refForm: fc.Arbitrary<RefForm> = fc.constantFrom('id', 'arn')
export const status = fc.constantFrom('SAVED' as const, 'PUBLISHED' as const)
export const smallPageSize = fc.integer({ min: 1, max: 4 })

export function createView(
  o: {
    slots?: number
    content?: fc.Arbitrary<ContentSpec>
    name?: fc.Arbitrary<string>
    status?: fc.Arbitrary<'SAVED' | 'PUBLISHED'>
    withExtras?: boolean
  } = {},
): fc.Arbitrary<Cmd> {
  return fc
    .record({
      slot: slot(o.slots ?? 2),
      status: o.status ?? status,
      content: o.content ?? smallContent,
      name: o.name ?? viewName,
      description: o.withExtras ? fc.option(viewDescription, { nil: undefined }) : fc.constant(undefined),
      tags: o.withExtras ? fc.option(tags, { nil: undefined }) : fc.constant(undefined),
      clientToken: o.withExtras ? fc.option(fc.uuid(), { nil: undefined }) : fc.constant(undefined),
    })
    .map((r) => {
      const cmd: Cmd = { op: 'CreateView', slot: r.slot, status: r.status, content: r.content, name: r.name }
      if (r.description !== undefined) cmd.description = r.description
      if (r.tags !== undefined) cmd.tags = r.tags
      if (r.clientToken !== undefined) cmd.clientToken = r.clientToken
      return cmd
    })
}

export const updateContent = (
  o: { slots?: number; status?: fc.Arbitrary<'SAVED' | 'PUBLISHED'>; content?: fc.Arbitrary<ContentSpec> } = {},
): fc.Arbitrary<Cmd> =>
  fc
    .record({ slot: slot(o.slots ?? 2), status: o.status ?? status, content: o.content ?? smallContent, ref: refForm })
    .map((r) => ({ op: 'UpdateViewContent', ...r }))

export const publish = (
  o: {
    slots?: number
    sha?: fc.Arbitrary<Extract<Cmd, { op: 'CreateViewVersion' }>['sha']>
    description?: boolean
  } = {},
): fc.Arbitrary<Cmd> =>
  fc
    .record({
      slot: slot(o.slots ?? 2),
      sha: o.sha ?? fc.constant('none' as const),
      ref: refForm,
      versionDescription: o.description ? fc.option(viewDescription, { nil: undefined }) : fc.constant(undefined),
    })
    .map((r) => {
      const cmd: Cmd = { op: 'CreateViewVersion', slot: r.slot, sha: r.sha, ref: r.ref }
      if (r.versionDescription !== undefined) cmd.versionDescription = r.versionDescription
      return cmd
    })

export const anySha = fc.oneof(
  fc.constantFrom('current' as const, 'stale' as const, 'none' as const),
  sha256Hex.map((random) => ({ random })),
)

export const qualifier = (maxVersion = 5): fc.Arbitrary<QualifierSpec> =>
  fc.oneof(fc.constantFrom<QualifierSpec>('', '$SAVED', '$LATEST'), fc.integer({ min: 1, max: maxVersion }))

export const describe = (
  o: { slots?: number; qualifier?: fc.Arbitrary<QualifierSpec>; allowDeleted?: boolean } = {},
): fc.Arbitrary<Cmd> =>
  fc
    .record({ slot: slot(o.slots ?? 2), ref: refForm, qualifier: o.qualifier ?? qualifier() })
    .map((r) => ({ op: 'DescribeView', ...r, ...(o.allowDeleted ? { allowDeleted: true } : {}) }))

export const deleteVersion = (o: { slots?: number; maxVersion?: number } = {}): fc.Arbitrary<Cmd> =>
  fc
    .record({ slot: slot(o.slots ?? 2), version: fc.integer({ min: 1, max: o.maxVersion ?? 5 }) })
    .map((r) => ({ op: 'DeleteViewVersion', ...r }))

export const deleteView = (o: { slots?: number } = {}): fc.Arbitrary<Cmd> =>
  fc.record({ slot: slot(o.slots ?? 2), ref: refForm }).map((r) => ({ op: 'DeleteView', ...r }))

export const listVersions = (
  o: { slots?: number; pageSize?: fc.Arbitrary<number>; allowDeleted?: boolean } = {},
): fc.Arbitrary<Cmd> =>
  fc
    .record({ slot: slot(o.slots ?? 2), maxResults: o.pageSize ?? validMaxResults() })
    .map((r) => ({ op: 'ListViewVersions', ...r, ...(o.allowDeleted ? { allowDeleted: true } : {}) }))

export const listViews = (o: { pageSize?: fc.Arbitrary<number> } = {}): fc.Arbitrary<Cmd> =>
  (o.pageSize ?? validMaxResults()).map((maxResults) => ({
    op: 'ListViews',
    maxResults,
    type: 'CUSTOMER_MANAGED' as const,
  }))

export const searchViews = (o: { pageSize?: fc.Arbitrary<number> } = {}): fc.Arbitrary<Cmd> =>
  fc
    .record({ maxResults: o.pageSize ?? smallPageSize, status: fc.option(status, { nil: undefined }) })
    .map((r) => ({ op: 'SearchViews', maxResults: r.maxResults, ...(r.status ? { status: r.status } : {}) }))

export const updateMetadata = (o: { slots?: number } = {}): fc.Arbitrary<Cmd> =>
  fc
    .record({
      slot: slot(o.slots ?? 2),
      name: fc.option(viewName, { nil: undefined }),
      description: fc.option(viewDescription, { nil: undefined }),
    })
    .filter((r) => r.name !== undefined || r.description !== undefined)
    .map((r) => {
      const cmd: Cmd = { op: 'UpdateViewMetadata', slot: r.slot }
      if (r.name !== undefined) cmd.name = r.name
      if (r.description !== undefined) cmd.description = r.description
      return cmd
    })

export const tagView = (o: { slots?: number } = {}): fc.Arbitrary<Cmd> =>
  fc.record({ slot: slot(o.slots ?? 2), tags }).map((r) => ({ op: 'TagResource', ...r }))
export const untagView = (o: { slots?: number } = {}): fc.Arbitrary<Cmd> =>
  fc
    .record({ slot: slot(o.slots ?? 2), keys: fc.array(tagKey, { minLength: 1, maxLength: 2 }) })
    .map((r) => ({ op: 'UntagResource', ...r }))
export const listTags = (o: { slots?: number } = {}): fc.Arbitrary<Cmd> =>
  slot(o.slots ?? 2).map((s) => ({ op: 'ListTagsForResource', slot: s }))
export const retryCreate = (o: { slots?: number } = {}): fc.Arbitrary<Cmd> =>
  slot(o.slots ?? 2).map((s) => ({ op: 'RetryCreateView', slot: s }))

export { orderSafeName, contentWithEdges }

/** Arrange: slot 0 holds a published view (optionally with version 1). */
export function publishedView(withVersion: boolean): Cmd[] {
  const cmds: Cmd[] = [
    {
      op: 'CreateView',
      slot: 0,
      status: 'PUBLISHED',
      content: { Template: '{"Head":{"Title":"t"},"Body":[]}', Actions: ['Submit'] },
      name: 'base',
    },
  ]
  if (withVersion) cmds.push({ op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' })
  return cmds
}
