// The coverage plan: derived from the catalogue (every documented rule served, or listed with the reason it
// cannot be), silent on a correct stub in both modes, and already deadly to the planted bugs it can reach.
// Against the live-like stub (throttling like the service, signed requests through the endpoint target) it
// exercises every documented rule but R22 within the 150 calls; the plain stub never throttles, so
// there R23 stays not exercised.
import { describe, expect, it } from 'vitest'
import {
  COVERAGE_PLAN,
  coveragePlanDeclaration,
  NOT_PLANNED,
  unplannedDocumentedRules,
} from '../../src/properties/coverage-plan'
import { runPlan } from '../../src/engine/runners/plan'
import { QUIRK_NAMES } from '../../src/model/quirks'
import { RULES } from '../../src/spec'
import { createTarget } from '../../src/targets/create-target'
import { startStubServer, STUB_CREDENTIALS } from '../../src/stub'

describe('coverage plan', () => {
  it('serves every documented rule, except the ones it says it cannot reach', () => {
    expect(unplannedDocumentedRules().sort()).toEqual(Object.keys(NOT_PLANNED).sort())
    const known = new Set(RULES.map((r) => r.id))
    for (const step of COVERAGE_PLAN) for (const r of step.serves) expect(known.has(r), `unknown rule ${r}`).toBe(true)
  })

  const documented = RULES.filter((x) => x.confidence === 'documented').map((x) => x.id)
  const unasserted = (assertions: Record<string, number> | undefined) =>
    documented.filter((id) => !((assertions?.[id] ?? 0) > 0)).sort()

  it('passes on the correct stub in default and strict mode: an executed assertion for every planned documented rule but R23 (no throttling), within 60 calls, rules named per call', async () => {
    for (const strict of [false, true]) {
      const target = await createTarget({ target: 'stub' })
      const r = await runPlan(coveragePlanDeclaration, target, { seed: 1, mode: { strict } })
      expect(r.failure?.message).toBeUndefined()
      expect(r.status).toBe('passed')
      expect(r.commandsExecuted).toBe(COVERAGE_PLAN.length)
      expect(target.stats.calls).toBeLessThanOrEqual(60)
      // the plain stub never throttles: R23 is not exercised, never passed
      expect(unasserted(r.assertions)).toEqual([...Object.keys(NOT_PLANNED), 'R23'].sort())
      const steps = r.interactions!.filter((i) => i.interaction.startsWith('plan step'))
      const probes = r.interactions!.filter((i) => i.interaction.startsWith('plan probe'))
      expect(steps).toHaveLength(COVERAGE_PLAN.length)
      for (const i of steps) {
        expect(i.state).toMatch(/^serves (R\d+a? )+R32 R33 R34$/)
        expect(i.rules!.length, i.interaction).toBeGreaterThan(0) // every call had an assertion execute
      }
      expect(probes.map((p) => [p.state, p.rules])).toEqual([
        ['serves R44', ['R44']],
        ['serves R44', ['R44']],
        ['serves R44', ['R44']],
        ['serves R23', []],
      ])
      expect(probes[3]!.interaction).toMatch(/none of 12 throttled: R23 not exercised/)
      expect(r.note).toBe(
        `R22 not exercised: ${NOT_PLANNED.R22}; R23 not exercised: the target throttled none of the burst`,
      )
      await target.close()
    }
  })

  it('against the live-like stub, signed and with the default endpoint limits: every documented rule but R22 exercised within 150 calls', async () => {
    const server = await startStubServer({
      coreOptions: { faults: { liveLike: true }, verifySigV4: { credentials: STUB_CREDENTIALS } },
    })
    // rate: {} = the live default limiter (an endpoint on loopback would otherwise get none)
    const target = await createTarget({ target: server.url, credentials: STUB_CREDENTIALS, rate: {} })
    try {
      const r = await runPlan(coveragePlanDeclaration, target, { seed: 1, mode: { strict: false } })
      expect(r.failure?.message).toBeUndefined()
      expect(r.status).toBe('passed')
      expect(unasserted(r.assertions)).toEqual(Object.keys(NOT_PLANNED).sort())
      expect(r.assertions!.R23).toBeGreaterThan(0)
      expect(r.note).toBe(`R22 not exercised: ${NOT_PLANNED.R22}`)
      expect(r.assertions!.R44).toBe(3) // signed requests the stub's SigV4 check accepted, then read as malformed
      expect(target.stats.calls).toBeLessThanOrEqual(150)
    } finally {
      await target.close()
      await server.close()
    }
  }, 30_000)

  // The lost-update race needs concurrent calls. checksum-of-saved: the plan's first checksum difference is on
  // a never-published view, which the choice learner explains by a legal answer (unpublishedSha256=of-draft),
  // and no later plan step tells the two apart; the exploration properties that follow the plan still kill it
  // (test/detection/quirk-catalogue.test.ts). Known gap, in the closing note of the change that added learning.
  it('kills every quirk a sequential plan can reach, but two it cannot tell apart from legal answers', async () => {
    const survivors: string[] = []
    for (const quirk of QUIRK_NAMES) {
      const target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: [quirk] } } })
      const r = await runPlan(coveragePlanDeclaration, target, { seed: 1, mode: { strict: false } })
      if (r.status !== 'failed') survivors.push(quirk)
      else {
        const failed = r.interactions!.filter((i) => i.status === 'failed')
        expect(failed).toHaveLength(1)
        // only the rule that failed is blamed, not the others that passed in the same step
        expect(failed[0]!.rules, quirk).toEqual([r.failure!.rule])
      }
      await target.close()
    }
    // html-404-for-unknown-ids: the plan's first not-found answer (R7, an unpublished view) comes before
    // DescribeView answered anything, so alone it reads as a missing operation; in a run the implementation
    // probe sees DescribeView answer an existing view first and reports the pages as R25
    // (test/verdicts/not-found-pages.test.ts)
    // last-modified-frozen is seen only when two of the plan's answers are more than a tick + 5 ms apart (R15),
    // which a fast machine may not give the in-process stub: whether it survives here is not asserted
    expect(survivors.filter((q) => q !== 'last-modified-frozen').sort()).toEqual([
      'checksum-of-saved',
      'html-404-for-unknown-ids',
      'lost-update-race',
    ])
  })
})
