// Quotas (R22): views per instance and versions per view, answered with ServiceQuotaExceededException
// (HTTP 402). The real values are undocumented, so the tests configure small ones.
import { describe, expect, it } from 'vitest'
import { SHAPES, type StructureShape } from '../../src/spec'
import { checkedModel } from './support/checked-model'
import {
  INSTANCE,
  OTHER_INSTANCE,
  content,
  createView,
  customerViewNames,
  expectModelError,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

describe('R22 views per instance', () => {
  it('R22 the view beyond the quota is ServiceQuotaExceededException (402) and is not created', () => {
    const m = checkedModel({ quotas: { viewsPerInstance: 2 } })
    createView(m, { name: 'a' })
    createView(m, { name: 'b' })
    const e = expectModelError(() => createView(m, { name: 'c' }), 'ServiceQuotaExceededException', 'R22')
    expect(e.message).toContain('2')
    expect((SHAPES[e.errorName] as StructureShape).error?.httpStatus).toBe(402)
    expect(customerViewNames(m)).toEqual(['a', 'b'])
  })

  it('R22 deleting a view frees a slot; AWS-managed views do not count', () => {
    const m = checkedModel({ quotas: { viewsPerInstance: 1 } })
    const a = createView(m, { name: 'a' })
    m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: a.Id })
    createView(m, { name: 'b' })
    expect(customerViewNames(m)).toEqual(['b'])
  })

  it('R22 the quota is per instance', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE], quotas: { viewsPerInstance: 1 } })
    createView(m, { name: 'a' })
    createView(m, { name: 'a', instanceId: OTHER_INSTANCE })
    expectModelError(
      () => createView(m, { name: 'b', instanceId: OTHER_INSTANCE }),
      'ServiceQuotaExceededException',
      'R22',
    )
  })

  it('R6, R22 a ClientToken retry at the quota still returns the created view', () => {
    const m = checkedModel({ quotas: { viewsPerInstance: 1 } })
    const first = createView(m, { name: 'a', clientToken: 'tok' })
    expect(createView(m, { name: 'a', clientToken: 'tok' }).Id).toBe(first.Id)
  })
})

describe('R22 versions per view', () => {
  it('R22 the version beyond the quota is ServiceQuotaExceededException and nothing is created', () => {
    const m = checkedModel({ quotas: { versionsPerView: 2 } })
    const v = createView(m, { content: content('c1') })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('c2'))
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('c3'))
    expectModelError(() => publishVersion(m, v.Id), 'ServiceQuotaExceededException', 'R22')
    expect(versionNumbers(m, v.Id)).toEqual([2, 1])
  })

  it('R11, R22 a no-change publish at the quota still returns the highest version', () => {
    const m = checkedModel({ quotas: { versionsPerView: 1 } })
    const v = createView(m)
    publishVersion(m, v.Id)
    expect(publishVersion(m, v.Id).Version).toBe(1)
  })

  it('R22, R26 the quota counts existing versions: after a delete there is room again, with a new number', () => {
    const m = checkedModel({ quotas: { versionsPerView: 1 } })
    const v = createView(m, { content: content('c1') })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('c2'))
    expectModelError(() => publishVersion(m, v.Id), 'ServiceQuotaExceededException', 'R22')
    m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: 1 })
    expect(publishVersion(m, v.Id).Version).toBe(2)
  })

  it('R22 the quota is per view', () => {
    const m = checkedModel({ quotas: { versionsPerView: 1 } })
    for (const name of ['a', 'b']) expect(publishVersion(m, createView(m, { name }).Id).Version).toBe(1)
  })
})
