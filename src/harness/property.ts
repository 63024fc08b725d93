// One runner for every property: fast-check's fc.commands over the shared command vocabulary, run in
// lockstep on the target and a fresh reference model, each step checked by the property's checks.
// A failure keeps the executed (shrunk) command list and transcript for the replay bundle.
import fc from 'fast-check'
import type { ModelOptions } from '../model/options'
import type { OperationName, RuleId } from '../spec'
import type { Target } from '../targets/target'
import { AssertionLedger } from './assertions'
import { describeCmd, type Cmd } from './commands'
import { checkWireBasics, operationsOf, type Failure } from './checks'
import { RefTable } from './normalise'
import type { Mode } from './projection'
import { propertyVerdict } from './property-verdict'
import { learningSession } from './choice-learning'
import type { Session, Step } from './session'

export interface CheckContext {
  session: Session
  mode: Mode
  refs: { target: RefTable; model: RefTable }
  /** Free-form per-run memory for checks that compare across steps (e.g. first-seen version content). */
  memory: Map<string, unknown>
  /** Records that an assertion about `rule` executes now, against the target (pass or fail). */
  assert(rule: RuleId): void
}

export interface PropertyDef {
  /** Short id used by --only, reports and bundles, e.g. "immutability". */
  id: string
  title: string
  /** Rules this property asserts (the catalogue decides which are asserted in the current mode). */
  rules: readonly RuleId[]
  /** Commands run before the generated ones in every run (arrange). */
  prelude?: readonly Cmd[]
  /** Generated commands. */
  commands: () => fc.Arbitrary<Cmd>[]
  maxCommands: number
  numRuns: number
  check(step: Step, ctx: CheckContext): Failure | undefined
  /** Model options the property needs (e.g. quotas); the target must agree for the property to hold. */
  modelOptions?: ModelOptions
}

export interface RunOptions {
  seed: number
  numRuns?: number
  mode: Mode
  /**
   * Replay a shrunk counterexample printed by an earlier failure: fast-check's counterexample path, then
   * "@" and fc.commands' replayPath (which commands ran), e.g. "0:1:3@CAB" — see splitPath.
   */
  path?: string
  /** Stop generating after this many ms (runs done so far still count); a sequence under way stops at its next command. */
  timeLimitMs?: number
}

export interface StepRecord {
  index: number
  cmd: Cmd
  target: unknown
  model: unknown
}

export interface PropertyFailure extends Failure {
  step: number
  commands: Cmd[]
  transcript: StepRecord[]
}

export interface PropertyResult {
  property: string
  title: string
  rules: readonly string[]
  /** inconclusive: no assertion executed (budget, unimplemented operations): never a failure. */
  status: 'passed' | 'failed' | 'inconclusive'
  seed: number
  path?: string
  numRuns: number
  commandsExecuted: number
  durationMs: number
  failure?: PropertyFailure
  /** Assertions that executed against the target, per rule (a rule with none was not exercised). */
  assertions?: Partial<Record<RuleId, number>>
  /** Why the property ended without a verdict, or what it left out. */
  note?: string
  /** fast-check's own report, for the console. */
  report?: string
  /** Contract verification: one verdict per Pact interaction (one JUnit case each). */
  interactions?: InteractionVerdict[]
}

export interface InteractionVerdict {
  interaction: string
  state: string
  /** Catalogue rule ids the interaction declares (data in the pact, never parsed from its description). */
  rules: string[]
  /** not-verified: the time budget ended before it was verified. */
  status: 'passed' | 'failed' | 'not-verified'
  mismatch?: string
  durationMs?: number
}

class StepFailure extends Error {
  constructor(readonly failure: Failure, readonly step: number) {
    super(`${failure.rule}: ${failure.message}`)
  }
}

export function transcriptOf(session: Session): StepRecord[] {
  return session.steps.map((s) => ({ index: s.index, cmd: s.cmd, target: s.target.outcome, model: s.model.outcome }))
}

/** One sequence's state: a fresh model, a session with a sequence-unique identity, and the check context. */
interface Sequence {
  session: Session
  ctx: CheckContext
  /** An operation the sequence needed turned out not to be implemented: the rest of it is skipped. */
  stopped: boolean
}

async function startSequence(def: PropertyDef, target: Target, mode: Mode, ledger: AssertionLedger): Promise<Sequence> {
  await target.resetBetweenRuns()
  // the model side learns which legal answer the target gives to each open question (choice-learning.ts)
  const refs = { target: new RefTable(), model: new RefTable() }
  const session = learningSession(target, mode, def.modelOptions, refs)
  const ctx: CheckContext = {
    session, mode, refs, memory: new Map(), assert: ledger.record,
  }
  return { session, ctx, stopped: false }
}

function usesMissing(target: Target, cmd: Cmd): boolean {
  return operationsOf(cmd).some((op) => target.implementation.isMissing(op))
}

/**
 * Runs one command and checks it. An answer showing the target lacks the operation is no verdict: the
 * sequence stops there (target and model would disagree from then on). Returns the failure, if any.
 */
async function stepAndCheck(def: PropertyDef, seq: Sequence, target: Target, cmd: Cmd): Promise<Failure | undefined> {
  const step = await seq.session.run(cmd)
  if (usesMissing(target, cmd)) {
    seq.stopped = true
    return undefined
  }
  return checkWireBasics(step, seq.ctx.assert) ?? def.check(step, seq.ctx)
}

function failureOf(failure: Failure, seq: Sequence): PropertyFailure {
  const { session } = seq
  return { ...failure, step: session.steps.length - 1, commands: session.steps.map((s) => s.cmd), transcript: transcriptOf(session) }
}

/** Runs a fixed command list (a replay, a prelude, the coverage plan) and returns the first failure, if any; `ledger` counts its assertions. */
export async function runSequence(def: PropertyDef, target: Target, cmds: readonly Cmd[], mode: Mode, ledger = new AssertionLedger()): Promise<{ failure?: PropertyFailure; session: Session; notImplemented?: OperationName[] }> {
  const seq = await startSequence(def, target, mode, ledger)
  for (const cmd of cmds) {
    // a command the target cannot perform: the sequence cannot be replayed there, which is no verdict
    const missing = operationsOf(cmd).filter((op) => target.implementation.isMissing(op))
    if (seq.stopped || missing.length) return { session: seq.session, notImplemented: [...new Set([...target.implementation.missing.keys()])] }
    if (!seq.session.canRun(cmd)) continue
    const failure = await stepAndCheck(def, seq, target, cmd)
    if (failure) {
      seq.ctx.assert(failure.rule === 'harness' ? 'R34' : failure.rule)
      return { failure: failureOf(failure, seq), session: seq.session }
    }
  }
  return { session: seq.session }
}

export async function runProperty(def: PropertyDef, target: Target, opts: RunOptions): Promise<PropertyResult> {
  const started = Date.now()
  const deadline = opts.timeLimitMs ? started + opts.timeLimitMs : Infinity
  const ledger = new AssertionLedger()
  let commandsExecuted = 0
  let lastFailure: PropertyFailure | undefined
  const prelude = def.prelude ?? []

  const toFc = (cmd: Cmd): fc.AsyncCommand<Sequence, Target> => ({
    // past the deadline the sequence under way stops at its next command: a budget ends a run, not a call
    check: (seq) => !seq.stopped && Date.now() < deadline && !usesMissing(target, cmd) && seq.session.canRun(cmd),
    run: async (seq) => {
      commandsExecuted++
      const failure = await stepAndCheck(def, seq, target, cmd)
      if (failure) throw new StepFailure(failure, seq.session.steps.length - 1)
    },
    toString: () => describeCmd(cmd),
  })

  const { path, replayPath } = splitPath(opts.path)
  const property = fc.asyncProperty(
    fc.commands(def.commands().map((a) => a.map(toFc)), { maxCommands: def.maxCommands, size: 'max', ...(replayPath ? { replayPath } : {}) }),
    async (cmds) => {
      // nothing to learn from a sequence whose arranging step the target cannot perform
      if (prelude.some((cmd) => usesMissing(target, cmd))) return
      const seq = await startSequence(def, target, opts.mode, ledger)
      try {
        for (const cmd of prelude) {
          commandsExecuted++
          const failure = await stepAndCheck(def, seq, target, cmd)
          if (failure) throw new StepFailure(failure, seq.session.steps.length - 1)
          if (seq.stopped) return
        }
        await fc.asyncModelRun(() => ({ model: seq, real: target }), cmds)
      } catch (e) {
        const failure: Failure = e instanceof StepFailure ? e.failure : { rule: 'harness', message: `harness error: ${(e as Error)?.stack ?? e}` }
        if (failure.rule !== 'harness') ledger.record(failure.rule)
        lastFailure = failureOf(failure, seq)
        throw e
      }
    },
  )

  const unreachable = unreachableBecauseMissing(def, target)
  if (unreachable) {
    return {
      property: def.id, title: def.title, rules: def.rules, seed: opts.seed, numRuns: 0, commandsExecuted: 0, durationMs: Date.now() - started,
      status: 'inconclusive', assertions: {}, note: `not exercised: ${unreachable}`,
    }
  }
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.numRuns ?? def.numRuns,
    ...(path ? { path } : {}),
    ...(opts.timeLimitMs ? { interruptAfterTimeLimit: opts.timeLimitMs } : {}),
    endOnFailure: false,
  })
  const verdict = propertyVerdict({
    details, ledger, lastFailure, timeLimitMs: opts.timeLimitMs, missing: [...target.implementation.missing.keys()],
    base: { property: def.id, title: def.title, rules: def.rules, seed: opts.seed, numRuns: details.numRuns, commandsExecuted, durationMs: Date.now() - started },
  })
  return verdict.status === 'failed' ? { ...verdict, path: joinPath(details.counterexamplePath, details.counterexample?.[0]) } : verdict
}
/**
 * Why no sequence of `def` can reach the target, if none can: its arranging prelude needs an operation the
 * target lacks, or every command it generates does (sampled: each arbitrary draws from few operations).
 * Running it anyway would spin through empty sequences until the budget ran out.
 */
function unreachableBecauseMissing(def: PropertyDef, target: Target): string | undefined {
  const missing = (ops: Iterable<OperationName>) => [...new Set(ops)].filter((op) => target.implementation.isMissing(op))
  const preludeMissing = missing((def.prelude ?? []).flatMap(operationsOf))
  if (preludeMissing.length) return `the target does not implement ${preludeMissing.join(', ')}, which every sequence starts with`
  if (target.implementation.missing.size === 0) return undefined
  const used = new Set(def.commands().flatMap((arb) => fc.sample(arb, { numRuns: 30, seed: 1 }).flatMap(operationsOf)))
  const usable = [...used].filter((op) => !target.implementation.isMissing(op))
  return usable.length === 0 ? `the target does not implement ${missing(used).join(', ')}, which are all it sends` : undefined
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
