// NextToken paging (R27) and rejection of tokens the model did not issue for this call (R28).
import { describe, expect, it } from 'vitest'
import { checkedModel, type CheckedModel, type Json } from './support/checked-model'
import {
  INSTANCE,
  OTHER_INSTANCE,
  content,
  createView,
  expectModelError,
  listAll,
  publishVersion,
  updateContent,
} from './support/view-steps'

const AWS_MANAGED_COUNT = 5

function modelWithViews(count: number, options = {}): { m: CheckedModel; views: Json[] } {
  const m = checkedModel(options)
  const views = Array.from({ length: count }, (_, i) => createView(m, { name: `view-${String(i).padStart(3, '0')}` }))
  return { m, views }
}

function modelWithVersions(count: number): { m: CheckedModel; viewId: string } {
  const m = checkedModel({ quotas: { versionsPerView: count } })
  const v = createView(m, { content: content('c1') })
  for (let i = 1; i <= count; i++) {
    if (i > 1) updateContent(m, v.Id, 'PUBLISHED', content(`c${i}`))
    publishVersion(m, v.Id)
  }
  return { m, viewId: v.Id }
}

function expectEachOnce(items: Json[], key: (x: Json) => unknown) {
  const keys = items.map(key)
  expect(new Set(keys).size, `duplicates in ${JSON.stringify(keys)}`).toBe(keys.length)
}

describe('R27 paging without concurrent changes', () => {
  it('R27 ListViews returns every item exactly once, in order, for every MaxResults 1..N+1', () => {
    const { m } = modelWithViews(7)
    const whole = m.invoke('ListViews', { InstanceId: INSTANCE }).ViewsSummaryList
    const n = whole.length
    expect(n).toBe(7 + AWS_MANAGED_COUNT)
    for (let max = 1; max <= n + 1; max++) {
      const { items, pages } = listAll(m, 'ListViews', { InstanceId: INSTANCE, MaxResults: max })
      expect(items, `MaxResults ${max}`).toEqual(whole)
      for (const p of pages) expect(p.length, `MaxResults ${max}`).toBeLessThanOrEqual(max)
      expect(pages.length, `MaxResults ${max}`).toBe(Math.max(1, Math.ceil(n / max)))
    }
  })

  it('R27 ListViewVersions returns every version exactly once for every MaxResults 1..N+1', () => {
    const { m, viewId } = modelWithVersions(6)
    for (let max = 1; max <= 7; max++) {
      const { items, pages } = listAll(m, 'ListViewVersions', { InstanceId: INSTANCE, ViewId: viewId, MaxResults: max })
      expect(
        items.map((s) => s.Version),
        `MaxResults ${max}`,
      ).toEqual([6, 5, 4, 3, 2, 1])
      for (const p of pages) expect(p.length).toBeLessThanOrEqual(max)
    }
  })

  it('R27 SearchViews pages every match exactly once and keeps ApproximateTotalCount', () => {
    const { m } = modelWithViews(5)
    const criteria = { SearchCriteria: { ViewTypeCondition: 'CUSTOMER_MANAGED' } }
    for (let max = 1; max <= 6; max++) {
      const { items, pages } = listAll(m, 'SearchViews', { InstanceId: INSTANCE, MaxResults: max, ...criteria })
      expect(
        items.map((v) => v.Name),
        `MaxResults ${max}`,
      ).toEqual(['view-000', 'view-001', 'view-002', 'view-003', 'view-004'])
      for (const p of pages) expect(p.length).toBeLessThanOrEqual(max)
    }
  })

  it('R27 with no MaxResults a page holds at most 100 items', () => {
    const { m } = modelWithViews(120)
    const first = m.invoke('ListViews', { InstanceId: INSTANCE })
    expect(first.ViewsSummaryList).toHaveLength(100)
    expect(first.NextToken).toBeDefined()
    const { items, pages } = listAll(m, 'ListViews', { InstanceId: INSTANCE })
    expect(pages.map((p) => p.length)).toEqual([100, 120 + AWS_MANAGED_COUNT - 100])
    expectEachOnce(items, (s) => s.Id)
  })

  it('R27 with no MaxResults ListViewVersions pages at 100 too', () => {
    const { m, viewId } = modelWithVersions(101)
    const { pages } = listAll(m, 'ListViewVersions', { InstanceId: INSTANCE, ViewId: viewId })
    expect(pages.map((p) => p.length)).toEqual([100, 1])
  })

  it("R27 issued NextTokens fit the model's token shapes, so clients can send them back", () => {
    // SearchViews tokens must also fit NextToken2500 when the criteria are long (CheckedModel checks the
    // output shape; this builds the case where a token that embeds the criteria would not fit)
    const { m } = modelWithViews(3)
    const long = 'x'.repeat(3000)
    const out = m.invoke('SearchViews', {
      InstanceId: INSTANCE,
      MaxResults: 1,
      SearchCriteria: {
        OrConditions: [
          { StringCondition: { FieldName: 'description', Value: long, ComparisonType: 'CONTAINS' } },
          { ViewTypeCondition: 'CUSTOMER_MANAGED' },
        ],
      },
    })
    expect(out.NextToken.length).toBeLessThanOrEqual(2500)
    // the longest possible name (255 astral letters, 1020 UTF-8 bytes) as the token's sort key
    createView(m, { name: '𝒜'.repeat(255) })
    const { items } = listAll(m, 'SearchViews', { InstanceId: INSTANCE, MaxResults: 1 })
    expect(items.length).toBe(4 + AWS_MANAGED_COUNT)
    const list = m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 1 })
    expect(list.NextToken).toMatch(/^[a-zA-Z0-9=/+_.-]{1,4096}$/)
  })
})

describe('R27 paging with deletes between pages', () => {
  it('R27 ListViews: with deletes between pages, survivors come exactly once and deleted unseen views never, for every MaxResults 1..N+1', () => {
    const N = 9
    for (let max = 1; max <= N + 1; max++) {
      const { m, views } = modelWithViews(N)
      const deletedUnseen = new Set<string>()
      const { items } = listAll(
        m,
        'ListViews',
        { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: max },
        (soFar) => {
          const seen = new Set(soFar.map((s) => s.Id))
          const remaining = views.filter((v) => !deletedUnseen.has(v.Id) && !seen.has(v.Id))
          // delete the anchor (last returned item) and the next unseen item: both are hard cases for a
          // position-based token
          const anchor = soFar[soFar.length - 1]
          m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: anchor.Id })
          if (remaining.length > 1) {
            m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: remaining[0].Id })
            deletedUnseen.add(remaining[0].Id)
          }
        },
      )
      expectEachOnce(items, (s) => s.Id)
      const returned = new Set(items.map((s) => s.Id))
      for (const id of deletedUnseen) expect(returned.has(id), `MaxResults ${max}: deleted ${id} returned`).toBe(false)
      const survivors = m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' }).ViewsSummaryList
      for (const s of survivors) expect(returned.has(s.Id), `MaxResults ${max}: survivor ${s.Name} missed`).toBe(true)
    }
  })

  it('R27 ListViewVersions: with deletes between pages, surviving versions come exactly once, for every MaxResults 1..N+1', () => {
    const N = 8
    for (let max = 1; max <= N + 1; max++) {
      const { m, viewId } = modelWithVersions(N)
      const deletedUnseen = new Set<number>()
      const { items } = listAll(
        m,
        'ListViewVersions',
        { InstanceId: INSTANCE, ViewId: viewId, MaxResults: max },
        (soFar) => {
          const anchor = soFar[soFar.length - 1].Version as number
          m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: viewId, ViewVersion: anchor })
          const next = anchor - 1 - deletedUnseen.size
          if (next >= 1 && !deletedUnseen.has(next)) {
            m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: viewId, ViewVersion: next })
            deletedUnseen.add(next)
          }
        },
      )
      expectEachOnce(items, (s) => s.Version)
      const returned = items.map((s) => s.Version as number)
      for (const n of deletedUnseen) expect(returned, `MaxResults ${max}`).not.toContain(n)
      const survivors = m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: viewId }).ViewVersionSummaryList
      for (const s of survivors) expect(returned, `MaxResults ${max}`).toContain(s.Version)
      expect(returned).toEqual([...returned].sort((a, b) => b - a))
    }
  })

  it('R27 views created behind the cursor are not returned twice and the listing still ends', () => {
    const { m } = modelWithViews(4)
    let made = 0
    const { items } = listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED', MaxResults: 1 }, () => {
      if (made < 3) createView(m, { name: `aaa-${made++}` }) // sorts before every view already returned
    })
    expectEachOnce(items, (s) => s.Id)
    expect(items.map((s) => s.Name)).toEqual(['view-000', 'view-001', 'view-002', 'view-003'])
  })
})

describe('R28 tokens the model did not issue for this call', () => {
  function firstToken(
    m: CheckedModel,
    input: Json,
    op: 'ListViews' | 'ListViewVersions' | 'SearchViews' = 'ListViews',
  ): string {
    const t = m.invoke(op, { ...input, MaxResults: 1 }).NextToken
    expect(t).toBeDefined()
    return t
  }

  it('R28 a tampered token is rejected (every single-character change)', () => {
    const { m } = modelWithViews(3)
    const token = firstToken(m, { InstanceId: INSTANCE })
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A'
      const tampered = token.slice(0, i) + c + token.slice(i + 1)
      expectModelError(
        () => m.invoke('ListViews', { InstanceId: INSTANCE, NextToken: tampered }),
        'InvalidParameterException',
        'R28',
      )
    }
  })

  it('R28 made-up tokens that fit the token pattern are rejected', () => {
    const { m } = modelWithViews(3)
    for (const t of ['abc', 'abc.def', '.', 'eyJvcCI6Ikxpc3RWaWV3cyJ9.AAAAAAAAAAAAAAAAAAAAAA']) {
      expectModelError(
        () => m.invoke('ListViews', { InstanceId: INSTANCE, NextToken: t }),
        'InvalidParameterException',
        'R28',
      )
    }
  })

  it('R28 a ListViewVersions token from another view is rejected', () => {
    const m = checkedModel()
    const [a, b] = [createView(m, { content: content('a1') }), createView(m, { content: content('b1') })]
    for (const v of [a, b]) {
      publishVersion(m, v.Id)
      updateContent(m, v.Id, 'PUBLISHED', content(`${v.Id}-2`))
      publishVersion(m, v.Id)
    }
    const token = firstToken(m, { InstanceId: INSTANCE, ViewId: a.Id }, 'ListViewVersions')
    expectModelError(
      () => m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: b.Id, NextToken: token }),
      'InvalidParameterException',
      'R28',
    )
    expect(
      m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: a.Id, NextToken: token }).ViewVersionSummaryList,
    ).toHaveLength(1)
  })

  it('R28 a token from another operation is rejected', () => {
    const { m, viewId } = modelWithVersions(3)
    const listToken = firstToken(m, { InstanceId: INSTANCE })
    const versionsToken = firstToken(m, { InstanceId: INSTANCE, ViewId: viewId }, 'ListViewVersions')
    const searchToken = firstToken(m, { InstanceId: INSTANCE }, 'SearchViews')
    expectModelError(
      () => m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: viewId, NextToken: listToken }),
      'InvalidParameterException',
      'R28',
    )
    expectModelError(
      () => m.invoke('ListViews', { InstanceId: INSTANCE, NextToken: versionsToken }),
      'InvalidParameterException',
      'R28',
    )
    expectModelError(
      () => m.invoke('ListViews', { InstanceId: INSTANCE, NextToken: searchToken }),
      'InvalidParameterException',
      'R28',
    )
    expectModelError(
      () => m.invoke('SearchViews', { InstanceId: INSTANCE, NextToken: listToken }),
      'InvalidParameterException',
      'R28',
    )
  })

  it('R28 a token for another filter, other search criteria or another instance is rejected', () => {
    const { m } = modelWithViews(3, { instances: [INSTANCE, OTHER_INSTANCE] })
    createView(m, { instanceId: OTHER_INSTANCE })
    createView(m, { instanceId: OTHER_INSTANCE })
    const filtered = firstToken(m, { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' })
    expectModelError(
      () => m.invoke('ListViews', { InstanceId: INSTANCE, NextToken: filtered }),
      'InvalidParameterException',
      'R28',
    )
    expectModelError(
      () => m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'AWS_MANAGED', NextToken: filtered }),
      'InvalidParameterException',
      'R28',
    )
    expectModelError(
      () => m.invoke('ListViews', { InstanceId: OTHER_INSTANCE, Type: 'CUSTOMER_MANAGED', NextToken: filtered }),
      'InvalidParameterException',
      'R28',
    )
    const search = firstToken(
      m,
      { InstanceId: INSTANCE, SearchCriteria: { ViewTypeCondition: 'CUSTOMER_MANAGED' } },
      'SearchViews',
    )
    expectModelError(
      () =>
        m.invoke('SearchViews', {
          InstanceId: INSTANCE,
          SearchCriteria: { ViewTypeCondition: 'AWS_MANAGED' },
          NextToken: search,
        }),
      'InvalidParameterException',
      'R28',
    )
  })

  it('R28 a token from another model (another signing secret) is rejected', () => {
    const a = modelWithViews(3, { tokenSecret: 'secret-a' }).m
    const b = modelWithViews(3, { tokenSecret: 'secret-b' }).m
    const token = firstToken(a, { InstanceId: INSTANCE })
    expectModelError(
      () => b.invoke('ListViews', { InstanceId: INSTANCE, NextToken: token }),
      'InvalidParameterException',
      'R28',
    )
    expect(a.invoke('ListViews', { InstanceId: INSTANCE, NextToken: token }).ViewsSummaryList.length).toBeGreaterThan(0)
  })
})
