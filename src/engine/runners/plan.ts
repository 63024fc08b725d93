// The plan strategy: a fixed, deterministic list of commands run once as one sequence (no randomness: seed
// and budget do not change it), then the plan's probes; every step is reported as a verdict naming the rules
// it was planned for and those whose assertions actually executed, so the report says which rule each call
// served. The coverage plan (src/properties/coverage-plan.ts) is its declaration.
import { AssertionLedger } from '../../harness/assertions'
import { describeCmd } from '../../harness/commands'
import type { RuleId } from '../../spec'
import { isRuleId } from '../../spec'
import type { Target } from '../../targets/target'
import type { PlanDeclaration } from '../../properties/coverage-plan'
import type { ProbeResult } from '../../properties/support/plan-probes'
import type {
  InteractionVerdict,
  SequentialProperty,
  PropertyResult,
  PropertyRunOptions,
} from '../../harness/property-types'
import { runSequence } from '../../harness/sequence'

/**
 * Which rules' assertions executed at which plan step: the ledger's counts, read after each step's checks
 * (the runner checks R32–R34 before the property's check, so a step's share is whatever grew since the last
 * reading).
 */
class StepAttribution {
  readonly byStep = new Map<number, Set<RuleId>>()
  private last: Partial<Record<RuleId, number>> = {}
  constructor(private readonly ledger: AssertionLedger) {}

  settle(index: number): void {
    const now = this.ledger.toRecord()
    const rules = this.byStep.get(index) ?? new Set<RuleId>()
    for (const [r, n] of Object.entries(now) as [RuleId, number][]) if (n > (this.last[r] ?? 0)) rules.add(r)
    this.byStep.set(index, rules)
    this.last = now
  }
}

/**
 * Runs the plan once (no randomness: seed and budget do not change it) and reports each executed step as a
 * verdict naming the rules it was planned for (state) and those whose assertions actually executed (rules),
 * so the report says which rule each call served.
 */
export async function runPlan(
  plan: PlanDeclaration,
  target: Target,
  opts: PropertyRunOptions,
): Promise<PropertyResult> {
  const { property: coveragePlan, steps: COVERAGE_PLAN, everyAnswer: EVERY_ANSWER } = plan
  const started = Date.now()
  const callsBefore = target.stats.calls
  const ledger = new AssertionLedger(opts.onAssertion)
  const steps = new StepAttribution(ledger)
  const def: SequentialProperty = {
    ...coveragePlan,
    check: (step, ctx) => {
      steps.settle(step.index)
      const failure = coveragePlan.check(step, ctx)
      steps.settle(step.index)
      return failure
    },
  }
  const { failure, session, notImplemented, throttled } = await runSequence(
    def,
    target,
    COVERAGE_PLAN.map((s) => s.cmd),
    opts.mode,
    ledger,
  )
  if (session.steps.length) steps.settle(session.steps.length - 1) // a failure of R32–R34 ends the plan before the check
  const served = new Map(COVERAGE_PLAN.map((s) => [s.cmd, s.serves]))
  const interactions: InteractionVerdict[] = session.steps.map((step) => {
    const failed = failure?.step === step.index
    return {
      interaction: `plan step ${step.index + 1}: ${describeCmd(step.cmd)}`,
      state: `serves ${[...(served.get(step.cmd) ?? []), ...EVERY_ANSWER].join(' ')}`,
      status: failed ? 'failed' : 'passed',
      // a failed interaction counts against every rule it names (report/json-report.ts, ruleReports): the failed step names
      // only the rule that failed, not the others whose assertions passed in it
      rules: failed
        ? isRuleId(failure.rule)
          ? [failure.rule]
          : []
        : [...(steps.byStep.get(step.index) ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
      ...(failed ? { mismatch: `${failure.rule}: ${failure.message}` } : {}),
    }
  })
  const probes: ProbeResult[] = (await plan.probes?.(target, ledger)) ?? []
  interactions.push(...probes.map((p) => p.interaction))
  const probeFailure = probes.find((p) => p.failure)?.failure
  const base = {
    property: coveragePlan.id,
    title: coveragePlan.title,
    rules: coveragePlan.rules,
    seed: opts.seed,
    numRuns: 1,
    commandsExecuted: session.steps.length,
    durationMs: Date.now() - started,
    assertions: ledger.toRecord(),
    interactions,
    report: `coverage plan: ${session.steps.length} of ${COVERAGE_PLAN.length} steps and ${probes.length} probes, ${target.stats.calls - callsBefore} calls`,
    // the rules of the steps it did not reach stay not exercised; say why the plan stopped
    note: [
      ...(notImplemented
        ? [
            `stopped after ${session.steps.length} of ${COVERAGE_PLAN.length} steps: the target does not implement ${notImplemented.join(', ')}`,
          ]
        : []),
      ...(throttled
        ? [
            `stopped after ${session.steps.length} of ${COVERAGE_PLAN.length} steps: a call stayed throttled (HTTP 429) past its retries, so the rest could not be compared`,
          ]
        : []),
      ...(plan.unexercisedReasons?.(ledger, target) ?? []),
    ].join('; '),
  }
  if (failure) return { ...base, status: 'failed', failure }
  // a probe's failure replays by re-running the plan (its reproduce line), not from commands
  if (probeFailure)
    return { ...base, status: 'failed', failure: { ...probeFailure, step: -1, commands: [], transcript: [] } }
  if (ledger.total > 0) return { ...base, status: 'passed' }
  const missing = [...target.implementation.missing.keys()]
  return {
    ...base,
    status: 'inconclusive',
    note: `not exercised: ${missing.length ? `the target does not implement ${missing.join(', ')}` : 'no assertion executed against the target'}`,
  }
}
