// The sequential strategy: fast-check's fc.commands over the shared command vocabulary, each generated
// sequence run in lockstep on the target and a fresh reference model (sequence.ts), each step checked by the
// property's checks. A failure keeps the executed (shrunk) command list and transcript for the replay bundle.
import fc from 'fast-check'
import { describeCmd, type Cmd } from '../../harness/commands'
import { operationsOf } from '../../harness/checks'
import type { OperationName } from '../../spec'
import type { Target } from '../../targets/target'
import { unreachableVerdict } from '../property-verdict'
import { runGenerated, type ExecutedRun } from '../fast-check-run'
import { harnessFailure } from '../harness-failure'
import type { SequentialProperty, PropertyResult, PropertyRunOptions } from '../../harness/property-types'
import { failureOf, startSequence, stepAndCheck, StepFailure, usesMissing, type Sequence } from '../../harness/sequence'

export async function runProperty(
  def: SequentialProperty,
  target: Target,
  opts: PropertyRunOptions,
): Promise<PropertyResult> {
  const deadline = opts.timeLimitMs ? Date.now() + opts.timeLimitMs : Infinity
  const prelude = def.prelude ?? []
  const identity = { property: def.id, title: def.title, rules: def.rules }
  const unreachable = unreachableBecauseMissing(def, target)
  if (unreachable) {
    return unreachableVerdict(identity, opts.seed, unreachable)
  }

  const toFc = (cmd: Cmd): fc.AsyncCommand<Sequence, Target> => ({
    // past the deadline the sequence under way stops at its next command: a budget ends a run, not a call
    check: (seq) => !seq.stopped && Date.now() < deadline && !usesMissing(target, cmd) && seq.session.canRun(cmd),
    run: async (seq) => {
      for (const next of [cmd, ...(def.followUp?.(cmd) ?? [])]) {
        if (next !== cmd && (seq.stopped || usesMissing(target, next) || !seq.session.canRun(next))) break
        const failure = await stepAndCheck(def, seq, target, next)
        if (failure) throw new StepFailure(failure, seq.session.steps.length - 1)
      }
    },
    toString: () => describeCmd(cmd),
  })
  const { path, replayPath } = splitPath(opts.path)
  const arbitrary = fc.commands(
    def.commands().map((a) => a.map(toFc)),
    { maxCommands: def.maxCommands, size: 'max', ...(replayPath ? { replayPath } : {}) },
  )

  const { result, details } = await runGenerated(
    {
      identity,
      arbitrary,
      numRuns: def.numRuns,
      execute: async (cmds, ledger): Promise<ExecutedRun> => {
        // nothing to learn from a sequence whose arranging step the target cannot perform
        if (prelude.some((cmd) => usesMissing(target, cmd))) return { calls: 0 }
        const seq = await startSequence(def, target, opts.mode, ledger)
        const ran = (): ExecutedRun => ({ calls: seq.session.steps.length })
        try {
          for (const cmd of prelude) {
            const failure = await stepAndCheck(def, seq, target, cmd)
            if (failure) return { ...ran(), failure: failureOf(failure, seq) }
            if (seq.stopped) return ran()
          }
          await fc.asyncModelRun(() => ({ model: seq, real: target }), cmds)
          return ran()
        } catch (e) {
          // a check that fired, or a throw inside the harness: either way the sequence's transcript goes with it
          return { ...ran(), failure: failureOf(e instanceof StepFailure ? e.failure : harnessFailure(e), seq) }
        }
      },
    },
    target,
    { ...opts, path },
  )
  return result.status === 'failed'
    ? { ...result, path: joinPath(details.counterexamplePath, details.counterexample?.[0]) }
    : result
}

/**
 * Why no sequence of `def` can reach the target, if none can: its arranging prelude needs an operation the
 * target lacks, or every command it generates does (sampled: each arbitrary draws from few operations).
 * Running it anyway would spin through empty sequences until the budget ran out.
 */
function unreachableBecauseMissing(def: SequentialProperty, target: Target): string | undefined {
  const missing = (ops: Iterable<OperationName>) =>
    [...new Set(ops)].filter((op) => target.implementation.isMissing(op))
  const preludeMissing = missing((def.prelude ?? []).flatMap(operationsOf))
  if (preludeMissing.length)
    return `the target does not implement ${preludeMissing.join(', ')}, which every sequence starts with`
  if (target.implementation.missing.size === 0) return undefined
  const used = new Set(def.commands().flatMap((arb) => fc.sample(arb, { numRuns: 30, seed: 1 }).flatMap(operationsOf)))
  const usable = [...used].filter((op) => !target.implementation.isMissing(op))
  return usable.length === 0
    ? `the target does not implement ${missing(used).join(', ')}, which are all it sends`
    : undefined
}

/**
 * fc.commands can only walk a counterexample path together with its replayPath (the record of which
 * generated commands ran), which it prints inside the counterexample. Both travel as one string.
 */
function joinPath(counterexamplePath: string | null, commands: unknown): string | undefined {
  if (!counterexamplePath) return undefined
  const replayPath = /replayPath="([^"]*)"/.exec(String(commands))?.[1]
  return replayPath ? `${counterexamplePath}@${replayPath}` : counterexamplePath
}

export function splitPath(p: string | undefined): { path?: string; replayPath?: string } {
  if (!p) return {}
  const at = p.indexOf('@')
  return at < 0 ? { path: p } : { path: p.slice(0, at), replayPath: p.slice(at + 1) }
}
