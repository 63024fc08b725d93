// Numbered versions: CreateViewVersion (R10, R11, R43), their ARNs (R37), DeleteViewVersion (R17) and
// numbering after deletes (R26, R26a).
import { describe, expect, it } from 'vitest'
import { checkedModel, type CheckedModel } from './support/checked-model'
import {
  INSTANCE,
  content,
  createView,
  describeView,
  expectModelError,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

const deleteVersion = (m: CheckedModel, viewId: string, n: number) =>
  m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: viewId, ViewVersion: n })

/** A view with versions 1..count, each from distinct content ('c1', 'c2', …). */
function viewWithVersions(m: CheckedModel, count: number) {
  const v = createView(m, { content: content('c1') })
  for (let i = 1; i <= count; i++) {
    if (i > 1) updateContent(m, v.Id, 'PUBLISHED', content(`c${i}`))
    expect(publishVersion(m, v.Id).Version).toBe(i)
  }
  return v
}

describe('CreateViewVersion', () => {
  it('R10 snapshots $LATEST (not the draft) into version 1, then 2 after a published change', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    updateContent(m, v.Id, 'SAVED', content('draft'))
    const v1 = publishVersion(m, v.Id)
    expect(v1).toMatchObject({ Version: 1, Content: content('one') })
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    expect(publishVersion(m, v.Id)).toMatchObject({ Version: 2, Content: content('two') })
    expect(versionNumbers(m, v.Id)).toEqual([2, 1])
  })

  it('R10 a version stays byte-identical after later content updates, publishes and metadata changes', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one', ['Submit', 'Cancel']) })
    publishVersion(m, v.Id, { VersionDescription: 'first cut' })
    const frozen = JSON.stringify(describeView(m, `${v.Id}:1`).Content)
    updateContent(m, v.Id, 'SAVED', content('two'))
    updateContent(m, v.Id, 'PUBLISHED', content('three', ['Other']))
    publishVersion(m, v.Id)
    m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Description: 'changed' })
    const after = describeView(m, `${v.Id}:1`)
    expect(JSON.stringify(after.Content)).toBe(frozen)
    expect(after.VersionDescription).toBe('first cut')
  })

  it('R10 a view that was never published has nothing to version: rejected, nothing created', () => {
    const m = checkedModel()
    const v = createView(m, { status: 'SAVED' })
    expectModelError(() => publishVersion(m, v.Id), 'ResourceNotFoundException', 'R10')
    expect(versionNumbers(m, v.Id)).toEqual([])
  })

  it('R11 no-change publish returns the highest version and creates nothing', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    const first = publishVersion(m, v.Id, { VersionDescription: 'first' })
    const again = publishVersion(m, v.Id, { VersionDescription: 'ignored' })
    expect(again).toMatchObject({ Version: 1, VersionDescription: 'first', Content: content('one') })
    expect(again).toEqual(first)
    expect(versionNumbers(m, v.Id)).toEqual([1])
  })

  it('R11 a SAVED update does not count as a change; a PUBLISHED one does', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'SAVED', content('draft'))
    expect(publishVersion(m, v.Id).Version).toBe(1)
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    expect(publishVersion(m, v.Id).Version).toBe(2)
  })

  it('R11 compares with the highest version only: republishing older content makes a new version', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 2)
    updateContent(m, v.Id, 'PUBLISHED', content('c1'))
    expect(publishVersion(m, v.Id)).toMatchObject({ Version: 3, Content: content('c1') })
  })

  it('R11 an Actions-only change is a change', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one', ['A']) })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('one', ['A', 'B']))
    expect(publishVersion(m, v.Id).Version).toBe(2)
  })

  it("R43 answers with the new version's snapshot: Version, Status PUBLISHED, VersionDescription", () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    updateContent(m, v.Id, 'SAVED', content('draft'))
    const out = publishVersion(m, v.Id, { VersionDescription: 'release 1' })
    expect(out).toMatchObject({
      Id: v.Id,
      Version: 1,
      Status: 'PUBLISHED',
      VersionDescription: 'release 1',
      Content: content('one'),
    })
    expect(out).toEqual(describeView(m, `${v.Id}:1`))
  })
})

describe('version ARNs', () => {
  it("R37 a numbered version's Arn is the view ARN qualified with :N and its Id stays unqualified", () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 2)
    expect(describeView(m, `${v.Id}:2`)).toMatchObject({ Id: v.Id, Arn: `${v.Arn}:2` })
    const summaries = m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id }).ViewVersionSummaryList
    expect(summaries.map((s: any) => [s.Id, s.Arn])).toEqual([
      [v.Id, `${v.Arn}:2`],
      [v.Id, `${v.Arn}:1`],
    ])
    // the aliases are the view itself: unqualified ARN
    expect(describeView(m, `${v.Id}:$LATEST`).Arn).toBe(v.Arn)
  })

  it('R37 the version ARN from the answer addresses that version', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 2)
    const first = describeView(m, `${v.Id}:1`)
    expect(describeView(m, first.Arn)).toEqual(first)
  })
})

describe('DeleteViewVersion', () => {
  it('R17 removes exactly one version; the others and both aliases stay', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 3)
    const saved = describeView(m, `${v.Id}:$SAVED`)
    const latest = describeView(m, `${v.Id}:$LATEST`)
    const third = describeView(m, `${v.Id}:3`)
    expect(deleteVersion(m, v.Id, 2)).toEqual({})
    expect(versionNumbers(m, v.Id)).toEqual([3, 1])
    expectModelError(() => describeView(m, `${v.Id}:2`), 'ResourceNotFoundException', 'R25')
    expect(describeView(m, `${v.Id}:3`)).toEqual(third)
    expect(describeView(m, `${v.Id}:$SAVED`).Content).toEqual(saved.Content)
    expect(describeView(m, `${v.Id}:$LATEST`).Content).toEqual(latest.Content)
  })

  it('R17 deleting a version that does not exist, or again, is ResourceNotFoundException', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 1)
    for (const n of [0, 2, -1]) expectModelError(() => deleteVersion(m, v.Id, n), 'ResourceNotFoundException', 'R25')
    deleteVersion(m, v.Id, 1)
    expectModelError(() => deleteVersion(m, v.Id, 1), 'ResourceNotFoundException', 'R25')
    expect(versionNumbers(m, v.Id)).toEqual([])
  })

  it('R17 deleting the version equal to $LATEST leaves $LATEST readable', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 1)
    deleteVersion(m, v.Id, 1)
    expect(describeView(m, v.Id).Content).toMatchObject(content('c1'))
  })
})

describe('numbering after deletes', () => {
  it('R26 numbers are never reused after deleting the highest version', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 2)
    deleteVersion(m, v.Id, 2)
    updateContent(m, v.Id, 'PUBLISHED', content('c3'))
    expect(publishVersion(m, v.Id).Version).toBe(3)
    expect(versionNumbers(m, v.Id)).toEqual([3, 1])
  })

  it('R26 deleting every version still does not restart the numbering', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 2)
    deleteVersion(m, v.Id, 1)
    deleteVersion(m, v.Id, 2)
    updateContent(m, v.Id, 'PUBLISHED', content('c3'))
    expect(publishVersion(m, v.Id).Version).toBe(3)
  })

  it('R26a after deleting a middle version the next number is still highest+1', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 3)
    deleteVersion(m, v.Id, 2)
    updateContent(m, v.Id, 'PUBLISHED', content('c4'))
    expect(publishVersion(m, v.Id).Version).toBe(4)
    expect(versionNumbers(m, v.Id)).toEqual([4, 3, 1])
  })

  it('R11, R26 after deleting the highest, unchanged $LATEST is compared with the new highest', () => {
    const m = checkedModel()
    const v = viewWithVersions(m, 2)
    deleteVersion(m, v.Id, 2)
    // $LATEST is c2, the highest remaining version is c1: that is a change, so a new number is issued
    expect(publishVersion(m, v.Id)).toMatchObject({ Version: 3, Content: content('c2') })
  })
})
