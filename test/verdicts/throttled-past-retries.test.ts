// A call still throttled after its retries is no verdict about the target: its class is checked (R23), and
// the sequence ends there, since the target never performed the call while the model did. Without that, the
// next comparison would fail a correct target (the false positive the live-like bench met once in 19 runs).
import { afterEach, describe, expect, it } from 'vitest'
import { runProperty } from '../../src/engine/runners/sequential'
import { differential } from '../../src/properties/differential'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

let target: Target | undefined
afterEach(async () => {
  await target?.close()
  target = undefined
})

describe('throttled past the retries', () => {
  it('a correct target that throttles one content update past its retries: no failure, R23 checked', async () => {
    // 5 answers: the first attempt and its 4 retries; later calls go through, so without the sequence
    // ending there the model (which applied the update) and the target (which did not) would disagree
    target = await createTarget({
      target: 'stub',
      stub: {
        faults: { forceError: [{ operation: 'UpdateViewContent', errorName: 'TooManyRequestsException', times: 5 }] },
      },
    })
    const r = await runProperty(differential, target, { seed: 3, numRuns: 30, mode: { strict: false } })
    expect(r.failure).toBeUndefined()
    expect(r.status).not.toBe('failed')
    expect(r.assertions?.R23).toBeGreaterThan(0)
    expect(target.stats.throttleRetries).toBeGreaterThan(0)
  })

  it('a wrong throttling class is still a failure (R23), not swallowed as a rate limit', async () => {
    target = await createTarget({
      target: 'stub',
      stub: {
        faults: { forceError: [{ operation: 'UpdateViewContent', errorName: 'ThrottlingException', times: 1000 }] },
      },
    })
    const r = await runProperty(differential, target, { seed: 3, numRuns: 5, mode: { strict: false } })
    expect(r).toMatchObject({ status: 'failed', failure: { rule: 'R23' } })
  })
})
