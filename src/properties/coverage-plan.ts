// Coverage first: a short, fixed command plan that exercises every documented rule of the catalogue
// (src/spec/rules.ts) once with few calls, before any random exploration. Two views carry the whole plan:
// one is published, drafted, versioned, checksum-checked, pruned and finally deleted; the other stays a
// draft and serves the name-clash and tagging checks. Each step says which rules it serves and which
// property's check judges it (that property's rule attribution), with the model comparison of the
// differential property on every step as well; R32–R34 are checked on every answer by the runner.
// After the sequence, two probes (support/plan-probes.ts): malformed requests (R44) and a short burst past the
// client-side limiter that provokes throttling (R23, exercised only on a target that throttles).
// On a rationed live target this buys, in ~45-55 calls, what random sequences reach only by luck.
import type { AssertionLedger } from '../harness/assertions'
import type { CheckContext, SequentialProperty } from '../harness/property-types'
import type { Cmd, ContentSpec } from '../harness/commands'
import type { Step } from '../harness/session'
import { isRuleId, rule, RULES, type RuleId } from '../spec'
import { checksumConflict } from './checksum-conflict'
import { deleteSemantics } from './delete'
import { differential } from './differential'
import { immutability } from './immutability'
import { monotonicVersions } from './monotonic-versions'
import { noChangePublish } from './no-change-publish'
import { SEQUENTIAL_PROPERTIES } from './index'
import { pagination } from './pagination'
import { savedVsLatest } from './saved-vs-latest'
import { tagsAfterTagging } from './tags'
import { validation } from './validation'
import { runMalformedProbes, runThrottleBurst, type ProbeResult } from './support/plan-probes'
import { QUOTA_PROBE_OFF, runQuotaProbe } from './support/quota-probe'
import type { Target } from '../targets/target'

/** The plan's declaration, which engine/runners/plan.ts runs. */
export interface PlanStep {
  cmd: Cmd
  /** Rules this step's answer is checked for (besides R32–R34, checked on every answer). */
  serves: readonly RuleId[]
  /** The property whose check judges the step first (default: differential). */
  judge?: SequentialProperty
}

export interface PlanDeclaration {
  /** The plan as a property: its id, title, rules and the check every step goes through. */
  property: SequentialProperty
  steps: readonly PlanStep[]
  /** Rules every answer is checked for, listed with each step. */
  everyAnswer: readonly RuleId[]
  /** Requests of their own after the sequence (each an interaction verdict), recording into the ledger. */
  probes?(target: Target, ledger: AssertionLedger): Promise<ProbeResult[]>
  /** Why rules the plan cannot promise stayed not exercised (its report note). */
  unexercisedReasons?(ledger: AssertionLedger, target?: Target): string[]
}

const content = (title: string, actions: string[] = []): ContentSpec => ({
  Template: JSON.stringify({ Head: { Title: title }, Body: [] }),
  Actions: actions,
})
const describe = (
  slot: number,
  qualifier: '' | '$SAVED' | '$LATEST' | number,
  extra: { ref?: 'id' | 'arn'; allowDeleted?: boolean } = {},
): Cmd => ({
  op: 'DescribeView',
  slot,
  ref: extra.ref ?? 'id',
  qualifier,
  ...(extra.allowDeleted ? { allowDeleted: true } : {}),
})
const instance = '{instance}'

export const COVERAGE_PLAN: readonly PlanStep[] = [
  {
    cmd: {
      op: 'CreateView',
      slot: 0,
      status: 'PUBLISHED',
      content: content('a1', ['Submit']),
      name: 'plan-a',
      clientToken: 'plan-token-a',
      tags: { team: 'plan' },
    },
    serves: ['R2'],
  },
  { cmd: { op: 'RetryCreateView', slot: 0 }, serves: ['R6'] },
  { cmd: { op: 'CreateView', slot: 1, status: 'SAVED', content: content('b1'), name: 'plan-b' }, serves: ['R2'] },
  { cmd: describe(1, ''), serves: ['R7'], judge: savedVsLatest },
  { cmd: describe(1, '$SAVED', { ref: 'arn' }), serves: ['R7', 'R1'], judge: savedVsLatest },
  {
    cmd: { op: 'CreateView', slot: 2, status: 'PUBLISHED', content: content('clash'), name: 'plan-a' },
    serves: ['R5'],
  },
  {
    cmd: { op: 'UpdateViewContent', slot: 0, status: 'SAVED', content: content('a2'), ref: 'arn' },
    serves: ['R3', 'R15'],
  },
  { cmd: describe(0, '$LATEST'), serves: ['R3', 'R13', 'R1'], judge: savedVsLatest },
  { cmd: describe(0, '$SAVED'), serves: ['R3'], judge: savedVsLatest },
  {
    cmd: { op: 'CreateViewVersion', slot: 0, sha: 'current', ref: 'id' },
    serves: ['R10', 'R12', 'R15'],
    judge: monotonicVersions,
  },
  {
    cmd: { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('a3'), ref: 'id' },
    serves: ['R3', 'R13', 'R15'],
  },
  { cmd: { op: 'CreateViewVersion', slot: 0, sha: 'stale', ref: 'id' }, serves: ['R12'], judge: checksumConflict },
  {
    cmd: { op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'arn', versionDescription: 'second' },
    serves: ['R10', 'R12'],
    judge: monotonicVersions,
  },
  { cmd: { op: 'CreateViewVersion', slot: 0, sha: 'current', ref: 'id' }, serves: ['R11'], judge: noChangePublish },
  { cmd: { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('a4'), ref: 'id' }, serves: ['R3'] },
  { cmd: { op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' }, serves: ['R10'], judge: monotonicVersions },
  { cmd: describe(0, 1), serves: ['R10', 'R1'], judge: immutability },
  { cmd: { op: 'DeleteViewVersion', slot: 0, version: 2 }, serves: ['R17'], judge: deleteSemantics },
  { cmd: describe(0, 2), serves: ['R17', 'R25'], judge: deleteSemantics },
  { cmd: describe(0, 3, { ref: 'arn' }), serves: ['R17', 'R10'], judge: immutability },
  { cmd: { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('a5'), ref: 'id' }, serves: ['R3'] },
  {
    cmd: { op: 'CreateViewVersion', slot: 0, sha: 'current', ref: 'id' },
    serves: ['R26a', 'R10'],
    judge: monotonicVersions,
  },
  { cmd: { op: 'ListViewVersions', slot: 0, maxResults: 1 }, serves: ['R18', 'R27'], judge: pagination },
  { cmd: { op: 'ListViews', maxResults: 100, type: 'CUSTOMER_MANAGED' }, serves: ['R18', 'R27'], judge: pagination },
  { cmd: { op: 'DescribeAwsManagedView' }, serves: ['R8'] },
  { cmd: { op: 'UpdateViewMetadata', slot: 1, name: 'plan-a' }, serves: ['R5'] },
  { cmd: { op: 'UpdateViewMetadata', slot: 1, description: 'still a draft' }, serves: ['R31'] },
  { cmd: { op: 'UpdateViewMetadata', slot: 0 }, serves: ['R30'], judge: validation },
  {
    cmd: {
      op: 'Raw',
      operation: 'CreateView',
      input: { InstanceId: instance, Name: 'n'.repeat(256), Status: 'SAVED', Content: content('long') },
    },
    serves: ['R24'],
    judge: validation,
  },
  {
    cmd: {
      op: 'Raw',
      operation: 'CreateView',
      input: {
        InstanceId: instance,
        Name: 'too-big',
        Status: 'SAVED',
        Content: {
          Template: JSON.stringify({
            Head: { Title: 'big' },
            Body: [{ _id: 'c0', Type: 'Text', Props: { Text: 'x'.repeat(410_000) }, Content: [] }],
          }),
          Actions: [],
        },
      },
    },
    serves: ['R20'],
    judge: validation,
  },
  { cmd: { op: 'TagResource', slot: 1, tags: { stage: 'plan' } }, serves: ['R21'] },
  { cmd: { op: 'ListTagsForResource', slot: 1 }, serves: ['R21'] },
  { cmd: { op: 'UntagResource', slot: 1, keys: ['stage'] }, serves: ['R21'] },
  { cmd: { op: 'ListTagsForResource', slot: 1 }, serves: ['R21'], judge: tagsAfterTagging },
  { cmd: { op: 'SearchViews', maxResults: 100 }, serves: ['R46'] },
  { cmd: { op: 'DeleteView', slot: 0, ref: 'arn' }, serves: ['R16'], judge: deleteSemantics },
  { cmd: describe(0, 1, { allowDeleted: true }), serves: ['R16', 'R25'], judge: deleteSemantics },
  {
    cmd: { op: 'ListViewVersions', slot: 0, maxResults: 10, allowDeleted: true },
    serves: ['R16', 'R25'],
    judge: deleteSemantics,
  },
  { cmd: { op: 'DeleteView', slot: 1, ref: 'id' }, serves: ['R16'] },
]

/** Documented rules no plan step serves, and why (the report lists them; exploration and other suites may still reach them). */
export const NOT_PLANNED: Readonly<Partial<Record<RuleId, string>>> = {
  R22: `${QUOTA_PROBE_OFF}; every quota answer a run meets is still checked (402 ServiceQuotaExceededException)`,
}

/** Rules the plan's probes serve after its sequence (support/plan-probes.ts): R44 always, R23 only on a target that throttles. */
const PROBED: readonly RuleId[] = ['R44', 'R23']

/** Why documented rules the plan cannot promise stayed not exercised in this run (the plan's report note). */
function unexercisedReasons(ledger: AssertionLedger, target?: Target): string[] {
  const done = ledger.toRecord()
  const why: Partial<Record<RuleId, string>> = {
    ...NOT_PLANNED,
    ...(target?.probeQuotas ? { R22: `no quota answer within --probe-quotas ${target.probeQuotas} calls` } : {}),
    R23: 'the target throttled none of the burst',
  }
  return (Object.entries(why) as [RuleId, string][])
    .filter(([id]) => !(done[id]! > 0))
    .map(([id, reason]) => `${id} not exercised: ${reason}`)
}

/** Rules checked on every answer (checkWireBasics), so every step serves them. */
const EVERY_ANSWER: readonly RuleId[] = ['R32', 'R33', 'R34']

/**
 * The step's judge first (its rule attribution wins), then every other property's check: their bookkeeping
 * (versions issued, contents first seen) must see every step, and each records the assertions it executes.
 */
function checkPlanStep(step: Step, ctx: CheckContext, judge: SequentialProperty = differential) {
  let failure = judge.check(step, ctx)
  for (const def of SEQUENTIAL_PROPERTIES) if (!failure && def !== judge) failure = def.check(step, ctx)
  return failure
}

const judgeOf = new Map<Cmd, SequentialProperty | undefined>(COVERAGE_PLAN.map((s) => [s.cmd, s.judge]))

export const coveragePlan: SequentialProperty = {
  id: 'coverage-plan',
  title: 'Every documented rule once, in a fixed plan of few calls',
  rules: [...new Set([...COVERAGE_PLAN.flatMap((s) => s.serves), ...PROBED, ...EVERY_ANSWER])],
  maxCommands: COVERAGE_PLAN.length,
  numRuns: 1,
  commands: () => [],
  check: (step, ctx) => checkPlanStep(step, ctx, judgeOf.get(step.cmd)),
}

/** Documented rules of the catalogue the plan does not serve (should be exactly the keys of NOT_PLANNED). */
export function unplannedDocumentedRules(): RuleId[] {
  const served = new Set(coveragePlan.rules)
  return RULES.map((r) => r.id)
    .filter(isRuleId)
    .filter((id) => rule(id).confidence === 'documented' && !served.has(id))
}

/** The plan as the engine's plan strategy runs it (src/engine/runners/plan.ts). */
export const coveragePlanDeclaration: PlanDeclaration = {
  property: coveragePlan,
  steps: COVERAGE_PLAN,
  everyAnswer: EVERY_ANSWER,
  // the probes run whatever the sequence found: they check other rules, with requests of their own
  probes: async (target, ledger) => [
    ...(await runMalformedProbes(target, ledger)),
    await runThrottleBurst(target, ledger),
    ...(target.probeQuotas ? [await runQuotaProbe(target, ledger, target.probeQuotas)] : []),
  ],
  unexercisedReasons,
}
