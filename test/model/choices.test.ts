// Every undocumented choice (src/choices/catalogue.ts) switches the behaviour it names: one scenario per
// choice, run once per option. The table is typed by CHOICE_OPTIONS, so a new choice or option does not
// compile until it has an expected outcome here.
import { afterAll, describe, expect, it } from 'vitest'
import { ModelError } from '../../src/model'
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName } from '../../src/spec'
import { checkedModel, type CheckedModel } from './support/checked-model'
import {
  INSTANCE,
  content,
  createInput,
  createView,
  customerViewNames,
  describeView,
  publishVersion,
  updateContent,
} from './support/view-steps'

type Option<K extends ChoiceName> = (typeof CHOICE_OPTIONS)[K][number]

interface Scenario<K extends ChoiceName> {
  /** The rule the choice belongs to; the test title starts with it. */
  rule: string
  observe: (m: CheckedModel) => unknown
  expected: Record<Option<K>, unknown>
}

/** 'ok' + value, or the error class and the rule that raised it. */
function outcome(fn: () => unknown): string {
  try {
    const v = fn()
    return v === undefined ? 'ok' : `ok:${String(v)}`
  } catch (e) {
    if (e instanceof ModelError) return `${e.errorName}/${e.rule}`
    throw e
  }
}

const CARDS = 'arn:aws:connect:us-east-1:aws:view/cards'

const SCENARIOS: { [K in ChoiceName]: Scenario<K> } = {
  checksumConflictError: {
    rule: 'R12',
    observe: (m) => outcome(() => publishVersion(m, createView(m).Id, { ViewContentSha256: 'f'.repeat(64) })),
    expected: {
      InvalidParameterException: 'InvalidParameterException/R12',
      InvalidRequestException: 'InvalidRequestException/R12',
      ResourceInUseException: 'ResourceInUseException/R12',
    },
  },
  versionNumbering: {
    rule: 'R26',
    observe: (m) => {
      const v = createView(m, { content: content('c1') })
      publishVersion(m, v.Id)
      updateContent(m, v.Id, 'PUBLISHED', content('c2'))
      publishVersion(m, v.Id)
      m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: 2 })
      updateContent(m, v.Id, 'PUBLISHED', content('c3'))
      return publishVersion(m, v.Id).Version
    },
    expected: { 'never-reuse': 3, 'reuse-after-highest-deleted': 2 },
  },
  checksumInput: {
    rule: 'R14',
    observe: (m) => {
      const v = createView(m, { content: content('same', ['A']) })
      return updateContent(m, v.Id, 'PUBLISHED', content('same', ['B'])).ViewContentSha256 !== v.ViewContentSha256
    },
    expected: { 'template-and-actions': true, 'template-only': false },
  },
  unpublishedDescribe: {
    rule: 'R7',
    observe: (m) => outcome(() => describeView(m, createView(m, { status: 'SAVED' }).Id).Status),
    expected: {
      ResourceNotFoundException: 'ResourceNotFoundException/R7',
      InvalidParameterException: 'InvalidParameterException/R7',
    },
  },
  unpublishedCreateVersionError: {
    rule: 'R10',
    observe: (m) => outcome(() => publishVersion(m, createView(m, { status: 'SAVED' }).Id)),
    expected: {
      ResourceNotFoundException: 'ResourceNotFoundException/R10',
      InvalidParameterException: 'InvalidParameterException/R10',
      InvalidRequestException: 'InvalidRequestException/R10',
    },
  },
  awsManagedMutationError: {
    rule: 'R9',
    // a view operation: the tagging operations do not declare AccessDeniedException (see test/spec/catalogue.test.ts)
    observe: (m) => outcome(() => updateContent(m, CARDS, 'PUBLISHED', content('x'))),
    expected: {
      InvalidParameterException: 'InvalidParameterException/R9',
      AccessDeniedException: 'AccessDeniedException/R9',
      ResourceNotFoundException: 'ResourceNotFoundException/R9',
      InvalidRequestException: 'InvalidRequestException/R9',
    },
  },
  malformedQualifierError: {
    rule: 'R39',
    observe: (m) => outcome(() => describeView(m, `${createView(m).Id}:$FOO`)),
    expected: {
      InvalidParameterException: 'InvalidParameterException/R39',
      InvalidRequestException: 'InvalidRequestException/R39',
      ResourceNotFoundException: 'ResourceNotFoundException/R39',
    },
  },
  sha256Pattern: {
    rule: 'R29',
    // an R12 answer means the value got past validation and failed the checksum comparison
    observe: (m) => {
      const id = createView(m).Id
      return [
        outcome(() => publishVersion(m, id, { ViewContentSha256: 'a'.repeat(64) })),
        outcome(() => publishVersion(m, id, { ViewContentSha256: '-' })),
      ].join(' ')
    },
    expected: {
      'alnum-1-64': 'InvalidParameterException/R12 InvalidParameterException/R24',
      'model-literal': 'InvalidParameterException/R24 InvalidParameterException/R24',
      'length-only': 'InvalidParameterException/R12 InvalidParameterException/R12',
    },
  },
  publishedTemplateValidation: {
    rule: 'R4',
    observe: (m) => {
      const v = createView(m)
      const bad = { Template: 'not json {', Actions: [] }
      return [
        outcome(() => updateContent(m, v.Id, 'SAVED', bad).Status),
        outcome(() => updateContent(m, v.Id, 'PUBLISHED', bad).Status),
      ].join(' ')
    },
    expected: { 'template-json': 'ok:SAVED InvalidParameterException/R4', none: 'ok:SAVED ok:PUBLISHED' },
  },
  aliasVersionField: {
    rule: 'R35',
    observe: (m) => {
      const v = createView(m)
      publishVersion(m, v.Id)
      return describeView(m, `${v.Id}:$LATEST`).Version
    },
    expected: { omit: undefined, highest: 1 },
  },
  numberedVersionSha256: {
    rule: 'R36',
    observe: (m) => {
      const v = createView(m, { content: content('one') })
      publishVersion(m, v.Id)
      updateContent(m, v.Id, 'PUBLISHED', content('two'))
      return describeView(m, `${v.Id}:1`).ViewContentSha256 === describeView(m, v.Id).ViewContentSha256
    },
    expected: { latest: true, own: false },
  },
  metadataTouchesLastModified: {
    rule: 'R38',
    observe: (m) => {
      const v = createView(m)
      m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Description: 'new' })
      return describeView(m, v.Id).LastModifiedTime > v.LastModifiedTime
    },
    expected: { no: false, yes: true },
  },
  noChangePublishTouchesLastModified: {
    rule: 'R38',
    observe: (m) => {
      const v = createView(m)
      const first = publishVersion(m, v.Id)
      publishVersion(m, v.Id)
      return describeView(m, v.Id).LastModifiedTime > first.LastModifiedTime
    },
    expected: { no: false, yes: true },
  },
  listViewsNameOrder: {
    rule: 'R18a',
    observe: (m) => {
      for (const name of ['b', 'B', 'a', 'Á']) createView(m, { name })
      return customerViewNames(m).join(',')
    },
    expected: { 'code-unit': 'B,a,b,Á', 'case-insensitive': 'a,B,b,Á' },
  },
  invalidNextTokenError: {
    rule: 'R28',
    observe: (m) => outcome(() => m.invoke('ListViews', { InstanceId: INSTANCE, NextToken: 'forged' })),
    expected: {
      InvalidParameterException: 'InvalidParameterException/R28',
      InvalidRequestException: 'InvalidRequestException/R28',
    },
  },
  validationErrorClass: {
    rule: 'R24, R20, R30',
    observe: (m) => {
      const v = createView(m)
      return [
        outcome(() => m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 0 })),
        outcome(() => updateContent(m, v.Id, 'SAVED', { Template: 'x'.repeat(400 * 1024 + 1) })),
        outcome(() => m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id })),
      ].join(' ')
    },
    expected: {
      InvalidParameterException:
        'InvalidParameterException/R24 InvalidParameterException/R20 InvalidParameterException/R30',
      InvalidRequestException: 'InvalidRequestException/R24 InvalidRequestException/R20 InvalidRequestException/R30',
    },
  },
  versionArn: {
    rule: 'R37',
    observe: (m) => firstVersion(m).described.Arn === `${firstVersion(m).view.Arn}:1`,
    expected: { qualified: true, bare: false },
  },
  versionId: {
    rule: 'R37',
    observe: (m) => {
      const { view, described } = firstVersion(m)
      return described.Id === view.Id ? 'bare' : described.Id === `${view.Id}:1` ? 'qualified' : described.Id
    },
    expected: { bare: 'bare', qualified: 'qualified' },
  },
  publishedVersionArn: {
    rule: 'R37',
    observe: (m) => {
      const view = createView(m)
      return publishVersion(m, view.Id).Arn === `${view.Arn}:1`
    },
    expected: { qualified: true, bare: false },
  },
  publishedVersionId: {
    rule: 'R37',
    observe: (m) => {
      const view = createView(m)
      return publishVersion(m, view.Id).Id === view.Id ? 'bare' : 'qualified'
    },
    expected: { bare: 'bare', qualified: 'qualified' },
  },
  versionSummaryArn: {
    rule: 'R37',
    observe: (m) => {
      const { view, summary } = firstVersion(m)
      return summary.Arn === view.Arn ? 'bare' : summary.Arn === `${view.Arn}:1` ? 'qualified' : summary.Arn
    },
    expected: { qualified: 'qualified', bare: 'bare' },
  },
  versionSummaryId: {
    rule: 'R37',
    observe: (m) => {
      const { view, summary } = firstVersion(m)
      return summary.Id === view.Id ? 'bare' : summary.Id === `${view.Id}:1` ? 'qualified' : summary.Id
    },
    expected: { bare: 'bare', qualified: 'qualified' },
  },
  awsManagedArn: {
    rule: 'R47',
    observe: (m) => describeView(m, CARDS).Arn,
    expected: { qualified: `${CARDS}:1`, bare: CARDS },
  },
  versionMetadata: {
    rule: 'R31',
    observe: (m) => {
      const v = createView(m, { name: 'before' })
      publishVersion(m, v.Id)
      m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Name: 'after' })
      return describeView(m, `${v.Id}:1`).Name
    },
    expected: { current: 'after', 'at-publish': 'before' },
  },
  summaryStatus: {
    rule: 'R41',
    observe: (m) => {
      updateContent(m, createView(m).Id, 'SAVED', content('draft'))
      return m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' }).ViewsSummaryList[0].Status
    },
    expected: { 'published-once-latest': 'PUBLISHED', 'last-write': 'SAVED' },
  },
  searchSnapshot: {
    rule: 'R50',
    observe: (m) => {
      updateContent(m, createView(m).Id, 'SAVED', content('draft'))
      const found = m.invoke('SearchViews', {
        InstanceId: INSTANCE,
        SearchCriteria: { ViewTypeCondition: 'CUSTOMER_MANAGED' },
      }).Views[0]
      const bySavedStatus = m.invoke('SearchViews', {
        InstanceId: INSTANCE,
        SearchCriteria: { ViewStatusCondition: 'SAVED' },
      }).Views.length
      return `${found.Status} ${bySavedStatus}`
    },
    expected: { 'latest-else-saved': 'PUBLISHED 0', saved: 'SAVED 1' },
  },
  unpublishedSha256: {
    rule: 'R51',
    observe: (m) => createView(m, { status: 'SAVED' }).ViewContentSha256 !== undefined,
    expected: { omit: false, 'of-draft': true },
  },
  emptyTags: {
    rule: 'R52',
    observe: (m) => createView(m).Tags,
    expected: { omit: undefined, 'empty-map': {} },
  },
  emptyTagsAwsManaged: {
    rule: 'R52',
    observe: (m) => describeView(m, CARDS).Tags,
    expected: { omit: undefined, 'empty-map': {} },
  },
  absentActions: {
    rule: 'R52',
    observe: (m) => createView(m, { content: { Template: '{}' } }).Content.Actions,
    expected: { omit: undefined, 'empty-list': [] },
  },
  savedAliasStatus: {
    rule: 'R42',
    observe: (m) => describeView(m, `${createView(m, { status: 'PUBLISHED' }).Id}:$SAVED`).Status,
    expected: { 'last-write': 'PUBLISHED', 'always-saved': 'SAVED' },
  },
  versionCreatedTime: {
    rule: 'R54',
    observe: (m) => {
      const { view, described } = firstVersion(m)
      return described.CreatedTime === view.CreatedTime ? 'view' : 'version'
    },
    expected: { view: 'view', version: 'version' },
  },
  inputSchemaField: {
    rule: 'R19',
    observe: (m) => 'InputSchema' in createView(m).Content,
    expected: { generated: true, omit: false },
  },
  approximateTotalCount: {
    rule: 'R46',
    observe: (m) => m.invoke('SearchViews', { InstanceId: INSTANCE }).ApproximateTotalCount,
    expected: { count: 5, omit: undefined },
  },
  approximateTotalCountAwsManaged: {
    rule: 'R46',
    observe: (m) => {
      createView(m)
      return m.invoke('SearchViews', { InstanceId: INSTANCE }).ApproximateTotalCount
    },
    expected: { counted: 6, 'not-counted': 1 },
  },
  awsManagedInUnfilteredList: {
    rule: 'R48',
    observe: (m) => m.invoke('ListViews', { InstanceId: INSTANCE }).ViewsSummaryList.length,
    expected: { include: 5, exclude: 0 },
  },
  awsManagedInSearch: {
    rule: 'R49',
    observe: (m) =>
      [
        m.invoke('SearchViews', { InstanceId: INSTANCE }).Views.length,
        m.invoke('SearchViews', { InstanceId: INSTANCE, SearchCriteria: { ViewTypeCondition: 'AWS_MANAGED' } }).Views
          .length,
      ].join(' '),
    expected: { include: '5 5', exclude: '0 5' },
  },
  listViewsTypeOrder: {
    rule: 'R18b',
    observe: (m) => {
      createView(m)
      return m.invoke('ListViews', { InstanceId: INSTANCE }).ViewsSummaryList[0].Type
    },
    expected: { 'aws-managed-first': 'AWS_MANAGED', 'customer-managed-first': 'CUSTOMER_MANAGED' },
  },
  searchViewsOrder: {
    rule: 'R50',
    observe: (m) => {
      createView(m, { name: 'A' })
      return m.invoke('SearchViews', { InstanceId: INSTANCE }).Views[0].Name
    },
    expected: { 'type-then-name': 'Cards', name: 'A' },
  },
  clientTokenAfterDelete: {
    rule: 'R53',
    observe: (m) => {
      const v = createView(m, { clientToken: 'once' })
      m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: v.Id })
      return outcome(() => createView(m, { clientToken: 'once' }).Id === v.Id)
    },
    expected: {
      'create-new': 'ok:false',
      ResourceInUseException: 'ResourceInUseException/R53',
      InvalidRequestException: 'InvalidRequestException/R53',
    },
  },
  clientTokenRetryAnswer: {
    rule: 'R6a',
    observe: (m) => {
      // created PUBLISHED (c1), then $LATEST moves to c2 and the draft to c3: each value answers another title
      const input = createInput(m, { clientToken: 'tok', content: content('c1') })
      const first = m.invoke('CreateView', input).View
      updateContent(m, first.Id, 'PUBLISHED', content('c2'))
      updateContent(m, first.Id, 'SAVED', content('c3'))
      const retry = m.invoke('CreateView', input).View
      return `${retry.Id === first.Id}:${JSON.parse(retry.Content.Template).Head.Title}:${retry.Status}`
    },
    expected: {
      'current-latest': 'true:c2:PUBLISHED',
      original: 'true:c1:PUBLISHED',
      'current-saved': 'true:c3:SAVED',
    },
  },
  duplicateNameError: {
    rule: 'R5',
    observe: (m) => {
      createView(m, { name: 'same' })
      return outcome(() => createView(m, { name: 'same' }))
    },
    expected: {
      DuplicateResourceException: 'DuplicateResourceException/R5',
      ResourceInUseException: 'ResourceInUseException/R5',
      InvalidParameterException: 'InvalidParameterException/R5',
    },
  },
  foreignArnError: {
    rule: 'R45',
    observe: (m) =>
      outcome(() =>
        describeView(m, `arn:aws:connect:us-east-1:999999999999:instance/${INSTANCE}/view/${createView(m).Id}`),
      ),
    expected: {
      ResourceNotFoundException: 'ResourceNotFoundException/R45',
      InvalidParameterException: 'InvalidParameterException/R45',
      AccessDeniedException: 'AccessDeniedException/R45',
    },
  },
  aliasOnMutation: {
    rule: 'R39',
    observe: (m) => outcome(() => updateContent(m, `${createView(m).Id}:$SAVED`, 'SAVED', content('x')).Status),
    expected: { accept: 'ok:SAVED', reject: 'InvalidParameterException/R39' },
  },
}

/** A view with one published version: the view as created, version 1 as described and as summarised. */
function firstVersion(m: CheckedModel): {
  view: Record<string, any>
  described: Record<string, any>
  summary: Record<string, any>
} {
  const cached = firstVersions.get(m)
  if (cached) return cached
  const view = createView(m)
  publishVersion(m, view.Id)
  const r = {
    view,
    described: describeView(m, `${view.Id}:1`),
    summary: m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: view.Id }).ViewVersionSummaryList[0],
  }
  firstVersions.set(m, r)
  return r
}
const firstVersions = new WeakMap<CheckedModel, ReturnType<typeof firstVersion>>()

/** Runs the scenario once per option; the test's own title must name the scenario's rule and choice. */
function runChoice(name: ChoiceName): void {
  const s = SCENARIOS[name] as Scenario<ChoiceName>
  expect(expect.getState().currentTestName, 'title names the rule and the choice').toContain(
    `${s.rule} choice ${name}:`,
  )
  expect(Object.keys(s.expected).sort()).toEqual([...CHOICE_OPTIONS[name]].sort())
  expect(
    new Set(Object.values(s.expected).map((x) => JSON.stringify(x))).size,
    'the options must differ observably',
  ).toBe(CHOICE_OPTIONS[name].length)
  for (const option of CHOICE_OPTIONS[name]) {
    const m = checkedModel({ choices: { [name]: option } })
    expect(s.observe(m), `${name}=${option}${DEFAULT_CHOICES[name] === option ? ' (default)' : ''}`).toEqual(
      (s.expected as Record<string, unknown>)[option],
    )
  }
  ran.add(name)
}

const ran = new Set<ChoiceName>()

// Titles are literal so that test/model/rule-coverage.test.ts can read the rule ids they cite.
describe('each option of each choice', () => {
  afterAll(() => expect([...ran].sort(), 'every choice has a test below').toEqual(Object.keys(CHOICE_OPTIONS).sort()))

  it('R12 choice checksumConflictError: class of a stale ViewContentSha256', () => runChoice('checksumConflictError'))
  it('R26 choice versionNumbering: number after deleting the highest version', () => runChoice('versionNumbering'))
  it('R14 choice checksumInput: whether an Actions-only publish changes the checksum', () => runChoice('checksumInput'))
  it('R7 choice unpublishedDescribe: unqualified DescribeView of a never-published view', () =>
    runChoice('unpublishedDescribe'))
  it('R10 choice unpublishedCreateVersionError: CreateViewVersion of a never-published view', () =>
    runChoice('unpublishedCreateVersionError'))
  it('R9 choice awsManagedMutationError: UpdateViewContent of an AWS-managed view', () =>
    runChoice('awsManagedMutationError'))
  it('R39 choice malformedQualifierError: DescribeView of id:$FOO', () => runChoice('malformedQualifierError'))
  it('R29 choice sha256Pattern: a 64-alphanumeric and a one-symbol ViewContentSha256', () => runChoice('sha256Pattern'))
  it('R4 choice publishedTemplateValidation: a template that is not JSON, saved and then published', () =>
    runChoice('publishedTemplateValidation'))
  it('R35 choice aliasVersionField: Version of the $LATEST snapshot of a view with version 1', () =>
    runChoice('aliasVersionField'))
  it('R36 choice numberedVersionSha256: which checksum version 1 reports after a later publish', () =>
    runChoice('numberedVersionSha256'))
  it('R38 choice metadataTouchesLastModified: whether UpdateViewMetadata moves LastModifiedTime', () =>
    runChoice('metadataTouchesLastModified'))
  it('R38 choice noChangePublishTouchesLastModified: whether a no-change CreateViewVersion moves LastModifiedTime', () =>
    runChoice('noChangePublishTouchesLastModified'))
  it('R18a choice listViewsNameOrder: order of the names b, B, a, Á', () => runChoice('listViewsNameOrder'))
  it('R28 choice invalidNextTokenError: class of a NextToken the model did not issue', () =>
    runChoice('invalidNextTokenError'))
  it('R24, R20, R30 choice validationErrorClass: class of a constraint violation, an oversized content and an empty metadata update', () =>
    runChoice('validationErrorClass'))
  it('R37 choice versionArn: Arn of DescribeView id:1', () => runChoice('versionArn'))
  it('R37 choice versionId: Id of DescribeView id:1', () => runChoice('versionId'))
  it('R37 choice publishedVersionArn: Arn of the version CreateViewVersion answers with', () =>
    runChoice('publishedVersionArn'))
  it('R37 choice publishedVersionId: Id of the version CreateViewVersion answers with', () =>
    runChoice('publishedVersionId'))
  it('R37 choice versionSummaryArn: Arn of a ListViewVersions summary', () => runChoice('versionSummaryArn'))
  it('R37 choice versionSummaryId: Id of a ListViewVersions summary', () => runChoice('versionSummaryId'))
  it('R47 choice awsManagedArn: Arn of DescribeView of an AWS-managed view by its ARN', () =>
    runChoice('awsManagedArn'))
  it('R31 choice versionMetadata: Name of version 1 after a rename', () => runChoice('versionMetadata'))
  it('R41 choice summaryStatus: summary Status of a published view with a newer draft', () =>
    runChoice('summaryStatus'))
  it('R50 choice searchSnapshot: the status SearchViews reports and matches for a published view with a newer draft', () =>
    runChoice('searchSnapshot'))
  it('R51 choice unpublishedSha256: checksum of a view created SAVED', () => runChoice('unpublishedSha256'))
  it('R52 choice emptyTags: Tags of a view created without tags', () => runChoice('emptyTags'))
  it('R52 choice emptyTagsAwsManaged: Tags of an AWS-managed view', () => runChoice('emptyTagsAwsManaged'))
  it('R52 choice absentActions: Actions of content created without Actions', () => runChoice('absentActions'))
  it('R42 choice savedAliasStatus: Status of the $SAVED snapshot of a view created PUBLISHED', () =>
    runChoice('savedAliasStatus'))
  it('R54 choice versionCreatedTime: CreatedTime of version 1', () => runChoice('versionCreatedTime'))
  it('R19 choice inputSchemaField: whether Content carries InputSchema', () => runChoice('inputSchemaField'))
  it('R46 choice approximateTotalCount: ApproximateTotalCount of an unfiltered search', () =>
    runChoice('approximateTotalCount'))
  it('R46 choice approximateTotalCountAwsManaged: ApproximateTotalCount of an unfiltered search beside one customer view', () =>
    runChoice('approximateTotalCountAwsManaged'))
  it('R48 choice awsManagedInUnfilteredList: AWS-managed views in an unfiltered ListViews', () =>
    runChoice('awsManagedInUnfilteredList'))
  it('R49 choice awsManagedInSearch: AWS-managed views found without, then with a type condition', () =>
    runChoice('awsManagedInSearch'))
  it('R18b choice listViewsTypeOrder: the type ListViews lists first', () => runChoice('listViewsTypeOrder'))
  it('R50 choice searchViewsOrder: the first result of an unfiltered search beside a customer view named A', () =>
    runChoice('searchViewsOrder'))
  it('R53 choice clientTokenAfterDelete: CreateView with the token of a deleted view', () =>
    runChoice('clientTokenAfterDelete'))
  it('R6a choice clientTokenRetryAnswer: what a ClientToken retry answers after the view changed', () =>
    runChoice('clientTokenRetryAnswer'))
  it('R5 choice duplicateNameError: class of a name clash', () => runChoice('duplicateNameError'))
  it('R45 choice foreignArnError: class of a view ARN of another account', () => runChoice('foreignArnError'))
  it('R39 choice aliasOnMutation: UpdateViewContent of id:$SAVED', () => runChoice('aliasOnMutation'))
})
