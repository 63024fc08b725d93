// The calibration plan: a short fixed sequence that makes every undocumented choice (src/choices/catalogue.ts) show
// itself at least twice, so that one recording (`conformance record --plan calibration`) settles what several
// random ones could not. Each step says which choices it tells apart; test/properties/calibration-plan.test.ts
// proves, by replaying the plan on stubs serving each value, that every choice not listed in NOT_OBSERVABLE
// answers differently under each pair of its values at two steps at least (a choice no step exercises fails).
// 74 commands, 78 SDK calls on the stub: affordable on a rationed live account.
import type { Cmd, ContentSpec } from '../harness/commands'
import type { ChoiceName } from '../choices/catalogue'

const tpl = (title: string) => JSON.stringify({ Head: { Title: title }, Body: [] })
const content = (title: string, actions?: string[]): ContentSpec => ({
  Template: tpl(title),
  ...(actions ? { Actions: actions } : {}),
})
const AWS_VIEW = 'arn:{partition}:connect:{region}:aws:view/form'
const raw = (operation: Extract<Cmd, { op: 'Raw' }>['operation'], input: Record<string, unknown>): Cmd => ({
  op: 'Raw',
  operation,
  input: { InstanceId: '{instance}', ...input },
})
const describe = (slot: number, qualifier: '' | '$SAVED' | '$LATEST' | number, ref: 'id' | 'arn' = 'id'): Cmd => ({
  op: 'DescribeView',
  slot,
  ref,
  qualifier,
})
const search = (criteria: Record<string, unknown>): Cmd =>
  raw('SearchViews', { MaxResults: 100, SearchCriteria: criteria })
const ownOrAws = {
  OrConditions: [
    { ViewTypeCondition: 'AWS_MANAGED' },
    { StringCondition: { FieldName: 'name', Value: '{prefix}', ComparisonType: 'STARTS_WITH' } },
  ],
}

/** Choices a normalised recording cannot show, and why; every other choice must be told apart by the plan. */
export const NOT_OBSERVABLE: Readonly<Partial<Record<ChoiceName, string>>> = {
  metadataTouchesLastModified: 'recordings replace timestamps by placeholders',
  noChangePublishTouchesLastModified: 'recordings replace timestamps by placeholders',
  versionCreatedTime: 'recordings replace timestamps by placeholders',
  emptyTags: 'every view the harness creates carries the run tag, which it never removes',
}

export const CALIBRATION_PLAN: readonly Cmd[] = [
  // a published view with a client token (slot 0) and a draft without Actions (slot 1)
  // (inputSchemaField on every content answer from here on)
  {
    op: 'CreateView',
    slot: 0,
    status: 'PUBLISHED',
    content: content('a1', ['Submit']),
    name: 'cal-a',
    clientToken: 'cal-token-a',
  },
  { op: 'RetryCreateView', slot: 0 }, // what a retried ClientToken answers
  { op: 'CreateView', slot: 1, status: 'SAVED', content: { Template: tpl('b1') }, name: 'cal-b' }, // unpublishedSha256, absentActions
  describe(1, ''), // unpublishedDescribe
  describe(1, '$SAVED'), // unpublishedSha256, absentActions
  describe(1, '', 'arn'), // unpublishedDescribe
  { op: 'CreateViewVersion', slot: 1, sha: 'none', ref: 'id' }, // unpublishedCreateVersionError
  { op: 'CreateViewVersion', slot: 1, sha: 'none', ref: 'arn' }, // unpublishedCreateVersionError
  describe(0, '$SAVED'), // savedAliasStatus
  // versions: Arn/Id forms per operation, the alias Version field, metadata at publish
  { op: 'CreateViewVersion', slot: 0, sha: 'current', ref: 'id', versionDescription: 'first' }, // publishedVersionArn/Id
  describe(0, '$LATEST'), // aliasVersionField
  describe(0, '$SAVED', 'arn'), // aliasVersionField, savedAliasStatus
  describe(0, 1), // versionArn, versionId
  { op: 'ListViewVersions', slot: 0, maxResults: 100 }, // versionSummaryArn/Id
  { op: 'UpdateViewMetadata', slot: 0, name: 'cal-a-renamed', description: 'renamed' },
  describe(0, 1, 'arn'), // versionMetadata, versionArn, versionId
  { op: 'ListViewVersions', slot: 0, maxResults: 1 }, // versionMetadata, versionSummaryArn/Id
  // checksums: of a version vs $LATEST, what is hashed, conflicts and the pattern
  { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('a2', ['Submit']), ref: 'id' },
  describe(0, 1), // numberedVersionSha256
  { op: 'CreateViewVersion', slot: 0, sha: 'stale', ref: 'id' }, // checksumConflictError
  { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('a2', ['Submit', 'Back']), ref: 'arn' }, // checksumInput
  describe(0, ''), // checksumInput
  { op: 'CreateViewVersion', slot: 0, sha: 'stale', ref: 'arn' }, // checksumConflictError, checksumInput
  { op: 'CreateViewVersion', slot: 0, sha: { random: '-' }, ref: 'id' }, // sha256Pattern
  { op: 'CreateViewVersion', slot: 0, sha: { random: '+' }, ref: 'id' }, // sha256Pattern
  { op: 'CreateViewVersion', slot: 0, sha: { random: 'a'.repeat(64) }, ref: 'id' }, // sha256Pattern
  { op: 'CreateViewVersion', slot: 0, sha: { random: 'c'.repeat(63) }, ref: 'id' }, // sha256Pattern
  describe(0, 1, 'arn'), // numberedVersionSha256
  // version numbering after the highest version is deleted
  { op: 'CreateViewVersion', slot: 0, sha: 'current', ref: 'id' }, // version 2; publishedVersionArn/Id
  { op: 'DeleteViewVersion', slot: 0, version: 2 },
  { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('a3', ['Submit']), ref: 'id' },
  { op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' }, // versionNumbering
  { op: 'ListViewVersions', slot: 0, maxResults: 100 }, // versionNumbering
  // a draft over a published view: summary and search status, $SAVED status
  { op: 'UpdateViewContent', slot: 0, status: 'SAVED', content: content('a4'), ref: 'id' }, // savedAliasStatus
  describe(0, '$SAVED'), // savedAliasStatus
  // the first answer, the current $LATEST (a3) and the current $SAVED (the a4 draft) all differ now
  { op: 'RetryCreateView', slot: 0 }, // clientTokenRetryAnswer
  { op: 'RetryCreateView', slot: 0 }, // clientTokenRetryAnswer
  // names whose order depends on the collation (Zeta before alpha by code unit)
  { op: 'CreateView', slot: 2, status: 'PUBLISHED', content: content('z1', ['Go']), name: 'Zeta' },
  { op: 'CreateView', slot: 3, status: 'PUBLISHED', content: content('y1', ['Go']), name: 'alpha' },
  { op: 'ListViews', maxResults: 100, type: 'CUSTOMER_MANAGED' }, // listViewsNameOrder, summaryStatus
  { op: 'ListViews', maxResults: 2, type: 'CUSTOMER_MANAGED' }, // listViewsNameOrder, summaryStatus
  { op: 'ListViews', maxResults: 100 }, // awsManagedInUnfilteredList, listViewsTypeOrder
  { op: 'ListViews', maxResults: 3 }, // awsManagedInUnfilteredList, listViewsTypeOrder
  { op: 'SearchViews', maxResults: 100 }, // searchSnapshot, approximateTotalCount
  { op: 'SearchViews', maxResults: 100, status: 'SAVED' }, // searchSnapshot
  search(ownOrAws), // searchViewsOrder, approximateTotalCountAwsManaged
  search({ OrConditions: [...ownOrAws.OrConditions].reverse() }), // searchViewsOrder, approximateTotalCountAwsManaged
  search({ ViewStatusCondition: 'PUBLISHED' }), // awsManagedInSearch
  search({ AndConditions: [{ ViewStatusCondition: 'PUBLISHED' }] }), // awsManagedInSearch
  search({ ViewStatusCondition: 'SAVED' }), // searchSnapshot
  // AWS-managed views: their Arn and Tags, and mutating them
  { op: 'DescribeAwsManagedView' }, // awsManagedArn, emptyTagsAwsManaged
  raw('DescribeView', { ViewId: AWS_VIEW }), // awsManagedArn, emptyTagsAwsManaged
  raw('UpdateViewContent', { ViewId: AWS_VIEW, Status: 'SAVED', Content: content('x') }), // awsManagedMutationError
  raw('CreateViewVersion', { ViewId: AWS_VIEW }), // awsManagedMutationError
  // qualifiers: malformed, and aliases on mutations
  describe(2, 0), // malformedQualifierError
  describe(2, 0, 'arn'), // malformedQualifierError
  raw('UpdateViewContent', { ViewId: '{view:2}:$SAVED', Status: 'SAVED', Content: content('z2', ['Go']) }), // aliasOnMutation
  raw('UpdateViewMetadata', { ViewId: '{view:3}:$LATEST', Description: 'by alias' }), // aliasOnMutation
  // template validation of published content
  {
    op: 'UpdateViewContent',
    slot: 2,
    status: 'PUBLISHED',
    content: { Template: 'not json', Actions: ['Go'] },
    ref: 'id',
  }, // publishedTemplateValidation
  { op: 'UpdateViewContent', slot: 3, status: 'PUBLISHED', content: { Template: '[1]', Actions: ['Go'] }, ref: 'id' }, // publishedTemplateValidation
  // error classes: name clash, foreign ARN, bad token, validation
  { op: 'CreateView', slot: 4, status: 'SAVED', content: content('clash'), name: 'Zeta' }, // duplicateNameError
  { op: 'UpdateViewMetadata', slot: 3, name: 'Zeta' }, // duplicateNameError
  raw('DescribeView', { ViewId: 'arn:{partition}:connect:{region}:111111111111:instance/{instance}/view/{view:2}' }), // foreignArnError
  raw('DescribeView', { ViewId: 'arn:{partition}:connect:eu-west-3:{account}:instance/{instance}/view/{view:3}' }), // foreignArnError
  raw('ListViews', { NextToken: 'bm90LWEtdG9rZW4' }), // invalidNextTokenError
  raw('ListViewVersions', { ViewId: '{view:2}', NextToken: 'bm90LWEtdG9rZW4' }), // invalidNextTokenError
  raw('CreateView', { Name: 'n'.repeat(256), Status: 'SAVED', Content: content('long') }), // validationErrorClass
  { op: 'UpdateViewMetadata', slot: 2 }, // validationErrorClass (neither Name nor Description)
  // a client token of a deleted view
  { op: 'DeleteView', slot: 0, ref: 'id' },
  {
    op: 'CreateView',
    slot: 5,
    status: 'PUBLISHED',
    content: content('a1', ['Submit']),
    name: 'cal-c',
    clientToken: 'cal-token-a',
  }, // clientTokenAfterDelete
  { op: 'CreateView', slot: 6, status: 'SAVED', content: content('d1'), name: 'cal-d', clientToken: 'cal-token-d' },
  { op: 'RetryCreateView', slot: 6 }, // what a retried ClientToken answers
  { op: 'DeleteView', slot: 6, ref: 'arn' },
  { op: 'CreateView', slot: 7, status: 'SAVED', content: content('d2'), name: 'cal-e', clientToken: 'cal-token-d' }, // clientTokenAfterDelete
]
