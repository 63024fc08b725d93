// Contract verification against a throttling target: the verifier sends each interaction's request itself,
// once, outside Target.send (no retry). A 429 to it is a rate limit, not a verdict on the contract: that
// interaction is not verified, never failed. Here DescribeView allows one call and throttles every later one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import { verifyAgainstTarget } from '../../src/verification/verify-target'

describe('interactions the target throttles', () => {
  let stub: StubServer
  beforeAll(async () => {
    stub = await startStubServer({
      port: 0,
      coreOptions: {
        faults: {
          liveLike: {
            ratePerSecond: 1000,
            burst: 1000,
            latencyMs: 0,
            jitterMs: 0,
            perOperation: { DescribeView: { ratePerSecond: 0.001, burst: 1 } },
          },
        },
      },
    })
  })
  afterAll(async () => {
    await stub?.close()
  })

  it('are not verified (HTTP 429), none failed; the others still pass', async () => {
    const target = await createTarget({ target: stub.url, rate: { tps: 10_000, burst: 10_000 } })
    try {
      const report = await verifyAgainstTarget({ target, providerBaseUrl: stub.url })
      const describes = report.results.filter(
        (r) => /DescribeView/i.test(r.interaction) || /DescribeView/.test(r.state ?? ''),
      )
      expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.interaction}: ${r.mismatch}`)).toEqual(
        [],
      )
      const throttled = report.results.filter((r) => r.status === 'not-verified')
      expect(throttled.length).toBeGreaterThanOrEqual(2)
      for (const r of throttled) expect(r.mismatch).toMatch(/throttled its request \(HTTP 429\)/)
      expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThanOrEqual(
        report.results.length - throttled.length,
      )
      expect(stub.core.faults.stats.throttled).toBeGreaterThanOrEqual(throttled.length)
      expect(describes.length).toBeGreaterThan(0)
    } finally {
      await target.close()
    }
  })
})
