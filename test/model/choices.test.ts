// Every undocumented choice (src/spec/choices.ts) switches the behaviour it names: one scenario per
// choice, run once per option. The table is typed by CHOICE_OPTIONS, so a new choice or option does not
// compile until it has an expected outcome here.
import { afterAll, describe, expect, it } from 'vitest'
import { ModelError } from '../../src/model'
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName } from '../../src/spec'
import { checkedModel, type CheckedModel } from './support/checked-model'
import { INSTANCE, content, createView, customerViewNames, describeView, publishVersion, updateContent } from './support/view-steps'

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
    expected: { InvalidParameterException: 'InvalidParameterException/R12', InvalidRequestException: 'InvalidRequestException/R12', ResourceInUseException: 'ResourceInUseException/R12' },
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
    expected: { ResourceNotFoundException: 'ResourceNotFoundException/R7', InvalidParameterException: 'InvalidParameterException/R7', 'return-saved': 'ok:SAVED' },
  },
  unpublishedCreateVersionError: {
    rule: 'R10',
    observe: (m) => outcome(() => publishVersion(m, createView(m, { status: 'SAVED' }).Id)),
    expected: { ResourceNotFoundException: 'ResourceNotFoundException/R10', InvalidParameterException: 'InvalidParameterException/R10', InvalidRequestException: 'InvalidRequestException/R10' },
  },
  awsManagedMutationError: {
    rule: 'R9',
    // a view operation: the tagging operations do not declare AccessDeniedException (see test/spec/catalogue.test.ts)
    observe: (m) => outcome(() => updateContent(m, CARDS, 'PUBLISHED', content('x'))),
    expected: { InvalidParameterException: 'InvalidParameterException/R9', AccessDeniedException: 'AccessDeniedException/R9', ResourceNotFoundException: 'ResourceNotFoundException/R9', InvalidRequestException: 'InvalidRequestException/R9' },
  },
  malformedQualifierError: {
    rule: 'R39',
    observe: (m) => outcome(() => describeView(m, `${createView(m).Id}:$FOO`)),
    expected: { InvalidParameterException: 'InvalidParameterException/R39', InvalidRequestException: 'InvalidRequestException/R39', ResourceNotFoundException: 'ResourceNotFoundException/R39' },
  },
  sha256Pattern: {
    rule: 'R29',
    // an R12 answer means the value got past validation and failed the checksum comparison
    observe: (m) => {
      const id = createView(m).Id
      return [outcome(() => publishVersion(m, id, { ViewContentSha256: 'a'.repeat(64) })), outcome(() => publishVersion(m, id, { ViewContentSha256: '-' }))].join(' ')
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
      return [outcome(() => updateContent(m, v.Id, 'SAVED', bad).Status), outcome(() => updateContent(m, v.Id, 'PUBLISHED', bad).Status)].join(' ')
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
    expected: { InvalidParameterException: 'InvalidParameterException/R28', InvalidRequestException: 'InvalidRequestException/R28' },
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
      InvalidParameterException: 'InvalidParameterException/R24 InvalidParameterException/R20 InvalidParameterException/R30',
      InvalidRequestException: 'InvalidRequestException/R24 InvalidRequestException/R20 InvalidRequestException/R30',
    },
  },
}

/** Runs the scenario once per option; the test's own title must name the scenario's rule and choice. */
function runChoice(name: ChoiceName): void {
  const s = SCENARIOS[name] as Scenario<ChoiceName>
  expect(expect.getState().currentTestName, 'title names the rule and the choice').toContain(`${s.rule} choice ${name}:`)
  expect(Object.keys(s.expected).sort()).toEqual([...CHOICE_OPTIONS[name]].sort())
  expect(new Set(Object.values(s.expected).map((x) => JSON.stringify(x))).size, 'the options must differ observably').toBe(CHOICE_OPTIONS[name].length)
  for (const option of CHOICE_OPTIONS[name]) {
    const m = checkedModel({ choices: { [name]: option } })
    expect(s.observe(m), `${name}=${option}${DEFAULT_CHOICES[name] === option ? ' (default)' : ''}`).toEqual((s.expected as Record<string, unknown>)[option])
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
  it('R7 choice unpublishedDescribe: unqualified DescribeView of a never-published view', () => runChoice('unpublishedDescribe'))
  it('R10 choice unpublishedCreateVersionError: CreateViewVersion of a never-published view', () => runChoice('unpublishedCreateVersionError'))
  it('R9 choice awsManagedMutationError: UpdateViewContent of an AWS-managed view', () => runChoice('awsManagedMutationError'))
  it('R39 choice malformedQualifierError: DescribeView of id:$FOO', () => runChoice('malformedQualifierError'))
  it('R29 choice sha256Pattern: a 64-alphanumeric and a one-symbol ViewContentSha256', () => runChoice('sha256Pattern'))
  it('R4 choice publishedTemplateValidation: a template that is not JSON, saved and then published', () => runChoice('publishedTemplateValidation'))
  it('R35 choice aliasVersionField: Version of the $LATEST snapshot of a view with version 1', () => runChoice('aliasVersionField'))
  it('R36 choice numberedVersionSha256: which checksum version 1 reports after a later publish', () => runChoice('numberedVersionSha256'))
  it('R38 choice metadataTouchesLastModified: whether UpdateViewMetadata moves LastModifiedTime', () => runChoice('metadataTouchesLastModified'))
  it('R38 choice noChangePublishTouchesLastModified: whether a no-change CreateViewVersion moves LastModifiedTime', () => runChoice('noChangePublishTouchesLastModified'))
  it('R18a choice listViewsNameOrder: order of the names b, B, a, Á', () => runChoice('listViewsNameOrder'))
  it('R28 choice invalidNextTokenError: class of a NextToken the model did not issue', () => runChoice('invalidNextTokenError'))
  it('R24, R20, R30 choice validationErrorClass: class of a constraint violation, an oversized content and an empty metadata update', () => runChoice('validationErrorClass'))
})
