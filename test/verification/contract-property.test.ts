// The `contracts` step of a run: which interactions a mode asserts, per-rule executed assertions, failures
// attributed from the rules each interaction declares (data in the pact, never its description), and the
// time budget (interactions not reached are not verified, the step ends inconclusive, never failed).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  attributedRule,
  contractAssertions,
  contractsProperty,
  runContractProperty,
} from '../../src/verification/contract-property'
import { COMMITTED_PACT_FILE } from '../../src/verification/pact-names'
import { declaredRules, type PactDocument } from '../../src/verification/verification-results'
import type { PropertyResult } from '../../src/harness/property-types'
import { isAsserted, isRuleId, rule } from '../../src/spec/rules'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const pact = JSON.parse(readFileSync(COMMITTED_PACT_FILE, 'utf8')) as PactDocument
const documentedOnly = pact.interactions.filter((i) =>
  declaredRules(i).every((id) => isRuleId(id) && isAsserted(rule(id), { strict: false })),
)

describe('rules declared in the committed pact', () => {
  it('every interaction declares at least one catalogue rule; the property checks exactly their union', () => {
    for (const i of pact.interactions) {
      expect(declaredRules(i).length, i.description).toBeGreaterThan(0)
      for (const id of declaredRules(i)) expect(isRuleId(id), `${i.description}: ${id}`).toBe(true)
    }
    expect(new Set(contractsProperty.rules)).toEqual(new Set(pact.interactions.flatMap(declaredRules)))
  })
  it('default mode leaves out exactly the interactions resting on inferred rules (tags on the view ARN, SearchViews by name)', () => {
    const left = pact.interactions.filter((i) => !documentedOnly.includes(i)).flatMap(declaredRules)
    expect([...new Set(left)].sort()).toEqual(['R21', 'R46'])
    expect(documentedOnly.length).toBeGreaterThanOrEqual(20)
  })
  it('attribution and counting read the declared rules only', () => {
    const v = (status: 'passed' | 'failed' | 'not-verified', rules: string[]) => ({
      interaction: 'x (R99)',
      state: '',
      status,
      rules,
    })
    expect(attributedRule(v('failed', ['R12', 'R33']))).toBe('R12')
    expect(attributedRule(v('failed', []))).toBe('harness') // "(R99)" in the description is prose, not data
    expect(contractAssertions([v('passed', ['R1', 'R7']), v('failed', ['R1']), v('not-verified', ['R25'])])).toEqual({
      R1: 2,
      R7: 1,
    })
  })
})

describe('runContractProperty on the embedded stub', () => {
  let target: Target
  let result: PropertyResult
  beforeAll(async () => {
    target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: [] } } })
    result = await runContractProperty(target, { seed: 1, mode: { strict: false } })
  })
  afterAll(() => target?.close())

  it('passes, verifying the interactions the default mode asserts, and says what it left out', () => {
    expect(result.status, result.failure?.message).toBe('passed')
    expect(result.interactions!.map((i) => i.interaction).sort()).toEqual(
      documentedOnly.map((i) => i.description).sort(),
    )
    expect(result.note).toMatch(/not asserted in this mode .*R21, R46/)
  })
  it('counts one executed assertion per declared rule of every verified interaction', () => {
    const expected: Record<string, number> = {}
    for (const i of documentedOnly) for (const id of declaredRules(i)) expected[id] = (expected[id] ?? 0) + 1
    expect(result.assertions).toEqual(expected)
    expect(result.interactions!.every((i) => i.rules.length > 0)).toBe(true)
  })
})

describe('runContractProperty against a planted deviation, strict mode', () => {
  it('verifies every interaction and blames the failure on the rule the failing interaction declares (R11)', async () => {
    const target = await createTarget({
      target: 'stub',
      stub: { modelOptions: { quirks: ['no-change-publish-creates-version'] } },
    })
    try {
      const r = await runContractProperty(target, { seed: 1, mode: { strict: true } })
      expect(r.interactions).toHaveLength(pact.interactions.length)
      expect(r.status).toBe('failed')
      const failed = r.interactions!.filter((i) => i.status === 'failed')
      expect(failed.map((i) => i.rules)).toEqual([['R11']])
      expect(r.failure!.rule).toBe('R11')
      expect(r.assertions!.R11).toBe(1) // the failed check ran: it counts as executed
      expect(r.note).toBeUndefined()
    } finally {
      await target.close()
    }
  })
})

describe('runContractProperty within a time budget (endpoint target, rate-limited)', () => {
  let server: StubServer
  beforeAll(async () => {
    server = await startStubServer({ port: 0 })
  })
  afterAll(() => server?.close())

  it('stops arranging states at the deadline: the rest is not verified, the step is inconclusive', async () => {
    const target = await createTarget({ target: server.url, rate: { tps: 4, burst: 1 } })
    try {
      const r = await runContractProperty(target, { seed: 1, mode: { strict: false }, timeLimitMs: 4000 })
      const notVerified = r.interactions!.filter((i) => i.status === 'not-verified')
      expect(
        r.interactions!.filter((i) => i.status === 'failed'),
        JSON.stringify(r.interactions, null, 1),
      ).toEqual([])
      expect(notVerified.length).toBeGreaterThan(0)
      expect(r.status).toBe('inconclusive')
      expect(r.failure).toBeUndefined()
      expect(r.note).toMatch(
        new RegExp(`time budget: ${notVerified.length}/${r.interactions!.length} interaction\\(s\\) not verified`),
      )
      for (const i of notVerified) expect(i.mismatch).toMatch(/time budget/)
      // only interactions with a verdict count as executed assertions
      const verified = r.interactions!.filter((i) => i.status === 'passed')
      expect(Object.values(r.assertions!).reduce((a, b) => a + b, 0)).toBe(
        verified.reduce((n, i) => n + i.rules.length, 0),
      )
      // (no bound on the wall time: the verifier's start-up alone takes 20 s on a loaded machine; that the
      // deadline stopped the arranging is what the interactions left not verified show)
      // nothing left behind
      const left = server.core.model.invoke('ListViews', { InstanceId: target.instanceId, Type: 'CUSTOMER_MANAGED' })
      expect((left.ViewsSummaryList as unknown[]).length).toBe(0)
    } finally {
      await target.close()
    }
  })
})
