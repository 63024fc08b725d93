// The concurrent strategy: a run is a list of rounds, each round a batch of calls sent together with
// Promise.all at one view; the whole history so far is checked for linearizability against the reference
// model after every round (src/harness/linearizability.ts). Generated, shrunk and judged through the same
// fast-check run as every other strategy (../fast-check-run.ts).
import type { AssertionSink } from '../../harness/checks'
import { checkLinearizability } from '../../harness/linearizability'
import {
  describeHistoryEntry,
  historyOutcome,
  viewsSequentialModel,
  type ViewsExpected,
  type ViewsHistoryEntry,
} from '../../harness/linearizable-views'
import { consistencyRecorder, now, retryWhileNotVisible } from '../../harness/consistency'
import type { Mode } from '../../harness/projection'
import { SideDriver } from '../../harness/session'
import { modelSide, targetSide } from '../../harness/sides'
import { deterministicOptions } from '../../model/options'
import { ViewsModel } from '../../model/views-model'
import { concurrencyProperty, CREATE } from '../../properties/concurrency'
import { roundsArb, type ConcurrentCmd, type Round } from '../../arbitraries/rounds'
import type { Target } from '../../targets/target'
import { unreachableVerdict } from '../property-verdict'
import { runGenerated } from '../fast-check-run'
import type { PropertyFailure, PropertyResult, PropertyRunOptions, StepRecord } from '../../harness/property-types'

export interface RoundsOutcome {
  failure?: PropertyFailure
  /** Requests sent, the arranging CreateView included. */
  calls: number
  history: ViewsHistoryEntry[]
}

/**
 * Runs fixed rounds once on a fresh target state and checks the whole history so far after every round
 * (the first round that breaks linearizability is the one reported). Also the replay entry point.
 */
export async function runRounds(
  target: Target,
  rounds: readonly Round[],
  mode: Mode,
  assert: AssertionSink = () => {},
): Promise<RoundsOutcome> {
  await target.resetBetweenRuns()
  // No AWS-managed views: they cannot affect calls on one customer view, and they make every clone dearer.
  const model = new ViewsModel({
    instances: [target.instanceId],
    region: target.region,
    awsManagedViews: false,
    choices: mode.choices,
    ...deterministicOptions(),
  })
  const identity = target.sequenceIdentity() // name prefix + run tag, as every property
  const onTarget = new SideDriver(targetSide(target), identity)
  const onModel = new SideDriver(modelSide(model, target.instanceId), identity)
  if (target.implementation.isMissing('CreateView')) return { calls: 0, history: [] }
  const created = await onTarget.execute(CREATE)
  let calls = 1
  const history: ViewsHistoryEntry[] = []
  if (target.implementation.isMissing('CreateView')) return { calls, history }
  if (!created.outcome.ok) {
    const e = created.outcome.error
    return {
      calls,
      history,
      failure: {
        rule: 'R2',
        message: `arrange: CreateView PUBLISHED failed on the target: ${e.name}: ${e.message}`,
        step: 0,
        commands: [CREATE],
        transcript: [],
      },
    }
  }
  const modelCreated = await onModel.execute(CREATE)
  if (!modelCreated.outcome.ok)
    throw new Error(`the reference model refused the arranging CreateView: ${modelCreated.outcome.error.message}`)
  const spec = viewsSequentialModel({
    start: model,
    instanceId: target.instanceId,
    viewId: onModel.slots.get(0)!.id,
    strict: mode.strict,
  })
  // Connect documents that a call on a view created moments ago may answer ResourceNotFoundException or
  // InvalidRequestException for a while: under eventual consistency such an answer is tried again (through the
  // limiter, with backoff) until W after the view's creation; the history keeps the call's whole interval.
  const createdAt = now()
  const recorder = mode.consistency ? consistencyRecorder(target.root, mode.consistency) : undefined
  const send = (cmd: ConcurrentCmd) =>
    mode.consistency?.model === 'eventual'
      ? retryWhileNotVisible(() => onTarget.execute(cmd), createdAt + mode.consistency.windowMs, recorder)
      : onTarget.execute(cmd)
  const roundOf: number[] = []
  const cmdOf: ConcurrentCmd[] = []
  // A logical clock: ticks are taken synchronously before a call starts and after it ends, so intervals
  // contain the real ones and never tie.
  let clock = 0
  for (const [r, round] of rounds.entries()) {
    const first = history.length
    await Promise.all(
      round.map((cmd, k) => {
        const id = first + k
        const invokedAt = ++clock
        roundOf[id] = r
        cmdOf[id] = cmd
        return send(cmd).then((res) => {
          history[id] = {
            id,
            op: cmd.op,
            input: res.requests[0].input,
            invokedAt,
            completedAt: ++clock,
            outcome: historyOutcome(res.outcome),
          }
        })
      }),
    )
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
    return {
      calls,
      history,
      failure: {
        rule: 'R10',
        message,
        step: blockingIndex >= 0 && blockingIndex < round.length ? blockingIndex : 0,
        commands: [...round],
        transcript,
      },
    }
  }
  return { calls, history }
}

export interface ConcurrencyRunOptions extends PropertyRunOptions {
  maxRounds?: number
}

export interface ConcurrencyResult extends PropertyResult {
  /** Size of the shrunk counterexample (all rounds of the last failing run). */
  counterexample?: { rounds: number; calls: number }
  numShrinks?: number
}

/** Every run creates a view, then publishes and updates it concurrently. */
const CONCURRENCY_OPERATIONS = ['CreateView', 'CreateViewVersion', 'UpdateViewContent'] as const

export async function runConcurrencyProperty(target: Target, opts: ConcurrencyRunOptions): Promise<ConcurrencyResult> {
  const identity = {
    property: concurrencyProperty.id,
    title: concurrencyProperty.title,
    rules: concurrencyProperty.rules,
  }
  const missing = CONCURRENCY_OPERATIONS.filter((op) => target.implementation.isMissing(op))
  if (missing.length) {
    return unreachableVerdict(identity, opts.seed, `the target does not implement ${missing.join(', ')}`)
  }
  const { result, details } = await runGenerated(
    {
      identity,
      arbitrary: roundsArb(opts.maxRounds ?? concurrencyProperty.maxRounds),
      numRuns: concurrencyProperty.numRuns,
      execute: (rounds, ledger) => runRounds(target, rounds, opts.mode, ledger.record),
      commandsOf: (rounds) => rounds.flat(),
    },
    target,
    opts,
  )
  if (result.status !== 'failed') return result
  const rounds = details.counterexample?.[0]
  return {
    ...result,
    path: details.counterexamplePath ?? undefined,
    ...(rounds ? { counterexample: { rounds: rounds.length, calls: rounds.reduce((n, r) => n + r.length, 0) } } : {}),
    numShrinks: details.numShrinks,
  }
}
