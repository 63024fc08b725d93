// The coverage plan's probes can fail: a target that answers a malformed request with a 5xx or a success
// fails R44, one that throttles with the wrong class fails R23, and a 5xx in the burst is R34's failure,
// never retried away. On the correct stub they pass (test/properties/coverage-plan.test.ts).
import { describe, expect, it } from 'vitest'
import { AssertionLedger } from '../../src/harness/assertions'
import { runMalformedProbes, runThrottleBurst } from '../../src/properties/support/plan-probes'
import type { ForcedError } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'

async function withStub<T>(
  forceError: ForcedError[],
  fn: (t: Awaited<ReturnType<typeof createTarget>>, ledger: AssertionLedger) => Promise<T>,
): Promise<T> {
  const target = await createTarget({ target: 'stub', stub: { faults: { forceError } } })
  try {
    return await fn(target, new AssertionLedger())
  } finally {
    await target.close()
  }
}

describe('malformed requests (R44)', () => {
  it('passes on the correct stub: three 400s with x-amzn-errortype, the SDK client sent them', async () => {
    await withStub([], async (target, ledger) => {
      const r = await runMalformedProbes(target, ledger)
      expect(r.map((p) => p.interaction.status)).toEqual(['passed', 'passed', 'passed'])
      expect(r.map((p) => p.interaction.interaction).join('\n')).toMatch(/HTTP 400 SerializationException/)
      expect(ledger.toRecord()).toEqual({ R44: 3 })
      expect(target.stats.calls).toBe(3)
    })
  })

  it('fails a 500 answered to a malformed body', async () => {
    await withStub([{ operation: 'SearchViews', errorName: 'InternalServiceException' }], async (target, ledger) => {
      const r = await runMalformedProbes(target, ledger)
      expect(r[0]!.failure).toMatchObject({ rule: 'R44', message: expect.stringMatching(/HTTP 500/) })
      expect(r[0]!.interaction).toMatchObject({ status: 'failed', rules: ['R44'] })
      expect(r[1]!.failure).toBeUndefined()
    })
  })

  it('a throttled or refused answer says nothing about R44: no assertion, no verdict', async () => {
    await withStub(
      [{ operation: 'SearchViews', errorName: 'AccessDeniedException', times: 2 }],
      async (target, ledger) => {
        const r = await runMalformedProbes(target, ledger)
        expect(r.slice(0, 2).map((p) => p.interaction.rules)).toEqual([[], []])
        expect(ledger.toRecord()).toEqual({ R44: 1 })
      },
    )
  })

  // a target double: the stub's answers, replaced by what a careless front end would send back
  async function withAnswer(raw: { status: number; headers: Record<string, string> }) {
    const target = await createTarget({ target: 'stub' })
    const send = target.send.bind(target)
    target.send = async (op, input, opts) => {
      await send(op, input, opts)
      return raw.status < 300
        ? { ok: true, output: {}, raw }
        : { ok: false, error: { name: 'Error', message: 'bad', status: raw.status, fields: {} }, raw }
    }
    const r = await runMalformedProbes(target, new AssertionLedger())
    await target.close()
    return r
  }

  it('fails a malformed request the target accepts', async () => {
    const r = await withAnswer({ status: 200, headers: {} })
    expect(r.every((p) => p.failure?.rule === 'R44' && /accepted/.test(p.failure.message))).toBe(true)
  })

  it('fails a 4xx without x-amzn-errortype', async () => {
    const r = await withAnswer({ status: 400, headers: { 'content-type': 'text/html' } })
    expect(r.every((p) => p.failure?.rule === 'R44' && /without x-amzn-errortype/.test(p.failure.message))).toBe(true)
  })
})

describe('the throttling burst (R23)', () => {
  it('on a target that never throttles: 12 calls, no R23 assertion, no verdict', async () => {
    await withStub([], async (target, ledger) => {
      const r = await runThrottleBurst(target, ledger)
      expect(r.calls).toBe(12)
      expect(ledger.toRecord()).toEqual({})
      expect(r.interaction).toMatchObject({ status: 'passed', rules: [] })
    })
  })

  it('stops at the first throttled wave and asserts the declared class on each 429', async () => {
    await withStub(
      [{ operation: 'ListViews', errorName: 'TooManyRequestsException', times: 2 }],
      async (target, ledger) => {
        const r = await runThrottleBurst(target, ledger)
        expect(r.calls).toBe(4)
        expect(ledger.toRecord()).toEqual({ R23: 2 })
        expect(r.failure).toBeUndefined()
        expect(target.stats.throttleRetries).toBe(0) // the burst retries nothing
      },
    )
  })

  it('fails a 429 named ThrottlingException on a view operation', async () => {
    await withStub([{ operation: 'ListViews', errorName: 'ThrottlingException', times: 1 }], async (target, ledger) => {
      const r = await runThrottleBurst(target, ledger)
      expect(r.failure).toMatchObject({
        rule: 'R23',
        message: expect.stringMatching(/ThrottlingException.*TooManyRequestsException/),
      })
      expect(r.interaction).toMatchObject({ status: 'failed', rules: ['R23'] })
    })
  })

  it('fails a 5xx met in the burst as R34', async () => {
    await withStub(
      [{ operation: 'ListViews', errorName: 'InternalServiceException', times: 1 }],
      async (target, ledger) => {
        const r = await runThrottleBurst(target, ledger)
        expect(r.failure?.rule).toBe('R34')
      },
    )
  })
})
