// How much of the remaining budget a property gets during random exploration: toward the rules still
// unexercised (1 + how many of its rules no executed assertion has checked yet, as budgetShare always did)
// and toward the properties that catch the most catalogue quirks per API call, as measured by
// bench/quirk-yield.ts into ./quirk-yield.ts. The yield only tilts the weight, within [MIN_TILT, MAX_TILT]:
// the catalogue is a sample of bugs, not all of them, so a property that kills none of it still runs for its
// rules, and one that kills many cannot starve the rest.
import { QUIRK_YIELD } from './quirk-yield'
import type { PropertyYieldFigures } from './quirk-yield-table'

/** What the weighting reads of a table (tests pass their own). */
export interface YieldLookup {
  byProperty: Readonly<Record<string, Pick<PropertyYieldFigures, 'killsPer100Calls'> & { deterministic?: boolean }>>
}

export const MIN_TILT = 0.5
export const MAX_TILT = 2

/**
 * The measured yield of `propertyId` relative to the mean of the measured exploring properties, clamped to
 * [MIN_TILT, MAX_TILT]; 1 for a property the table does not know (no measurement is no evidence) and for a
 * fixed step (its high yield comes from being a plan, and running it longer finds nothing new).
 */
export function yieldTilt(propertyId: string, table: YieldLookup = QUIRK_YIELD): number {
  const own = table.byProperty[propertyId]
  const exploring = Object.values(table.byProperty).filter((p) => !p.deterministic)
  const mean = exploring.reduce((n, p) => n + p.killsPer100Calls, 0) / (exploring.length || 1)
  if (!own || own.deterministic || !(mean > 0)) return 1
  return Math.min(MAX_TILT, Math.max(MIN_TILT, own.killsPer100Calls / mean))
}

/** A property's share weight in exploration: (1 + its unexercised rules) × its quirk-yield tilt. */
export function explorationWeight(
  propertyId: string,
  unexercisedRuleCount: number,
  table: YieldLookup = QUIRK_YIELD,
): number {
  if (!Number.isInteger(unexercisedRuleCount) || unexercisedRuleCount < 0)
    throw new RangeError(`unexercisedRuleCount must be a whole number >= 0, got ${unexercisedRuleCount}`)
  return (1 + unexercisedRuleCount) * yieldTilt(propertyId, table)
}
