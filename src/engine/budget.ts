// How a time budget is shared: the bounded steps (contracts) get their estimated need first, the random
// properties share the rest by what each can still check; a live target keeps a reserve for the cleanup.
// A budget that runs out ends a property early (inconclusive if nothing was checked), never fails it.
import type { Target } from '../targets/target'
import { explorationWeight } from './exploration-weight'
import type { PropertyStrategy } from './property-registry'

/** Of a live target's budget, kept back for the final cleanup and the reports. */
const CLEANUP_RESERVE = 0.05
/** At most this share of what is left is kept for bounded steps. */
const MAX_FIXED_SHARE = 0.8

/**
 * The time a step running beside the lanes gets (the contracts, engine/run.ts): all that is usable of what is
 * left, since the lanes explore beside it rather than after it and lose nothing by its length.
 */
export function besideShare(remainingMs: number, target: Target): number {
  return Math.max(1, Math.floor(remainingMs * (target.guarded ? 1 - CLEANUP_RESERVE : 1)))
}

/**
 * The time one property gets: what is left of the budget, shared among the properties still to run in
 * proportion to what each can still check (1 + its rules no executed assertion has checked yet, tilted by
 * how many quirks it catches per call), so the budget goes to what is left to check rather than split evenly
 * blind; a bounded step's estimated need is kept for it first. With `lanes` properties running at once,
 * each gets `lanes` times its share of the wall time, never more than what is left of it.
 */
export function budgetShare(
  remainingMs: number,
  prop: PropertyStrategy,
  toRun: readonly PropertyStrategy[],
  exercised: ReadonlySet<string>,
  target: Target,
  lanes = 1,
): number {
  const usable = remainingMs * (target.guarded ? 1 - CLEANUP_RESERVE : 1)
  // bounded steps (contracts) get what they need first (at most 80 % of what is left, so the random properties
  // always get some); the random properties, which would use any time given, share the rest
  const kept = (need: number) => Math.min(need, usable * MAX_FIXED_SHARE)
  if (prop.fixedCostMs) return Math.max(1, Math.floor(toRun.length === 1 ? usable : kept(prop.fixedCostMs(target))))
  const reserved = kept(toRun.reduce((n, p) => n + (p.fixedCostMs?.(target) ?? 0), 0))
  const random = toRun.filter((p) => !p.fixedCostMs)
  // toward unexercised rules, tilted toward the properties that catch the most quirks per call (exploration-weight.ts)
  const weight = (p: PropertyStrategy) => explorationWeight(p.id, p.rules.filter((r) => !exercised.has(r)).length)
  const total = random.reduce((n, p) => n + weight(p), 0)
  const free = usable - reserved
  return Math.max(1, Math.floor(Math.min(free, (free * weight(prop) * lanes) / total)))
}
