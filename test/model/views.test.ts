// The content lifecycle of one view: $SAVED and $LATEST (R2, R3, R7, R42), timestamps (R15, R32), the
// summary status (R41), deletion (R16) and the generated InputSchema (R19).
import { describe, expect, it } from 'vitest'
import { checkedModel } from './support/checked-model'
import {
  INSTANCE,
  content,
  createView,
  customerViewNames,
  describeView,
  expectModelError,
  listAll,
  publishVersion,
  updateContent,
} from './support/view-steps'

const START = Date.UTC(2026, 0, 1)

describe('CreateView', () => {
  it('R2 SAVED stores the content under $SAVED only: there is no $LATEST', () => {
    const m = checkedModel()
    const v = createView(m, { status: 'SAVED', content: content('draft') })
    expect(v.Status).toBe('SAVED')
    expect(describeView(m, `${v.Id}:$SAVED`).Content).toMatchObject(content('draft'))
    expectModelError(() => describeView(m, `${v.Id}:$LATEST`), 'ResourceNotFoundException')
  })

  it('R2 PUBLISHED stores the content under both $SAVED and $LATEST', () => {
    const m = checkedModel()
    const v = createView(m, { status: 'PUBLISHED', content: content('live') })
    expect(v.Status).toBe('PUBLISHED')
    for (const q of ['$SAVED', '$LATEST'])
      expect(describeView(m, `${v.Id}:${q}`).Content, q).toMatchObject(content('live'))
  })

  it('R2 the answer describes a customer-managed view with a UUID-style id and its view ARN', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'Intake form', description: 'first', tags: { team: 'a' } })
    expect(v).toMatchObject({
      Id: '00000000-0000-4000-8000-000000000001',
      Arn: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/view/00000000-0000-4000-8000-000000000001`,
      Type: 'CUSTOMER_MANAGED',
      Name: 'Intake form',
      Description: 'first',
      Tags: { team: 'a' },
    })
  })

  it('R32 CreatedTime and LastModifiedTime are epoch seconds from the injected clock', () => {
    const m = checkedModel()
    const v = createView(m)
    // deterministicOptions() advances 1 s per read; the first read is START + 1 s
    expect(v.CreatedTime).toBe((START + 1000) / 1000)
    expect(v.LastModifiedTime).toBe(v.CreatedTime)
    expect(Number.isInteger(v.CreatedTime)).toBe(true)
  })
})

describe('DescribeView', () => {
  it('R7 without a qualifier reads $LATEST, not the newer draft', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('published') })
    updateContent(m, v.Id, 'SAVED', content('draft'))
    expect(describeView(m, v.Id).Content).toMatchObject(content('published'))
    expect(describeView(m, v.Id).Status).toBe('PUBLISHED')
    expect(describeView(m, `${v.Id}:$SAVED`)).toMatchObject({ Status: 'SAVED', Content: content('draft') })
  })

  it('R7 a never-published view fails unqualified, and :$SAVED still reads its draft', () => {
    const m = checkedModel()
    const v = createView(m, { status: 'SAVED', content: content('draft') })
    expectModelError(() => describeView(m, v.Id), 'ResourceNotFoundException', 'R7')
    expectModelError(() => describeView(m, v.Arn), 'ResourceNotFoundException', 'R7')
    expect(describeView(m, `${v.Id}:$SAVED`).Content).toMatchObject(content('draft'))
  })
})

describe('UpdateViewContent', () => {
  it('R3 SAVED rewrites $SAVED only; $LATEST keeps the published content', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    updateContent(m, v.Id, 'SAVED', content('two'))
    expect(describeView(m, `${v.Id}:$SAVED`).Content).toMatchObject(content('two'))
    expect(describeView(m, `${v.Id}:$LATEST`).Content).toMatchObject(content('one'))
  })

  it('R3 PUBLISHED rewrites both $SAVED and $LATEST', () => {
    const m = checkedModel()
    const v = createView(m, { status: 'SAVED', content: content('one') })
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    for (const q of ['$SAVED', '$LATEST'])
      expect(describeView(m, `${v.Id}:${q}`).Content, q).toMatchObject(content('two'))
  })

  it('R3 numbered versions are never touched by either kind of update', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    publishVersion(m, v.Id)
    const before = describeView(m, `${v.Id}:1`)
    updateContent(m, v.Id, 'SAVED', content('two'))
    updateContent(m, v.Id, 'PUBLISHED', content('three'))
    const after = describeView(m, `${v.Id}:1`)
    expect(after.Content).toEqual(before.Content)
    expect(after.Content).toMatchObject(content('one'))
  })

  it('R42 answers with the snapshot it wrote: $SAVED for SAVED, $LATEST for PUBLISHED', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    const saved = updateContent(m, v.Id, 'SAVED', content('two'))
    expect(saved).toMatchObject({ Status: 'SAVED', Content: content('two') })
    const published = updateContent(m, v.Id, 'PUBLISHED', content('three'))
    expect(published).toMatchObject({ Status: 'PUBLISHED', Content: content('three') })
    expect(published).toEqual(describeView(m, v.Id))
  })

  it('R15 LastModifiedTime moves on every UpdateViewContent; CreatedTime never does', () => {
    const m = checkedModel()
    const v = createView(m)
    const afterSaved = updateContent(m, v.Id, 'SAVED', content('two'))
    expect(afterSaved.LastModifiedTime).toBeGreaterThan(v.LastModifiedTime)
    const afterPublished = updateContent(m, v.Id, 'PUBLISHED', content('three'))
    expect(afterPublished.LastModifiedTime).toBeGreaterThan(afterSaved.LastModifiedTime)
    expect(describeView(m, v.Id).LastModifiedTime).toBe(afterPublished.LastModifiedTime)
    expect(afterPublished.CreatedTime).toBe(v.CreatedTime)
  })

  it('R15 LastModifiedTime moves on a CreateViewVersion that creates a version', () => {
    const m = checkedModel()
    const v = createView(m)
    const version = publishVersion(m, v.Id)
    expect(version.LastModifiedTime).toBeGreaterThan(v.LastModifiedTime)
    expect(describeView(m, v.Id).LastModifiedTime).toBe(version.LastModifiedTime)
  })
})

describe('ListViews summary status', () => {
  it('R41 a summary says SAVED until $LATEST exists and PUBLISHED from then on, also after a later SAVED update', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'draft-only', status: 'SAVED' })
    const status = () =>
      listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' }).items.find((s) => s.Id === v.Id)
        ?.Status
    expect(status()).toBe('SAVED')
    updateContent(m, v.Id, 'PUBLISHED', content('live'))
    expect(status()).toBe('PUBLISHED')
    updateContent(m, v.Id, 'SAVED', content('draft again'))
    expect(status()).toBe('PUBLISHED')
  })
})

describe('DeleteView', () => {
  it('R16 removes the view with $SAVED, $LATEST and every numbered version', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'doomed', content: content('one') })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    publishVersion(m, v.Id)
    expect(m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: v.Id })).toEqual({})
    for (const ref of [v.Id, v.Arn, `${v.Id}:$SAVED`, `${v.Id}:$LATEST`, `${v.Id}:1`, `${v.Id}:2`]) {
      expectModelError(() => describeView(m, ref), 'ResourceNotFoundException', 'R25')
    }
    expectModelError(
      () => m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id }),
      'ResourceNotFoundException',
    )
    expect(customerViewNames(m)).not.toContain('doomed')
  })

  it('R16 a second delete of the same view is not found, and other views are untouched', () => {
    const m = checkedModel()
    const keep = createView(m, { name: 'keep' })
    const doomed = createView(m, { name: 'doomed' })
    m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: doomed.Arn })
    expectModelError(
      () => m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: doomed.Id }),
      'ResourceNotFoundException',
    )
    expect(describeView(m, keep.Id)).toEqual(keep)
    expect(customerViewNames(m)).toEqual(['keep'])
  })
})

describe('InputSchema', () => {
  it('R19 is generated from the template (input never carries it) and follows template changes', () => {
    const m = checkedModel()
    const withPlaceholder = { Template: JSON.stringify({ Head: { Title: '$.Title' }, Body: [] }), Actions: [] }
    const v = createView(m, { content: withPlaceholder })
    const schema = JSON.parse(v.Content.InputSchema)
    expect(Object.keys(schema.properties)).toEqual(['Title'])
    const updated = updateContent(m, v.Id, 'PUBLISHED', {
      Template: JSON.stringify({ Head: { Title: '$.Heading' }, Body: [{ Props: { Text: '$.Body' } }] }),
      Actions: [],
    })
    expect(Object.keys(JSON.parse(updated.Content.InputSchema).properties)).toEqual(['Body', 'Heading'])
  })
})
