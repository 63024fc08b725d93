// explorationWeight: the exploration budget leans toward unexercised rules (as budgetShare's 1 + unexercised
// rules) and, within bounds, toward properties that kill more catalogue quirks per call.
import { describe, expect, it } from 'vitest'
import { explorationWeight, MAX_TILT, MIN_TILT, yieldTilt, type YieldLookup } from '../../src/engine/exploration-weight'
import { PROPERTY_IDS } from '../../src/engine/property-registry'
import { QUIRK_YIELD } from '../../src/engine/quirk-yield'

const table: YieldLookup = {
  byProperty: {
    plan: { killsPer100Calls: 9, deterministic: true },
    high: { killsPer100Calls: 0.6 },
    mid: { killsPer100Calls: 0.3 },
    low: { killsPer100Calls: 0.1 },
    none: { killsPer100Calls: 0 },
    // mean of the exploring four: 0.25
  },
}

describe('explorationWeight', () => {
  it("is the old weight (1 + unexercised rules) scaled by the yield relative to the exploring properties' mean", () => {
    expect(explorationWeight('mid', 3, table)).toBeCloseTo(4 * (0.3 / 0.25))
    expect(explorationWeight('low', 0, table)).toBeCloseTo(MIN_TILT) // 0.4 of the mean, clamped up
    expect(explorationWeight('high', 2, table)).toBeCloseTo(3 * MAX_TILT) // 2.4 of the mean, clamped down
  })

  it('never starves a property that killed nothing: its rules still earn it a share', () => {
    expect(explorationWeight('none', 0, table)).toBe(MIN_TILT)
    expect(explorationWeight('none', 5, table)).toBe(6 * MIN_TILT)
  })

  it('more unexercised rules always weigh more, whatever the yield', () => {
    for (const id of ['high', 'mid', 'low', 'none'])
      expect(explorationWeight(id, 4, table)).toBeGreaterThan(explorationWeight(id, 3, table))
  })

  it('leaves fixed steps and unmeasured properties at the old weight', () => {
    expect(yieldTilt('plan', table)).toBe(1)
    expect(explorationWeight('plan', 2, table)).toBe(3)
    expect(explorationWeight('not-measured', 2, table)).toBe(3)
    expect(explorationWeight('mid', 2, { byProperty: {} })).toBe(3)
    expect(explorationWeight('none', 2, { byProperty: { none: { killsPer100Calls: 0 } } })).toBe(3) // no yield anywhere: no evidence
  })

  it('refuses a rule count that is not a count', () => {
    expect(() => explorationWeight('mid', -1, table)).toThrow(RangeError)
    expect(() => explorationWeight('mid', 1.5, table)).toThrow(RangeError)
  })
})

describe('the committed quirk-yield table', () => {
  it('measures every property a run explores, says when and how, and its figures add up', () => {
    expect(QUIRK_YIELD.command).toMatch(/^npm run bench:quirk-yield/)
    expect(QUIRK_YIELD.measuredAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(Object.keys(QUIRK_YIELD.byProperty).sort()).toEqual(PROPERTY_IDS.filter((id) => id !== 'contracts').sort())
    for (const [id, p] of Object.entries(QUIRK_YIELD.byProperty)) {
      expect(p.attempts, id).toBe(QUIRK_YIELD.seeds * QUIRK_YIELD.quirks)
      expect(p.killsPer100Calls, id).toBeCloseTo((100 * p.kills) / p.calls, 2)
      expect(p.quirksKilled.length, id).toBeLessThanOrEqual(QUIRK_YIELD.quirks)
    }
  })

  it('tilts the default weights within bounds for every property', () => {
    for (const id of PROPERTY_IDS) {
      const w = explorationWeight(id, 0)
      expect(w, id).toBeGreaterThanOrEqual(MIN_TILT)
      expect(w, id).toBeLessThanOrEqual(MAX_TILT)
    }
  })
})
