// The model as an object: clone() branches are independent (the linearizability checker relies on it),
// reset() returns to the constructed state, and deterministic options make runs replayable.
import { describe, expect, it } from 'vitest'
import { ViewsModel, deterministicOptions } from '../../src/model'
import { CheckedModel, checkedModel } from './support/checked-model'
import {
  INSTANCE,
  OTHER_INSTANCE,
  content,
  createView,
  customerViewNames,
  describeView,
  expectModelError,
  listAll,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

/** One view with a version, a newer $LATEST, a draft and tags. */
function populated() {
  const m = checkedModel()
  const v = createView(m, { name: 'base', tags: { k: 'v' }, content: content('one') })
  publishVersion(m, v.Id)
  updateContent(m, v.Id, 'PUBLISHED', content('two'))
  updateContent(m, v.Id, 'SAVED', content('draft'))
  return { m, v }
}

/** Everything observable about one view. */
function observe(m: CheckedModel, id: string) {
  return {
    saved: describeView(m, `${id}:$SAVED`),
    latest: describeView(m, `${id}:$LATEST`),
    versions: versionNumbers(m, id),
    tags: m.invoke('ListTagsForResource', { resourceArn: describeView(m, id).Arn }).tags,
    names: customerViewNames(m),
  }
}

describe('clone()', () => {
  it('R3, R10, R21, R31 writes to a clone never show in the original, and the reverse', () => {
    const { m, v } = populated()
    const original = observe(m, v.Id)
    const c = m.clone()
    expect(observe(c, v.Id)).toEqual(original)
    // every kind of write, on the clone
    updateContent(c, v.Id, 'PUBLISHED', content('clone'))
    updateContent(c, v.Id, 'SAVED', content('clone draft'))
    publishVersion(c, v.Id)
    c.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: 1 })
    c.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Name: 'renamed', Description: 'd' })
    c.invoke('TagResource', { resourceArn: v.Arn, tags: { clone: 'yes' } })
    c.invoke('UntagResource', { resourceArn: v.Arn, tagKeys: ['k'] })
    createView(c, { name: 'only in clone' })
    expect(observe(m, v.Id)).toEqual(original)
    // and on the original
    const cloneState = observe(c, v.Id)
    m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: v.Id })
    expect(observe(c, v.Id)).toEqual(cloneState)
    expectModelError(() => describeView(m, v.Id), 'ResourceNotFoundException')
  })

  it('R6, R26 a clone keeps counters and tokens: numbering and ClientToken retries continue as in the original', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'tokened', clientToken: 'tok', content: content('c1') })
    publishVersion(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('c2'))
    publishVersion(m, v.Id)
    m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: 2 })
    const c = m.clone()
    updateContent(c, v.Id, 'PUBLISHED', content('c3'))
    expect(publishVersion(c, v.Id).Version).toBe(3)
    expect(createView(c, { name: 'tokened', clientToken: 'tok' }).Id).toBe(v.Id)
  })

  it('R27 a NextToken from the original pages the clone, which has the same secret and data', () => {
    const m = checkedModel()
    for (const name of ['a', 'b', 'c']) createView(m, { name })
    const token = m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: 1 }).NextToken
    const c = m.clone()
    expect(
      c
        .invoke('ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', NextToken: token })
        .ViewsSummaryList.map((s: any) => s.Name),
    ).toEqual(['b', 'c'])
  })

  it('R25 instances added to a clone do not exist in the original', () => {
    const m = checkedModel()
    const c = m.clone()
    c.addInstance(OTHER_INSTANCE)
    createView(c, { instanceId: OTHER_INSTANCE })
    expectModelError(() => m.invoke('ListViews', { InstanceId: OTHER_INSTANCE }), 'ResourceNotFoundException', 'R25')
  })
})

describe('reset()', () => {
  it('R8, R25 forgets every customer view but keeps the configured instances and the AWS-managed views', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const awsViews = listAll(m, 'ListViews', { InstanceId: INSTANCE }).items
    const v = createView(m, { name: 'gone after reset' })
    createView(m, { instanceId: OTHER_INSTANCE })
    m.reset()
    expect(customerViewNames(m)).toEqual([])
    expect(customerViewNames(m, OTHER_INSTANCE)).toEqual([])
    expect(listAll(m, 'ListViews', { InstanceId: INSTANCE }).items).toEqual(awsViews)
    expectModelError(() => describeView(m, v.Id), 'ResourceNotFoundException', 'R25')
    createView(m, { name: 'gone after reset' }) // the name is free again
  })

  it('R25 an instance added after construction is gone after reset()', () => {
    const m = checkedModel()
    m.addInstance(OTHER_INSTANCE)
    createView(m, { instanceId: OTHER_INSTANCE })
    m.reset()
    expectModelError(() => m.invoke('ListViews', { InstanceId: OTHER_INSTANCE }), 'ResourceNotFoundException', 'R25')
  })
})

describe('determinism', () => {
  it('R10, R27 two models with deterministicOptions() answer the same script byte for byte (ids, times, tokens)', () => {
    const script = (m: CheckedModel) => {
      const v = createView(m, { name: 'same', content: content('one') })
      const out = [
        v,
        publishVersion(m, v.Id),
        updateContent(m, v.Id, 'PUBLISHED', content('two')),
        publishVersion(m, v.Id),
      ]
      out.push(m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 2 }))
      out.push(m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id, MaxResults: 1 }))
      return JSON.stringify(out)
    }
    const a = new CheckedModel(new ViewsModel(deterministicOptions()))
    const b = new CheckedModel(new ViewsModel(deterministicOptions()))
    expect(script(a)).toBe(script(b))
  })

  it("R28 without injected ids and secret, ids are random UUIDs and one model rejects the other's tokens", () => {
    const a = new CheckedModel(new ViewsModel())
    const b = new CheckedModel(new ViewsModel())
    const [va, vb] = [createView(a, { name: 'x' }), createView(b, { name: 'x' })]
    expect(va.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(va.Id).not.toBe(vb.Id)
    const ta = a.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 1 }).NextToken
    expectModelError(
      () => b.invoke('ListViews', { InstanceId: INSTANCE, NextToken: ta }),
      'InvalidParameterException',
      'R28',
    )
  })
})
