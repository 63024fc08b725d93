// Property 10 (R10 under concurrency): publishes and content updates fired in parallel at one view must be
// linearizable against the reference model — some sequential order, consistent with real time, explains
// every answer. A read-modify-write publish that loses an update shows up as one version number issued
// twice with different content, or as a publish whose answer no order can produce.
//
// This does not fit the sequential command runner (src/harness/property.ts): a run is a list of rounds,
// each round a batch of calls sent together with Promise.all. It returns the same PropertyResult so
// reports treat it like the others.
import fc from 'fast-check'
import type { Cmd, ContentSpec } from '../harness/commands'
import { smallContent } from '../arbitraries/content'
import { checkLinearizability } from '../harness/linearizability'
import {
  describeHistoryEntry, historyOutcome, viewsSequentialModel, type ViewsExpected, type ViewsHistoryEntry,
} from '../harness/linearizable-views'
import type { Mode } from '../harness/projection'
import { AssertionLedger } from '../harness/assertions'
import type { AssertionSink } from '../harness/checks'
import { propertyVerdict } from '../harness/property-verdict'
import type { PropertyFailure, PropertyResult, StepRecord } from '../harness/property'
import { SideState } from '../harness/session'
import { modelSide, targetSide } from '../harness/sides'
import { deterministicOptions } from '../model/options'
import { ViewsModel } from '../model/views-model'
import type { Target } from '../targets/target'

export type ConcurrentCmd = Extract<Cmd, { op: 'CreateViewVersion' | 'UpdateViewContent' }>
/** Calls sent together; rounds run one after another. */
export type Round = ConcurrentCmd[]

export const concurrency = {
  id: 'concurrency',
  title: 'Concurrent publishes and content updates are linearizable',
  rules: ['R10'],
  numRuns: 40,
  maxRounds: 5,
} as const

/** The view every run starts from; generated contents (smallContent) never equal it, so the first publish is a real change. */
const INITIAL_CONTENT: ContentSpec = { Template: '{"Head":{"Title":"t"},"Body":[]}', Actions: ['Submit'] }
const CREATE: Cmd = { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: INITIAL_CONTENT, name: 'concurrency' }

const publishCmd: fc.Arbitrary<ConcurrentCmd> = fc.constant({ op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' })
const updateCmd = (status: 'SAVED' | 'PUBLISHED'): fc.Arbitrary<ConcurrentCmd> =>
  smallContent.map((content) => ({ op: 'UpdateViewContent', slot: 0, status, content, ref: 'id' }))

// Publishes first: fast-check shrinks oneof towards its first branch, so counterexamples read "publish, …".
export const concurrentCmdArb: fc.Arbitrary<ConcurrentCmd> = fc.oneof(
  { weight: 4, arbitrary: publishCmd },
  { weight: 4, arbitrary: updateCmd('PUBLISHED') },
  { weight: 1, arbitrary: updateCmd('SAVED') },
)
// minLength 0 + filter rather than minLength 2/1: fast-check's array shrinker cannot drop the LAST
// element of an array that sits at its minLength, so a counterexample like [publish, update, publish,
// update] would never lose its trailing update. The filter keeps generated and shrunk runs in range.
export const roundArb: fc.Arbitrary<Round> = fc.array(concurrentCmdArb, { minLength: 0, maxLength: 6 }).filter((r) => r.length >= 2)
export const roundsArb = (maxRounds: number = concurrency.maxRounds): fc.Arbitrary<Round[]> =>
  fc.array(roundArb, { minLength: 0, maxLength: maxRounds }).filter((rs) => rs.length >= 1)

export interface RoundsOutcome {
  failure?: PropertyFailure
  /** Requests sent, the arranging CreateView included. */
  calls: number
  history: ViewsHistoryEntry[]
}

class RoundsFailure extends Error {
  constructor(readonly failure: PropertyFailure) {
    super(`${failure.rule}: ${failure.message.split('\n')[0]}`)
  }
}

/**
 * Runs fixed rounds once on a fresh target state and checks the whole history so far after every round
 * (the first round that breaks linearizability is the one reported). Also the replay entry point.
 */
export async function runRounds(target: Target, rounds: readonly Round[], mode: Mode, assert: AssertionSink = () => {}): Promise<RoundsOutcome> {
  await target.resetBetweenRuns()
  // No AWS-managed views: they cannot affect calls on one customer view, and they make every clone dearer.
  const model = new ViewsModel({ instances: [target.instanceId], region: target.region, awsManagedViews: false, choices: mode.choices, ...deterministicOptions() })
  const identity = target.sequenceIdentity() // name prefix + run tag, as every property
  const onTarget = new SideState(targetSide(target), identity)
  const onModel = new SideState(modelSide(model, target.instanceId), identity)
  if (target.implementation.isMissing('CreateView')) return { calls: 0, history: [] }
  const created = await onTarget.execute(CREATE)
  let calls = 1
  const history: ViewsHistoryEntry[] = []
  if (target.implementation.isMissing('CreateView')) return { calls, history }
  if (!created.outcome.ok) {
    const e = created.outcome.error
    return { calls, history, failure: { rule: 'R2', message: `arrange: CreateView PUBLISHED failed on the target: ${e.name}: ${e.message}`, step: 0, commands: [CREATE], transcript: [] } }
  }
  const modelCreated = await onModel.execute(CREATE)
  if (!modelCreated.outcome.ok) throw new Error(`the reference model refused the arranging CreateView: ${modelCreated.outcome.error.message}`)
  const spec = viewsSequentialModel({ start: model, instanceId: target.instanceId, viewId: onModel.slots.get(0)!.id, strict: mode.strict })
  const roundOf: number[] = []
  const cmdOf: ConcurrentCmd[] = []
  // A logical clock: ticks are taken synchronously before a call starts and after it ends, so intervals
  // contain the real ones and never tie.
  let clock = 0
  for (const [r, round] of rounds.entries()) {
    const first = history.length
    await Promise.all(round.map((cmd, k) => {
      const id = first + k
      const invokedAt = ++clock
      roundOf[id] = r
      cmdOf[id] = cmd
      return onTarget.execute(cmd).then((res) => {
        history[id] = { id, op: cmd.op, input: res.requests[0].input, invokedAt, completedAt: ++clock, outcome: historyOutcome(res.outcome) }
      })
    }))
    calls += round.length
    // an emulator without these operations: no verdict, and nothing more to send
    if (round.some((cmd) => target.implementation.isMissing(cmd.op))) return { calls, history }
    assert('R10')
    // The whole history so far, not just this round: a round can leave several possible states (two
    // concurrent updates, either last), and only a later round may tell which. Cheap at these sizes.
    const verdict = checkLinearizability(history, spec)
    if (verdict.linearizable) continue
    const blockingIndex = verdict.blocking === undefined ? -1 : verdict.blocking - first
    const expected = new Map(verdict.candidates.map((c) => [c.id, c.expected]))
    // commands/step: the failing round (what to look at); transcript: every call so far, since earlier
    // rounds built the state the failing round started from.
    const transcript: StepRecord[] = history.map((h) => ({
      index: h.id,
      cmd: cmdOf[h.id],
      target: { round: roundOf[h.id], invokedAt: h.invokedAt, completedAt: h.completedAt, outcome: h.outcome },
      model: expected.has(h.id) ? { expectedAfterLongestPrefix: expected.get(h.id) as ViewsExpected } : null,
    }))
    const lines = history.map((h) => `  ${describeHistoryEntry(h, roundOf[h.id])}`)
    const message = [
      `The concurrent calls of round ${r} (${round.length} calls, ${r} earlier round${r === 1 ? '' : 's'}) have no linearization against the reference model:`,
      'no sequential order of the calls, consistent with real time, produces the versions and contents the target answered',
      '(a publish that reads $LATEST and the version counter, then writes, losing a concurrent update, looks like this).',
      verdict.explanation,
      'History (logical time [invoked..completed]):',
      ...lines,
    ].join('\n')
    return { calls, history, failure: { rule: 'R10', message, step: blockingIndex >= 0 && blockingIndex < round.length ? blockingIndex : 0, commands: [...round], transcript } }
  }
  return { calls, history }
}

export interface ConcurrencyRunOptions {
  seed: number
  numRuns?: number
  mode: Mode
  /** Replay a shrunk path printed by an earlier failure. */
  path?: string
  maxRounds?: number
  timeLimitMs?: number
}

export interface ConcurrencyResult extends PropertyResult {
  /** Size of the shrunk counterexample (all rounds of the last failing run). */
  counterexample?: { rounds: number; calls: number }
  numShrinks?: number
}

/** Every run creates a view, then publishes and updates it concurrently. */
const CONCURRENCY_OPERATIONS = ['CreateView', 'CreateViewVersion', 'UpdateViewContent'] as const

export async function runConcurrencyProperty(target: Target, opts: ConcurrencyRunOptions): Promise<ConcurrencyResult> {
  const started = Date.now()
  const missing = CONCURRENCY_OPERATIONS.filter((op) => target.implementation.isMissing(op))
  if (missing.length) {
    return {
      property: concurrency.id, title: concurrency.title, rules: concurrency.rules, seed: opts.seed, numRuns: 0, commandsExecuted: 0,
      durationMs: 0, status: 'inconclusive', assertions: {}, note: `not exercised: the target does not implement ${missing.join(', ')}`,
    }
  }
  const ledger = new AssertionLedger()
  let commandsExecuted = 0
  let lastFailure: PropertyFailure | undefined
  const property = fc.asyncProperty(roundsArb(opts.maxRounds), async (rounds) => {
    let outcome: RoundsOutcome
    try {
      outcome = await runRounds(target, rounds, opts.mode, ledger.record)
    } catch (e) {
      lastFailure = { rule: 'harness', message: `harness error: ${(e as Error)?.stack ?? e}`, step: -1, commands: rounds.flat(), transcript: [] }
      throw e
    }
    commandsExecuted += outcome.calls
    if (outcome.failure) {
      lastFailure = outcome.failure
      throw new RoundsFailure(outcome.failure)
    }
  })
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.numRuns ?? concurrency.numRuns,
    ...(opts.path ? { path: opts.path } : {}),
    ...(opts.timeLimitMs ? { interruptAfterTimeLimit: opts.timeLimitMs } : {}),
    endOnFailure: false,
  })
  const verdict = propertyVerdict({
    details, ledger, lastFailure, timeLimitMs: opts.timeLimitMs, missing: [...target.implementation.missing.keys()],
    base: { property: concurrency.id, title: concurrency.title, rules: concurrency.rules, seed: opts.seed, numRuns: details.numRuns, commandsExecuted, durationMs: Date.now() - started },
  })
  if (verdict.status !== 'failed') return verdict
  const rounds = details.counterexample?.[0] as Round[] | undefined
  return {
    ...verdict, path: details.counterexamplePath ?? undefined,
    ...(rounds ? { counterexample: { rounds: rounds.length, calls: rounds.reduce((n, r) => n + r.length, 0) } } : {}),
    numShrinks: details.numShrinks,
  }
}
