// View-level metadata: unique names (R5), ClientToken idempotency (R6), UpdateViewMetadata (R30, R31).
import { describe, expect, it } from 'vitest'
import { checkedModel } from './support/checked-model'
import {
  INSTANCE,
  OTHER_INSTANCE,
  content,
  createInput,
  createView,
  customerViewNames,
  describeView,
  expectModelError,
  listAll,
  publishVersion,
  updateContent,
} from './support/view-steps'

const rename = (viewId: string, fields: { Name?: string; Description?: string }) => ({
  InstanceId: INSTANCE,
  ViewId: viewId,
  ...fields,
})

describe('unique names', () => {
  it('R5 CreateView with a name already used in the instance is a DuplicateResourceException and creates nothing', () => {
    const m = checkedModel()
    const first = createView(m, { name: 'Checkout' })
    expectModelError(() => createView(m, { name: 'Checkout', status: 'SAVED' }), 'DuplicateResourceException', 'R5')
    expect(customerViewNames(m)).toEqual(['Checkout'])
    expect(describeView(m, first.Id)).toEqual(first)
  })

  it('R5 the same name is fine in another instance, and again after the holder is deleted', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const first = createView(m, { name: 'Checkout' })
    createView(m, { name: 'Checkout', instanceId: OTHER_INSTANCE })
    m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: first.Id })
    const again = createView(m, { name: 'Checkout' })
    expect(again.Id).not.toBe(first.Id)
  })

  it("R5 UpdateViewMetadata renaming onto another view's name is rejected and changes nothing", () => {
    const m = checkedModel()
    createView(m, { name: 'Alpha' })
    const b = createView(m, { name: 'Beta', description: 'b' })
    expectModelError(
      () => m.invoke('UpdateViewMetadata', rename(b.Id, { Name: 'Alpha', Description: 'changed' })),
      'DuplicateResourceException',
      'R5',
    )
    expect(describeView(m, b.Id)).toMatchObject({ Name: 'Beta', Description: 'b' })
  })

  it('R5 renaming a view to its own name is not a clash, and its old name is free afterwards', () => {
    const m = checkedModel()
    const a = createView(m, { name: 'Alpha' })
    m.invoke('UpdateViewMetadata', rename(a.Id, { Name: 'Alpha' }))
    m.invoke('UpdateViewMetadata', rename(a.Id, { Name: 'Gamma' }))
    createView(m, { name: 'Alpha' })
    expect(customerViewNames(m)).toEqual(['Alpha', 'Gamma'])
  })
})

describe('ClientToken', () => {
  it('R6 a retried CreateView with the same token returns the view it created instead of a duplicate-name error', () => {
    const m = checkedModel()
    const input = createInput(m, { name: 'Retry me', clientToken: 'tok-1' })
    const first = m.invoke('CreateView', input).View
    const retry = m.invoke('CreateView', input).View
    expect(retry.Id).toBe(first.Id)
    expect(retry).toEqual(first)
    expect(customerViewNames(m)).toEqual(['Retry me'])
  })

  it('R6 the retry returns the view as it is now, after later updates', () => {
    const m = checkedModel()
    const input = createInput(m, { name: 'Retry me', clientToken: 'tok-1', content: content('one') })
    const first = m.invoke('CreateView', input).View
    updateContent(m, first.Id, 'PUBLISHED', content('two'))
    expect(m.invoke('CreateView', input).View).toEqual(describeView(m, first.Id))
  })

  it('R6 without a token, or with a different token, the same request is a duplicate name', () => {
    const m = checkedModel()
    const input = createInput(m, { name: 'Once' })
    m.invoke('CreateView', input)
    expectModelError(() => m.invoke('CreateView', input), 'DuplicateResourceException', 'R5')
    expectModelError(
      () => m.invoke('CreateView', { ...input, ClientToken: 'tok-2' }),
      'DuplicateResourceException',
      'R5',
    )
  })

  it('R6 a token is scoped to its instance', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const a = createView(m, { name: 'Shared', clientToken: 'tok' })
    const b = createView(m, { name: 'Shared', clientToken: 'tok', instanceId: OTHER_INSTANCE })
    expect(b.Id).not.toBe(a.Id)
    expect(b.Arn).toContain(OTHER_INSTANCE)
  })
})

describe('UpdateViewMetadata', () => {
  it('R30 with neither Name nor Description is rejected and changes nothing', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'Keep', description: 'same' })
    expectModelError(() => m.invoke('UpdateViewMetadata', rename(v.Id, {})), 'InvalidParameterException', 'R30')
    expect(describeView(m, v.Id)).toEqual(v)
  })

  it('R30 answers an empty body and changes only the fields given', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'Old', description: 'old description' })
    expect(m.invoke('UpdateViewMetadata', rename(v.Id, { Description: 'new description' }))).toEqual({})
    expect(describeView(m, v.Id)).toMatchObject({ Name: 'Old', Description: 'new description' })
    m.invoke('UpdateViewMetadata', rename(v.Id, { Name: 'New' }))
    expect(describeView(m, v.Id)).toMatchObject({ Name: 'New', Description: 'new description' })
  })

  it('R31 the new Name and Description show on every qualifier, every version and every list', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'Old', description: 'old', content: content('one') })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'SAVED', content('draft'))
    m.invoke('UpdateViewMetadata', rename(v.Arn, { Name: 'New', Description: 'new' }))
    for (const ref of [v.Id, `${v.Id}:$SAVED`, `${v.Id}:$LATEST`, `${v.Id}:1`]) {
      expect(describeView(m, ref), ref).toMatchObject({ Name: 'New', Description: 'new' })
    }
    expect(listAll(m, 'ListViews', { InstanceId: INSTANCE }).items.find((s) => s.Id === v.Id)).toMatchObject({
      Name: 'New',
      Description: 'new',
    })
    expect(listAll(m, 'ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id }).items[0]).toMatchObject({
      Name: 'New',
      Description: 'new',
    })
    expect(listAll(m, 'SearchViews', { InstanceId: INSTANCE }).items.find((s) => s.Id === v.Id)).toMatchObject({
      Name: 'New',
      Description: 'new',
    })
  })

  it('R31 the rename moves the view in the ListViews name order', () => {
    const m = checkedModel()
    const z = createView(m, { name: 'zulu' })
    createView(m, { name: 'mike' })
    m.invoke('UpdateViewMetadata', rename(z.Id, { Name: 'alpha' }))
    expect(customerViewNames(m)).toEqual(['alpha', 'mike'])
  })
})
