import { describe, expect, it } from 'vitest'
import { ViewsModel, deterministicOptions } from '../../src/model'
import { createStubCore, DEFAULT_MAX_BODY_BYTES } from '../../src/stub'
import { INSTANCE, createViewRaw, json, testCore, wireRequest } from './support/wire'

describe('stub core', () => {
  it('counts requests, statuses, operations and error types', async () => {
    const core = testCore()
    await core.handle(wireRequest('GET', `/views/${INSTANCE}`))
    await core.handle(wireRequest('GET', `/views/${INSTANCE}/missing`))
    await core.handle(wireRequest('GET', '/nope'))
    expect(core.counters).toEqual({
      requests: 3,
      byStatus: { 200: 1, 404: 2 },
      byOperation: { ListViews: 1, DescribeView: 1 },
      byError: { ResourceNotFoundException: 1, UnknownOperationException: 1 },
      unexpectedErrors: 0,
    })
    core.reset()
    expect(core.counters.requests).toBe(0)
  })

  it('turns an unexpected exception into 500 InternalServiceException, counted and logged, never thrown', async () => {
    const model = new ViewsModel(deterministicOptions())
    model.invoke = () => {
      throw new TypeError('boom')
    }
    const core = createStubCore({ model })
    const res = await core.handle(wireRequest('GET', `/views/${INSTANCE}`))
    expect(res.status).toBe(500)
    expect(res.headers['x-amzn-errortype']).toBe('InternalServiceException')
    expect(json(res)).toEqual({ Message: 'Internal service error' })
    expect(core.counters.unexpectedErrors).toBe(1)
    expect(String(core.unexpectedErrorLog[0])).toContain('boom')
  })

  it('answers an output that cannot be serialized with 500, not a crash', async () => {
    const model = new ViewsModel(deterministicOptions())
    model.invoke = () => ({ n: 10n })
    const res = await createStubCore({ model }).handle(wireRequest('GET', `/views/${INSTANCE}`))
    expect(res.status).toBe(500)
  })

  it('answers 413 RequestEntityTooLargeException above 1 MiB, accepts 400 KB of content escaped to ~800 KB', async () => {
    const core = testCore()
    const big = await core.handle(
      wireRequest('PUT', `/views/${INSTANCE}`, `{"Name":"${'a'.repeat(DEFAULT_MAX_BODY_BYTES)}"}`),
    )
    expect(big.status).toBe(413)
    expect(big.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException')
    // Multi-byte characters count in bytes: 400k 3-byte chars is ~1.2 MB.
    expect(
      (await core.handle(wireRequest('PUT', `/views/${INSTANCE}`, `{"Name":"${'€'.repeat(400_000)}"}`))).status,
    ).toBe(413)
    // 400 KB of quotes: the template escapes to ~800 KB of JSON, still under the wire limit.
    const template = JSON.stringify({ text: '"'.repeat(190_000) })
    const body = JSON.stringify({ Name: 'big', Status: 'PUBLISHED', Content: { Template: template, Actions: [] } })
    expect(body.length).toBeGreaterThan(750_000)
    const res = await core.handle(wireRequest('PUT', `/views/${INSTANCE}`, body))
    expect(res.status, res.body.slice(0, 200)).toBe(200)
  })

  it('keeps state per core instance', async () => {
    const a = testCore()
    const b = testCore()
    await createViewRaw(a, 'only-in-a')
    const list = (core: typeof a) =>
      core
        .handle(wireRequest('GET', `/views/${INSTANCE}?type=CUSTOMER_MANAGED`))
        .then((r) => (json(r).ViewsSummaryList as unknown[]).length)
    expect(await list(a)).toBe(1)
    expect(await list(b)).toBe(0)
    a.reset()
    expect(await list(a)).toBe(0)
  })

  describe('lost-update-race quirk', () => {
    // Two concurrent publishes of the same changed content: the second must see the first's version (R11).
    async function racePublishes(quirks: string[]) {
      const core = testCore({ modelOptions: { quirks } })
      const { Id } = await createViewRaw(core, 'raced')
      const publish = (d: string) =>
        core.handle(wireRequest('PUT', `/views/${INSTANCE}/${Id}/versions`, JSON.stringify({ VersionDescription: d })))
      const [a, b] = await Promise.all([publish('first'), publish('second')])
      const list = json(await core.handle(wireRequest('GET', `/views/${INSTANCE}/${Id}/versions`)))
        .ViewVersionSummaryList as Array<Record<string, unknown>>
      return { a: json(a).View as Record<string, unknown>, b: json(b).View as Record<string, unknown>, list }
    }

    it("without the quirk, the second publish returns the first one's version", async () => {
      const { a, b, list } = await racePublishes([])
      expect(a.Version).toBe(1)
      expect(b.Version).toBe(1)
      expect(b.VersionDescription).toBe('first')
      expect(list.map((v) => v.VersionDescription)).toEqual(['first'])
    })

    it('with the quirk, both plan from the same read and the second write silently replaces the first', async () => {
      const { a, b, list } = await racePublishes(['lost-update-race'])
      expect(a.Version).toBe(1)
      expect(b.Version).toBe(1)
      expect(a.VersionDescription).toBe('first')
      expect(b.VersionDescription).toBe('second')
      expect(list.map((v) => v.VersionDescription)).toEqual(['second'])
    })
  })
})
