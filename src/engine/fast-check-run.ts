// The one place a property meets fast-check. A generated strategy gives an arbitrary of runs (a command
// sequence, rounds of concurrent calls) and how to execute one run on the target and the model and check it;
// this runs fc.check with the run's seed, run count or path and time budget, keeps the last failing run's
// (shrunk) failure, and turns fast-check's details into the shared verdict (property-verdict.ts).
import fc from 'fast-check'
import { AssertionLedger } from '../harness/assertions'
import type { Cmd } from '../harness/commands'
import type { Target } from '../targets/target'
import { harnessFailure } from './harness-failure'
import type { PropertyFailure, PropertyResult, PropertyRunOptions } from '../harness/property-types'
import { propertyVerdict } from './property-verdict'

/** What one executed run answers: the calls it made and the failure of the check that fired, if one did. */
export interface ExecutedRun {
  calls: number
  failure?: PropertyFailure
}

export interface GeneratedStrategy<T> {
  /** The property's id, title and rules as reports show them. */
  identity: Pick<PropertyResult, 'property' | 'title' | 'rules'>
  arbitrary: fc.Arbitrary<T>
  numRuns: number
  /** Runs one generated value; a throw is a harness error (the run's failure, with the value's commands). */
  execute(value: T, ledger: AssertionLedger): Promise<ExecutedRun>
  /** The commands of a generated value, for the failure of a run that threw. */
  commandsOf?(value: T): Cmd[]
}

/** Carries a check's failure out of the predicate, so fast-check shrinks it. */
class RunFailed extends Error {
  constructor(readonly failure: PropertyFailure) {
    super(`${failure.rule}: ${failure.message.split('\n')[0]}`)
  }
}

export async function runGenerated<T>(
  strategy: GeneratedStrategy<T>,
  target: Target,
  opts: PropertyRunOptions & { path?: string },
): Promise<{ result: PropertyResult; details: fc.RunDetails<[T]> }> {
  const started = Date.now()
  const ledger = new AssertionLedger(opts.onAssertion)
  let commandsExecuted = 0
  let lastFailure: PropertyFailure | undefined
  // fast-check's time limit cannot stop a run under way: it stops waiting for it and ignores its outcome
  // (https://fast-check.dev/docs/core-blocks/plugins/time-limits/). Such a run keeps calling the target, so the
  // property does not end before it does: otherwise the next property's reset deletes the views it still
  // uses, and what it then meets (a view gone under a publish) taught the shared choice knowledge a wrong value.
  const running = new Set<Promise<unknown>>()
  let ended = false
  // what such a run still asserts counts for nothing either: the property's verdict is already taken
  const untilEnded = new AssertionLedger((rule, outcome) => {
    if (!ended) (outcome === 'failed' ? ledger.fail : ledger.record)(rule)
  })
  const property = fc.asyncProperty(strategy.arbitrary, async (value) => {
    const execution = strategy.execute(value, untilEnded)
    running.add(execution)
    let run: ExecutedRun
    try {
      run = await execution
    } catch (e) {
      if (!ended) lastFailure = harnessFailure(e, { commands: strategy.commandsOf?.(value) })
      throw e
    } finally {
      running.delete(execution)
    }
    commandsExecuted += run.calls
    // a run past the time limit is no verdict: fast-check ignores it, and so does the report
    if (run.failure && !ended) {
      if (run.failure.rule !== 'harness') ledger.fail(run.failure.rule)
      lastFailure = run.failure
      throw new RunFailed(run.failure)
    }
  })
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.numRuns ?? strategy.numRuns,
    ...(opts.path ? { path: opts.path } : {}),
    ...(opts.timeLimitMs ? { interruptAfterTimeLimit: opts.timeLimitMs } : {}),
    endOnFailure: false,
  })
  ended = true
  // it stops at its next command (the budget is past): what it still sends ends here, not in the next property
  await Promise.allSettled([...running])
  const result = propertyVerdict({
    details,
    ledger,
    lastFailure,
    timeLimitMs: opts.timeLimitMs,
    missing: [...target.implementation.missing.keys()],
    base: {
      ...strategy.identity,
      seed: opts.seed,
      numRuns: details.numRuns,
      commandsExecuted,
      durationMs: Date.now() - started,
    },
  })
  return { result, details }
}
