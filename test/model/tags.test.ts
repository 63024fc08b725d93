// Tags belong to the view and are addressed by its unqualified ARN (R21); they go with DeleteView (R40).
import { describe, expect, it } from 'vitest'
import { checkedModel, type CheckedModel } from './support/checked-model'
import {
  INSTANCE,
  OTHER_INSTANCE,
  createView,
  describeView,
  expectModelError,
  publishVersion,
} from './support/view-steps'

const tag = (m: CheckedModel, arn: string, tags: Record<string, string>) =>
  m.invoke('TagResource', { resourceArn: arn, tags })
const untag = (m: CheckedModel, arn: string, tagKeys: string[]) =>
  m.invoke('UntagResource', { resourceArn: arn, tagKeys })
const tagsOf = (m: CheckedModel, arn: string) => m.invoke('ListTagsForResource', { resourceArn: arn }).tags

describe('R21 tagging a view', () => {
  it('R21 TagResource on the view ARN adds and overwrites; ListTagsForResource and View.Tags mirror it', () => {
    const m = checkedModel()
    const v = createView(m, { tags: { team: 'sales', env: 'dev' } })
    expect(tagsOf(m, v.Arn)).toEqual({ team: 'sales', env: 'dev' })
    expect(tag(m, v.Arn, { env: 'prod', owner: 'me' })).toEqual({})
    const expected = { team: 'sales', env: 'prod', owner: 'me' }
    expect(tagsOf(m, v.Arn)).toEqual(expected)
    expect(describeView(m, v.Id).Tags).toEqual(expected)
  })

  it('R21 UntagResource removes the keys given; an absent key is a no-op', () => {
    const m = checkedModel()
    const v = createView(m, { tags: { a: '1', b: '2', c: '3' } })
    expect(untag(m, v.Arn, ['a', 'zzz'])).toEqual({})
    expect(tagsOf(m, v.Arn)).toEqual({ b: '2', c: '3' })
    untag(m, v.Arn, ['b', 'c'])
    expect(tagsOf(m, v.Arn)).toEqual({})
    expect(describeView(m, v.Id).Tags).toBeUndefined()
  })

  it('R21 tags are view-level: every qualifier and every version shows the current tags', () => {
    const m = checkedModel()
    const v = createView(m)
    publishVersion(m, v.Id)
    tag(m, v.Arn, { stage: 'after-publish' })
    for (const ref of [v.Id, `${v.Id}:$SAVED`, `${v.Id}:$LATEST`, `${v.Id}:1`]) {
      expect(describeView(m, ref).Tags, ref).toEqual({ stage: 'after-publish' })
    }
  })

  it('R21 a qualified ARN (version or alias) is not a taggable resource', () => {
    const m = checkedModel()
    const v = createView(m, { tags: { k: 'v' } })
    publishVersion(m, v.Id)
    for (const arn of [`${v.Arn}:1`, `${v.Arn}:$LATEST`, `${v.Arn}:$SAVED`]) {
      expectModelError(() => tag(m, arn, { x: 'y' }), 'InvalidParameterException', 'R21')
      expectModelError(() => tagsOf(m, arn), 'InvalidParameterException', 'R21')
    }
    expect(tagsOf(m, v.Arn)).toEqual({ k: 'v' })
  })

  it('R21, R25 a bare view id or an ARN of nothing is ResourceNotFoundException', () => {
    const m = checkedModel()
    const v = createView(m)
    expectModelError(() => tag(m, v.Id, { a: 'b' }), 'ResourceNotFoundException')
    expectModelError(
      () => tagsOf(m, v.Arn.replace(/view\/.*/, 'view/00000000-0000-4000-8000-00000000ffff')),
      'ResourceNotFoundException',
    )
    expectModelError(
      () => tagsOf(m, 'arn:aws:connect:us-east-1:123456789012:instance/x/queue/y'),
      'ResourceNotFoundException',
    )
  })

  it('R21, R45 an ARN naming the wrong instance, account or region does not reach the view', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const v = createView(m, { tags: { k: 'v' } })
    const wrong = [
      v.Arn.replace(INSTANCE, OTHER_INSTANCE),
      v.Arn.replace('123456789012', '210987654321'),
      v.Arn.replace('us-east-1', 'eu-west-1'),
    ]
    for (const arn of wrong) expectModelError(() => tag(m, arn, { x: 'y' }), 'ResourceNotFoundException')
    expect(tagsOf(m, v.Arn)).toEqual({ k: 'v' })
  })

  it('R21, R24 a view holds at most 50 tags, counted after merging', () => {
    const m = checkedModel()
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    const v = createView(m, { tags: fifty })
    tag(m, v.Arn, { k0: 'overwritten' }) // overwriting keeps 50
    expectModelError(() => tag(m, v.Arn, { k50: 'v' }), 'InvalidParameterException', 'R24')
    expect(Object.keys(tagsOf(m, v.Arn))).toHaveLength(50)
    expect(tagsOf(m, v.Arn).k0).toBe('overwritten')
  })
})

describe('R40 tags after DeleteView', () => {
  it("R40 the deleted view's ARN is no longer taggable, untaggable or listable", () => {
    const m = checkedModel()
    const v = createView(m, { tags: { k: 'v' } })
    m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: v.Id })
    expectModelError(() => tagsOf(m, v.Arn), 'ResourceNotFoundException')
    expectModelError(() => tag(m, v.Arn, { a: 'b' }), 'ResourceNotFoundException')
    expectModelError(() => untag(m, v.Arn, ['k']), 'ResourceNotFoundException')
  })

  it('R40 a new view with the same name starts without the old tags', () => {
    const m = checkedModel()
    const old = createView(m, { name: 'same', tags: { k: 'v' } })
    m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: old.Id })
    const fresh = createView(m, { name: 'same' })
    expect(tagsOf(m, fresh.Arn)).toEqual({})
  })
})
