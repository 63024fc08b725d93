// The lane-safety table (src/properties/lane-safety.ts) covers every property, and what it calls safe holds:
// every lane-safe property passes on a correct endpoint while the others run at the same time on lanes of the
// same target, creating, listing and deleting views in the same instance.
import { describe, expect, it } from 'vitest'
import { ALL_PROPERTIES, PROPERTY_IDS } from '../../src/engine/property-registry'
import { isLaneSafe, LANE_SAFETY } from '../../src/properties/lane-safety'
import { endpointFixture } from '../targets/support/endpoint-fixture'

const fx = endpointFixture()

describe('lane safety', () => {
  it('says, for every property a run executes, whether it may share the instance and why', () => {
    expect(Object.keys(LANE_SAFETY).sort()).toEqual([...PROPERTY_IDS].sort())
    for (const [id, s] of Object.entries(LANE_SAFETY)) expect(s.why.length, id).toBeGreaterThan(20)
    expect(isLaneSafe('contracts')).toBe(false)
    expect(isLaneSafe('no-such-property')).toBe(false)
  })

  it('every lane-safe property passes while all the others run beside it, each on a lane of its own', async () => {
    const { server, target } = await fx.open()
    const safe = ALL_PROPERTIES.filter((p) => isLaneSafe(p.id))
    const results = await Promise.all(
      safe.map((p) => p.run(target.lane(), { seed: 99, numRuns: 6, mode: { strict: false } })),
    )
    expect(
      results.map((r) => `${r.property}: ${r.status}${r.failure ? ` ${r.failure.rule} ${r.failure.message}` : ''}`),
    ).toEqual(safe.map((p) => `${p.id}: passed`))
    expect(server.core.counters.unexpectedErrors).toBe(0)
  }, 120_000)
})
