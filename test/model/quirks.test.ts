// Every model-layer quirk (src/model/quirks.ts) bends the behaviour it describes: one scenario per quirk,
// run on the correct model and on a model with only that quirk on. Wire-layer quirks belong to the stub's
// tests. The table is typed by QUIRKS, so a new model quirk does not compile until it has a scenario.
import { afterAll, describe, expect, it } from 'vitest'
import { ModelError, QUIRKS, QUIRK_NAMES, type QuirkName } from '../../src/model'
import { checkedModel, type CheckedModel } from './support/checked-model'
import {
  INSTANCE,
  content,
  createInput,
  createView,
  customerViewNames,
  describeView,
  listAll,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

type ModelQuirk = { [K in QuirkName]: (typeof QUIRKS)[K]['layer'] extends 'model' ? K : never }[QuirkName]

interface Scenario {
  observe: (m: CheckedModel) => unknown
  correct: unknown
  quirky: unknown
}

function outcome(fn: () => unknown): string {
  try {
    const v = fn()
    return v === undefined ? 'ok' : `ok:${typeof v === 'object' ? JSON.stringify(v) : String(v)}`
  } catch (e) {
    if (e instanceof ModelError) return `${e.errorName}/${e.rule}`
    throw e
  }
}

/** The title of a snapshot's template (content('x') has title 'x'). */
const titleOf = (view: Record<string, any>) => JSON.parse(view.Content.Template).Head.Title as string

function viewWithVersions(m: CheckedModel, count: number) {
  const v = createView(m, { content: content('c1') })
  for (let i = 1; i <= count; i++) {
    if (i > 1) updateContent(m, v.Id, 'PUBLISHED', content(`c${i}`))
    publishVersion(m, v.Id)
  }
  return v
}

function fiveViews(m: CheckedModel) {
  for (const name of ['a', 'b', 'c', 'd', 'e']) createView(m, { name })
}

const SCENARIOS: Record<ModelQuirk, Scenario> = {
  'mutable-versions': {
    observe: (m) => {
      const v = viewWithVersions(m, 1)
      updateContent(m, v.Id, 'PUBLISHED', content('later'))
      return titleOf(describeView(m, `${v.Id}:1`))
    },
    correct: 'c1',
    quirky: 'later',
  },
  'no-change-publish-creates-version': {
    observe: (m) => {
      const v = viewWithVersions(m, 1)
      publishVersion(m, v.Id)
      return versionNumbers(m, v.Id)
    },
    correct: [1],
    quirky: [2, 1],
  },
  'reuse-version-numbers': {
    observe: (m) => {
      const v = viewWithVersions(m, 3)
      m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: 1 })
      updateContent(m, v.Id, 'PUBLISHED', content('c4'))
      const n = publishVersion(m, v.Id).Version
      return { n, versions: versionNumbers(m, v.Id), three: titleOf(describeView(m, `${v.Id}:3`)) }
    },
    // 2 versions left + 1 = 3: the existing version 3 is overwritten
    correct: { n: 4, versions: [4, 3, 2], three: 'c3' },
    quirky: { n: 3, versions: [3, 2], three: 'c4' },
  },
  'skip-version-numbers': {
    observe: (m) => versionNumbers(m, viewWithVersions(m, 2).Id),
    correct: [2, 1],
    quirky: [4, 2],
  },
  'checksum-not-checked': {
    observe: (m) => outcome(() => publishVersion(m, createView(m).Id, { ViewContentSha256: 'f'.repeat(64) }).Version),
    correct: 'InvalidParameterException/R12',
    quirky: 'ok:1',
  },
  'checksum-of-saved': {
    observe: (m) => {
      const v = createView(m, { content: content('one') })
      return updateContent(m, v.Id, 'SAVED', content('draft')).ViewContentSha256 === v.ViewContentSha256
    },
    correct: true,
    quirky: false,
  },
  'saved-update-changes-latest': {
    observe: (m) => {
      const v = createView(m, { content: content('one') })
      updateContent(m, v.Id, 'SAVED', content('draft'))
      return titleOf(describeView(m, `${v.Id}:$LATEST`))
    },
    correct: 'one',
    quirky: 'draft',
  },
  'describe-unqualified-returns-saved': {
    observe: (m) => {
      const v = createView(m, { content: content('one') })
      updateContent(m, v.Id, 'SAVED', content('draft'))
      const d = describeView(m, v.Id)
      return `${d.Status} ${titleOf(d)}`
    },
    correct: 'PUBLISHED one',
    quirky: 'SAVED draft',
  },
  'list-versions-ascending': {
    observe: (m) => versionNumbers(m, viewWithVersions(m, 3).Id),
    correct: [3, 2, 1],
    quirky: [1, 2, 3],
  },
  'pagination-drops-item': {
    observe: (m) => {
      fiveViews(m)
      return listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: 2 }).items.map(
        (s) => s.Name,
      )
    },
    correct: ['a', 'b', 'c', 'd', 'e'],
    quirky: ['a', 'b', 'd', 'e'],
  },
  'pagination-repeats-item': {
    observe: (m) => {
      fiveViews(m)
      return listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: 2 }).items.map(
        (s) => s.Name,
      )
    },
    correct: ['a', 'b', 'c', 'd', 'e'],
    quirky: ['a', 'b', 'b', 'c', 'c', 'd', 'd', 'e'],
  },
  'next-token-ignored': {
    observe: (m) => {
      fiveViews(m)
      const first = m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: 2 })
      const second = m.invoke('ListViews', {
        InstanceId: INSTANCE,
        Type: 'CUSTOMER_MANAGED',
        MaxResults: 2,
        NextToken: first.NextToken,
      })
      return second.ViewsSummaryList.map((s: any) => s.Name)
    },
    correct: ['c', 'd'],
    quirky: ['a', 'b'],
  },
  'missing-view-wrong-class': {
    observe: (m) => outcome(() => describeView(m, '00000000-0000-4000-8000-00000000beef')),
    correct: 'ResourceNotFoundException/R25',
    quirky: 'InvalidParameterException/R25',
  },
  'server-error-on-long-name': {
    observe: (m) => outcome(() => createView(m, { name: 'n'.repeat(256) })),
    correct: 'InvalidParameterException/R24',
    quirky: 'InternalServiceException/R34',
  },
  'delete-view-leaves-versions': {
    observe: (m) => {
      const v = viewWithVersions(m, 1)
      m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: v.Id })
      return [outcome(() => describeView(m, `${v.Id}:1`).Version), outcome(() => describeView(m, v.Id))]
    },
    correct: ['ResourceNotFoundException/R25', 'ResourceNotFoundException/R25'],
    quirky: ['ok:1', 'ResourceNotFoundException/R25'],
  },
  'client-token-ignored': {
    observe: (m) => {
      const input = createInput(m, { clientToken: 'tok' })
      const first = m.invoke('CreateView', input).View
      return outcome(() => m.invoke('CreateView', input).View.Id === first.Id)
    },
    correct: 'ok:true',
    quirky: 'DuplicateResourceException/R5',
  },
  'retry-creates-second-view': {
    observe: (m) => {
      const input = createInput(m, { clientToken: 'tok' })
      const first = m.invoke('CreateView', input).View
      const retry = m.invoke('CreateView', input).View
      return { sameView: retry.Id === first.Id, views: customerViewNames(m).length }
    },
    correct: { sameView: true, views: 1 },
    quirky: { sameView: false, views: 2 },
  },
  'untag-ignored': {
    observe: (m) => {
      const v = createView(m, { tags: { team: 'a', stage: 'b' } })
      m.invoke('UntagResource', { resourceArn: v.Arn, tagKeys: ['stage'] })
      return m.invoke('ListTagsForResource', { resourceArn: v.Arn }).tags
    },
    correct: { team: 'a' },
    quirky: { team: 'a', stage: 'b' },
  },
  'last-modified-frozen': {
    observe: (m) => {
      const v = createView(m, { status: 'SAVED' })
      const updated = updateContent(m, v.Id, 'PUBLISHED', content('later'))
      const published = publishVersion(m, v.Id)
      return [updated.LastModifiedTime > v.LastModifiedTime, published.LastModifiedTime > updated.LastModifiedTime]
    },
    correct: [true, true],
    quirky: [false, false],
  },
  'tags-lost-on-metadata-update': {
    observe: (m) => {
      const v = createView(m, { tags: { team: 'a' } })
      m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Description: 'new' })
      return m.invoke('ListTagsForResource', { resourceArn: v.Arn }).tags
    },
    correct: { team: 'a' },
    quirky: {},
  },
}

/** Runs the scenario on the correct model and on one with only this quirk; the title must cite what it breaks. */
function runQuirk(name: ModelQuirk): void {
  const s = SCENARIOS[name]
  const q = QUIRKS[name]
  expect(expect.getState().currentTestName, 'title cites the rules the quirk breaks').toContain(
    `${q.breaks.join(', ')} quirk ${name}:`,
  )
  expect(s.quirky, 'the scenario must tell the quirk apart').not.toEqual(s.correct)
  expect(s.observe(checkedModel()), 'correct model').toEqual(s.correct)
  expect(s.observe(checkedModel({ quirks: [name] })), `with quirk ${name}`).toEqual(s.quirky)
  ran.add(name)
}

const ran = new Set<string>()

// Titles are literal so that test/model/rule-coverage.test.ts can read the rule ids they cite.
describe('model-layer quirks', () => {
  afterAll(() =>
    expect([...ran].sort(), 'every model-layer quirk has a test below').toEqual(
      QUIRK_NAMES.filter((n) => QUIRKS[n].layer === 'model').sort(),
    ),
  )

  it('R10, R3 quirk mutable-versions: a PUBLISHED update rewrites the highest version', () =>
    runQuirk('mutable-versions'))
  it('R11 quirk no-change-publish-creates-version: an unchanged publish makes version 2', () =>
    runQuirk('no-change-publish-creates-version'))
  it('R26a, R10 quirk reuse-version-numbers: after deleting version 1 of 3, the next publish overwrites version 3', () =>
    runQuirk('reuse-version-numbers'))
  it('R10 quirk skip-version-numbers: versions are 2 and 4', () => runQuirk('skip-version-numbers'))
  it('R12 quirk checksum-not-checked: a stale checksum publishes', () => runQuirk('checksum-not-checked'))
  it('R13, R12 quirk checksum-of-saved: a SAVED update changes the reported checksum', () =>
    runQuirk('checksum-of-saved'))
  it('R3 quirk saved-update-changes-latest: a SAVED update shows in $LATEST', () =>
    runQuirk('saved-update-changes-latest'))
  it('R7 quirk describe-unqualified-returns-saved: the unqualified DescribeView shows the draft', () =>
    runQuirk('describe-unqualified-returns-saved'))
  it('R18 quirk list-versions-ascending: versions are listed lowest first', () => runQuirk('list-versions-ascending'))
  it('R27 quirk pagination-drops-item: paging by 2 loses c', () => runQuirk('pagination-drops-item'))
  it('R27 quirk pagination-repeats-item: paging by 2 repeats b, c and d', () => runQuirk('pagination-repeats-item'))
  it('R27 quirk next-token-ignored: the second page is the first again', () => runQuirk('next-token-ignored'))
  it('R25 quirk missing-view-wrong-class: an unknown view is a 400', () => runQuirk('missing-view-wrong-class'))
  it('R34, R24 quirk server-error-on-long-name: a 256-character name is a 500', () =>
    runQuirk('server-error-on-long-name'))
  it("R16 quirk delete-view-leaves-versions: a deleted view's version 1 stays readable", () =>
    runQuirk('delete-view-leaves-versions'))
  it('R6 quirk client-token-ignored: a ClientToken retry is a duplicate name', () => runQuirk('client-token-ignored'))
  it('R21 quirk tags-lost-on-metadata-update: UpdateViewMetadata empties the tags', () =>
    runQuirk('tags-lost-on-metadata-update'))
  it('R6 quirk retry-creates-second-view: a ClientToken retry answers a new view, and there are two', () =>
    runQuirk('retry-creates-second-view'))
  it('R21 quirk untag-ignored: UntagResource leaves the tag', () => runQuirk('untag-ignored'))
  it('R15 quirk last-modified-frozen: neither a content update nor a publish moves LastModifiedTime', () =>
    runQuirk('last-modified-frozen'))
})
