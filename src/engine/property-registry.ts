// Every property a run can execute, each a declaration (src/properties/) bound to the strategy that runs it
// (src/engine/runners/: the plan, sequential commands, concurrent rounds; contracts from src/verification/),
// behind one shape, PropertyStrategy. Selection by --only and --shard happens here so `run`, `replay` and
// `report merge` agree on ids and order.
import { concurrencyProperty } from '../properties/concurrency'
import { runConcurrencyProperty } from './runners/concurrent'
import { SEQUENTIAL_PROPERTIES } from '../properties'
import { coveragePlan, coveragePlanDeclaration } from '../properties/coverage-plan'
import { runPlan } from './runners/plan'
import type { PropertyResult, PropertyRunOptions } from '../harness/property-types'
import { runProperty } from './runners/sequential'
import { isLaneSafe } from '../properties/lane-safety'
import type { RuleId } from '../spec'
import type { Target } from '../targets/target'
import { contractsProperty, runContractProperty } from '../verification/contract-property'
import { UsageError } from '../exit-codes'
import type { Shard } from '../settings'

/** Asserted on every step of every sequential property by checkWireBasics (src/harness/checks.ts). */
/** Interactions the contract step verifies at most (the committed pact's). */
const CONTRACT_INTERACTIONS = 28
/**
 * Time one interaction takes against a rate-limited target: its state's calls, the request and the clean-up
 * follow one another (measured: about 1.5 s at 2 requests/s per API on a loaded machine), and at a low rate
 * two refills of its busiest API's bucket.
 */
const contractInteractionMs = (tps: number) => Math.max(1_500, 2_000 / tps)

export const WIRE_BASIC_RULES = ['R32', 'R33', 'R34'] as const

export interface PropertyStrategy {
  id: string
  title: string
  /** Rules a run of this property checks (what the rule matrix credits it with). */
  rules: readonly RuleId[]
  /**
   * It may run on a lane beside other such properties (src/properties/lane-safety.ts says why each is safe):
   * the exploring properties and the coverage plan; the contracts run beside them (besideLanes).
   */
  pooled?: boolean
  /**
   * It runs on the target itself, beside the lanes, when the target is rate-limited (the contracts: the
   * verifier's child takes its slots first in line from the run's limiter, and the list lock like a lane,
   * src/targets/shared-pacing.ts), so the lanes spend what it leaves of each API's rate while it waits on one.
   */
  besideLanes?: boolean
  /**
   * A fixed list of verdicts, the cheapest per call (the coverage plan, the contracts): it starts before the
   * exploring properties and its calls go first in line at the limiter, so exploration gets what remains
   * instead of starving it.
   */
  bounded?: boolean
  /** Its bundles replay command by command (replayBundle); otherwise they replay by seed and path. */
  sequential: boolean
  /** fast-check can walk a counterexample path of this property (--path; for fc.commands "path@replayPath"). */
  replaysPath: boolean
  /** A plain re-run reproduces a failure (contract verification): bundles replay by running it again. */
  rerunReplays?: boolean
  /**
   * A bounded step (it checks a fixed list, not random sequences): about how long it needs on this target.
   * Under a time budget that much is kept for it before the random properties share the rest.
   */
  fixedCostMs?(target: Target): number
  /** false: a failure of it is no command sequence to replay, so no replay bundle is written (the implementation probe). */
  bundles?: boolean
  run(target: Target, opts: PropertyRunOptions): Promise<PropertyResult>
}

export const ALL_PROPERTIES: readonly PropertyStrategy[] = [
  {
    // coverage first: every documented rule once in a fixed plan, before the random exploration below;
    // deterministic, so a failure reproduces by running it again
    id: coveragePlan.id,
    title: coveragePlan.title,
    rules: [...new Set([...coveragePlan.rules, ...WIRE_BASIC_RULES])],
    bounded: true,
    // on the first lane, first in line at the limiter: the lanes beside it spend what it leaves
    pooled: isLaneSafe(coveragePlan.id),
    sequential: false,
    replaysPath: false,
    rerunReplays: true,
    run: (target, opts) => runPlan(coveragePlanDeclaration, target, opts),
  },
  ...SEQUENTIAL_PROPERTIES.map(
    (def): PropertyStrategy => ({
      id: def.id,
      title: def.title,
      rules: [...new Set([...def.rules, ...WIRE_BASIC_RULES])],
      sequential: true,
      replaysPath: true,
      pooled: isLaneSafe(def.id),
      run: (target, opts) => runProperty(def, target, opts),
    }),
  ),
  {
    id: concurrencyProperty.id,
    title: concurrencyProperty.title,
    rules: concurrencyProperty.rules,
    sequential: false,
    replaysPath: true,
    pooled: isLaneSafe(concurrencyProperty.id),
    run: (target, opts) => runConcurrencyProperty(target, opts),
  },
  {
    // deterministic: re-running the verification reproduces a failure, no seed or path involved
    id: contractsProperty.id,
    title: contractsProperty.title,
    rules: contractsProperty.rules,
    bounded: true,
    besideLanes: true,
    sequential: false,
    replaysPath: false,
    rerunReplays: true,
    // the verifier's start-up (~3 s), then one interaction at a time, each its state, request and clean-up in
    // turn. Generous on purpose: it runs before exploration, and what it leaves unused goes back to it.
    fixedCostMs: (target) =>
      5_000 +
      (target.rateLimit ? Math.ceil(CONTRACT_INTERACTIONS * contractInteractionMs(target.rateLimit.tps)) : 3_000),
    run: (target, opts) => runContractProperty(target, opts),
  },
]

export const PROPERTY_IDS: readonly string[] = ALL_PROPERTIES.map((p) => p.id)

export function shardLabel(s: Shard): string {
  return `${s.index}/${s.count}`
}

/**
 * --only keeps the named properties (in catalogue order); --shard i/n then keeps every n-th of those,
 * starting at the i-th (round-robin by index), so n shards partition the selection and each gets a mix of
 * slow and fast suites.
 */
export function selectProperties(
  only: readonly string[] | undefined,
  shard: Shard | undefined,
  all: readonly PropertyStrategy[] = ALL_PROPERTIES,
): PropertyStrategy[] {
  let chosen = [...all]
  if (only?.length) {
    const unknown = only.filter((id) => !all.some((p) => p.id === id))
    if (unknown.length)
      throw new UsageError(
        `unknown property ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${all.map((p) => p.id).join(', ')})`,
      )
    chosen = all.filter((p) => only.includes(p.id))
  }
  if (shard) chosen = chosen.filter((_p, i) => i % shard.count === shard.index - 1)
  return chosen
}
