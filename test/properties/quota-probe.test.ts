// R22 decided: off by default (the plan says why), `--probe-quotas <max-calls>` opts in; the probe reaches a
// quota the stub is configured with, asserts its class and shape, and leaves nothing behind.
import { afterEach, describe, expect, it } from 'vitest'
import { serveSettings } from '../../src/cli/serve-command'
import { AssertionLedger } from '../../src/harness/assertions'
import { QUOTA_PROBE_OFF, runQuotaProbe } from '../../src/properties/support/quota-probe'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const opened: (StubServer | Target)[] = []
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close()
})

/** A guarded endpoint target on a stub server with these quotas (fast limits: the test is about the probe). */
async function endpointWithQuotas(quotas: { viewsPerInstance?: number; versionsPerView?: number }) {
  const server = await startStubServer({ coreOptions: { modelOptions: { quotas } } })
  opened.push(server)
  const target = await createTarget({ target: server.url, rate: { tps: 10_000, burst: 10_000 }, probeQuotas: 300 })
  opened.push(target)
  return { server, target }
}

function customerViewCount(server: StubServer, instanceId: string): number {
  const o = server.core.model.invoke('ListViews', { InstanceId: instanceId, Type: 'CUSTOMER_MANAGED' }) as {
    ViewsSummaryList: unknown[]
  }
  return o.ViewsSummaryList.length
}

describe('the quota probe (R22, opt-in)', () => {
  it('reaches a versions-per-view quota, asserts 402 ServiceQuotaExceededException, and deletes its view', async () => {
    const { server, target } = await endpointWithQuotas({ versionsPerView: 5 })
    const ledger = new AssertionLedger()
    const r = await runQuotaProbe(target, ledger, 300)
    expect(r.failure).toBeUndefined()
    expect(ledger.toRecord()).toEqual({ R22: 1 })
    expect(r.interaction).toMatchObject({ status: 'passed', rules: ['R22'] })
    expect(r.interaction.interaction).toMatch(/CreateViewVersion after 5 versions of one view answered HTTP 402/)
    expect(customerViewCount(server, target.instanceId)).toBe(0)
    expect(target.cleanupFailures.size).toBe(0)
  })

  it('goes on to views when the versions do not reach a quota within half the calls', async () => {
    const { server, target } = await endpointWithQuotas({ viewsPerInstance: 4 })
    const ledger = new AssertionLedger()
    const r = await runQuotaProbe(target, ledger, 300)
    expect(ledger.toRecord()).toEqual({ R22: 1 })
    expect(r.interaction.interaction).toMatch(/CreateView after 4 views of this run answered HTTP 402/)
    expect(customerViewCount(server, target.instanceId)).toBe(0)
  })

  it('stops at the cap without a quota answer: no assertion, R22 stays not exercised, nothing left', async () => {
    const { server, target } = await endpointWithQuotas({})
    const ledger = new AssertionLedger()
    const r = await runQuotaProbe(target, ledger, 20)
    expect(ledger.toRecord()).toEqual({})
    expect(r.interaction).toMatchObject({ status: 'passed', rules: [] })
    expect(r.interaction.interaction).toMatch(/no quota answer after 20/)
    expect(customerViewCount(server, target.instanceId)).toBe(0)
  })

  it('is off by default, and the report says why', () => {
    expect(QUOTA_PROBE_OFF).toBe(
      'Connect does not document its view quotas; reaching one costs an unknown number of views or versions (--probe-quotas <max-calls> opts in)',
    )
  })

  it('serve --quota configures the stub: views=<n> versions=<n>', () => {
    const base = { port: '0', host: '127.0.0.1' }
    expect(serveSettings({ ...base, quota: ['views=3', 'versions=4'] }).quotas).toEqual({
      viewsPerInstance: 3,
      versionsPerView: 4,
    })
    expect(() => serveSettings({ ...base, quota: ['pages=3'] })).toThrow(/not views=<n> or versions=<n>/)
  })
})
