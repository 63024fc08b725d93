// What the list operations return and in which order (R18), the type filter, and SearchViews matching.
// Paging itself is in pagination.test.ts.
import { describe, expect, it } from 'vitest'
import { AWS_MANAGED_VIEW_NAMES } from '../../src/model'
import { checkedModel } from './support/checked-model'
import {
  INSTANCE,
  content,
  createView,
  expectModelError,
  listAll,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

const AWS_TITLES = AWS_MANAGED_VIEW_NAMES.map((n) => n.charAt(0).toUpperCase() + n.slice(1))

describe('ListViews', () => {
  it('R18 is sorted by Type, then Name, whatever the creation order', () => {
    const m = checkedModel()
    for (const name of ['mike', 'alpha', 'zulu', 'bravo']) createView(m, { name })
    const items = listAll(m, 'ListViews', { InstanceId: INSTANCE }).items
    expect(items.map((s) => [s.Type, s.Name])).toEqual([
      ...AWS_TITLES.map((t) => ['AWS_MANAGED', t]),
      ...['alpha', 'bravo', 'mike', 'zulu'].map((n) => ['CUSTOMER_MANAGED', n]),
    ])
  })

  it('R18 the order holds across pages too', () => {
    const m = checkedModel()
    for (const name of ['d', 'b', 'e', 'a', 'c']) createView(m, { name })
    const names = listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: 2 }).items.map(
      (s) => s.Name,
    )
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('R18 the Type filter returns only that type; summaries carry Id, Arn, Name, Type, Status, Description', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'mine', description: 'about it' })
    const custom = listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' }).items
    expect(custom).toEqual([
      { Id: v.Id, Arn: v.Arn, Name: 'mine', Type: 'CUSTOMER_MANAGED', Status: 'PUBLISHED', Description: 'about it' },
    ])
    const managed = listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'AWS_MANAGED' }).items
    expect(managed.map((s) => s.Type)).toEqual(AWS_TITLES.map(() => 'AWS_MANAGED'))
  })

  it('R25 ListViews of an unknown instance is ResourceNotFoundException', () => {
    const m = checkedModel()
    expectModelError(
      () => m.invoke('ListViews', { InstanceId: 'no-such-instance' }),
      'ResourceNotFoundException',
      'R25',
    )
  })
})

describe('ListViewVersions', () => {
  it('R18 lists numbered versions highest first, never the aliases', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('c1') })
    for (let i = 1; i <= 4; i++) {
      updateContent(m, v.Id, 'PUBLISHED', content(`c${i}`))
      publishVersion(m, v.Id, { VersionDescription: `v${i}` })
    }
    const items = listAll(m, 'ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id, MaxResults: 3 }).items
    expect(items.map((s) => s.Version)).toEqual([4, 3, 2, 1])
    expect(items.map((s) => s.VersionDescription)).toEqual(['v4', 'v3', 'v2', 'v1'])
  })

  it('R18 a view without versions lists nothing and has no NextToken', () => {
    const m = checkedModel()
    const v = createView(m)
    expect(m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id })).toEqual({ ViewVersionSummaryList: [] })
    expect(versionNumbers(m, v.Id)).toEqual([])
  })
})

describe('SearchViews', () => {
  it('R46 finds views by name condition, type, status and tag, with an ApproximateTotalCount', () => {
    const m = checkedModel()
    const a = createView(m, { name: 'order-form', tags: { team: 'sales' } })
    const b = createView(m, { name: 'order-detail', status: 'SAVED' })
    createView(m, { name: 'refund', tags: { team: 'support' } })
    const search = (extra: Record<string, unknown>) => m.invoke('SearchViews', { InstanceId: INSTANCE, ...extra })
    const byPrefix = search({
      SearchCriteria: { StringCondition: { FieldName: 'name', Value: 'order-', ComparisonType: 'STARTS_WITH' } },
    })
    expect(byPrefix.Views.map((v: any) => v.Id)).toEqual([b.Id, a.Id])
    expect(byPrefix.ApproximateTotalCount).toBe(2)
    const saved = search({
      SearchCriteria: { AndConditions: [{ ViewTypeCondition: 'CUSTOMER_MANAGED' }, { ViewStatusCondition: 'SAVED' }] },
    })
    expect(saved.Views.map((v: any) => v.Name)).toEqual(['order-detail'])
    const tagged = search({
      SearchFilter: { AttributeFilter: { TagCondition: { TagKey: 'team', TagValue: 'sales' } } },
    })
    expect(tagged.Views.map((v: any) => v.Name)).toEqual(['order-form'])
    const managed = search({ SearchCriteria: { ViewTypeCondition: 'AWS_MANAGED' } })
    expect(managed.ApproximateTotalCount).toBe(AWS_TITLES.length)
  })

  it('R46 accepts the instance ARN as InstanceId (InstanceIdOrArn)', () => {
    const m = checkedModel()
    createView(m, { name: 'x' })
    const arn = `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}`
    const viaArn = m.invoke('SearchViews', { InstanceId: arn })
    expect(viaArn).toEqual(m.invoke('SearchViews', { InstanceId: INSTANCE }))
  })

  it('R24 an unsupported search field is rejected with a 4xx', () => {
    const m = checkedModel()
    expectModelError(
      () =>
        m.invoke('SearchViews', {
          InstanceId: INSTANCE,
          SearchCriteria: { StringCondition: { FieldName: 'colour', Value: 'red' } },
        }),
      'InvalidParameterException',
      'R24',
    )
  })
})

describe('SearchViews across pages', () => {
  it('R46, R27 returns every matching view exactly once over any page size, OrConditions included', () => {
    const m = checkedModel()
    const names = ['p-a', 'p-b', 'q-c', 'p-d', 'q-e']
    for (const name of names) createView(m, { name })
    const criteria = {
      OrConditions: [
        { StringCondition: { FieldName: 'name', Value: 'p-', ComparisonType: 'STARTS_WITH' } },
        { StringCondition: { FieldName: 'name', Value: '-e', ComparisonType: 'CONTAINS' } },
      ],
    }
    for (let size = 1; size <= 5; size++) {
      const found = listAll(m, 'SearchViews', {
        InstanceId: INSTANCE,
        MaxResults: size,
        SearchCriteria: criteria,
      }).items.map((v) => v.Name)
      expect(found).toEqual(['p-a', 'p-b', 'p-d', 'q-e'])
    }
  })
})
