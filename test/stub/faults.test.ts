import { describe, expect, it } from 'vitest'
import { FaultInjector, seededRandom, throttlingErrorOf } from '../../src/stub'
import { INSTANCE, createViewRaw, json, testCore, wireRequest } from './support/wire'

const LIST = wireRequest('GET', `/views/${INSTANCE}?type=CUSTOMER_MANAGED`)

function pattern(f: FaultInjector, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += f.decide('DescribeView').error ? 'x' : '.'
  return s
}

describe('fault injection', () => {
  it('throttles deterministically for a seed, differently for another seed', () => {
    const a = pattern(new FaultInjector({ throttleRate: 0.3, seed: 42 }), 200)
    const b = pattern(new FaultInjector({ throttleRate: 0.3, seed: 42 }), 200)
    const c = pattern(new FaultInjector({ throttleRate: 0.3, seed: 43 }), 200)
    expect(a).toBe(b)
    expect(a).not.toBe(c)
    const hits = a.split('x').length - 1
    expect(hits).toBeGreaterThan(30)
    expect(hits).toBeLessThan(90)
  })

  it('uses an injected random() and restarts the sequence on reset()', () => {
    const values = [0.9, 0.1, 0.9]
    let i = 0
    const f = new FaultInjector({ throttleRate: 0.5, random: () => values[i++ % values.length]! })
    expect(pattern(f, 3)).toBe('.x.')
    const seeded = new FaultInjector({ throttleRate: 0.5, seed: 7 })
    const first = pattern(seeded, 50)
    seeded.reset()
    expect(pattern(seeded, 50)).toBe(first)
    expect(seededRandom(7)()).toBe(seededRandom(7)())
  })

  it('picks the throttling error the operation declares', () => {
    expect(throttlingErrorOf('DescribeView')).toBe('TooManyRequestsException')
    expect(throttlingErrorOf('CreateView')).toBe('TooManyRequestsException')
    expect(throttlingErrorOf('SearchViews')).toBe('ThrottlingException')
    expect(throttlingErrorOf('TagResource')).toBe('ThrottlingException')
    const f = new FaultInjector({ throttleRate: 1 })
    expect(f.decide('UntagResource').error?.errorName).toBe('ThrottlingException')
    expect(f.decide('DeleteView').error?.errorName).toBe('TooManyRequestsException')
  })

  it('a throttled call does not change state', async () => {
    const core = testCore({ faults: { throttleRate: 1 } })
    const res = await core.handle(
      wireRequest(
        'PUT',
        `/views/${INSTANCE}`,
        JSON.stringify({ Name: 'x', Status: 'PUBLISHED', Content: { Template: '{}' } }),
      ),
    )
    expect(res.status).toBe(429)
    expect(res.headers['x-amzn-errortype']).toBe('TooManyRequestsException')
    core.faults.configure({})
    expect(json(await core.handle(LIST)).ViewsSummaryList).toEqual([])
    expect(core.faults.stats.throttled).toBe(1) // configure() keeps stats; reset() zeroes them
    core.reset()
    expect(core.faults.stats.throttled).toBe(0)
  })

  it('answers 500 InternalServiceException at serverErrorRate 1', async () => {
    const core = testCore({ faults: { serverErrorRate: 1 } })
    const res = await core.handle(LIST)
    expect(res.status).toBe(500)
    expect(res.headers['x-amzn-errortype']).toBe('InternalServiceException')
    expect(core.counters.unexpectedErrors).toBe(0) // injected, not a bug
  })

  it('forceError fires once by default, `times` times, or for every op with *', async () => {
    const core = testCore({ faults: { forceError: [{ operation: 'ListViews', errorName: 'AccessDeniedException' }] } })
    expect((await core.handle(LIST)).status).toBe(403)
    expect((await core.handle(LIST)).status).toBe(200)
    core.faults.force({
      operation: '*',
      errorName: 'ResourceInUseException',
      fields: { ResourceType: 'CONTACT_FLOW', ResourceId: 'arn:f' },
      times: 2,
      message: 'busy',
    })
    const a = await core.handle(LIST)
    expect(a.status).toBe(409)
    expect(json(a)).toEqual({ Message: 'busy', ResourceType: 'CONTACT_FLOW', ResourceId: 'arn:f' })
    expect((await core.handle(wireRequest('GET', `/views/${INSTANCE}/v`))).status).toBe(409)
    expect((await core.handle(LIST)).status).toBe(200)
    core.reset() // re-arms the configured one-shot
    expect((await core.handle(LIST)).status).toBe(403)
  })

  it('forceError applies only to its operation and can be cleared', async () => {
    const core = testCore()
    core.faults.force({ operation: 'DeleteView', errorName: 'AccessDeniedException', times: Infinity })
    expect((await core.handle(LIST)).status).toBe(200)
    const { Id } = await createViewRaw(core, 'keep')
    expect((await core.handle(wireRequest('DELETE', `/views/${INSTANCE}/${Id}`))).status).toBe(403)
    expect((await core.handle(wireRequest('DELETE', `/views/${INSTANCE}/${Id}`))).status).toBe(403)
    core.faults.clearForced()
    expect((await core.handle(wireRequest('DELETE', `/views/${INSTANCE}/${Id}`))).status).toBe(200)
  })

  it('adds latency before answering', async () => {
    const core = testCore({ faults: { latencyMs: 40 } })
    const t0 = performance.now()
    await core.handle(LIST)
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35)
  })

  it('refuses rates outside 0..1 and bad forced errors', () => {
    expect(() => new FaultInjector({ throttleRate: 1.5 })).toThrow(/throttleRate/)
    expect(() => new FaultInjector({ serverErrorRate: -0.1 })).toThrow(/serverErrorRate/)
    expect(() => new FaultInjector({ latencyMs: Number.NaN })).toThrow(/latencyMs/)
    expect(
      () => new FaultInjector({ forceError: [{ operation: 'Nope' as never, errorName: 'AccessDeniedException' }] }),
    ).toThrow(/unknown operation/)
    expect(
      () => new FaultInjector({ forceError: [{ operation: '*', errorName: 'AccessDeniedException', times: 0 }] }),
    ).toThrow(/times/)
  })
})
