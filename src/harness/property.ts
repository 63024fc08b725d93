// One runner for every property: fast-check's fc.commands over the shared command vocabulary, run in
// lockstep on the target and a fresh reference model, each step checked by the property's checks.
// A failure keeps the executed (shrunk) command list and transcript for the replay bundle.
import fc from 'fast-check'
import type { ModelOptions } from '../model/options'
import type { Target } from '../targets/target'
import { describeCmd, type Cmd } from './commands'
import { checkWireBasics, type Failure } from './checks'
import { RefTable } from './normalise'
import type { Mode } from './projection'
import { learningSession } from './choice-learning'
import type { Session, Step } from './session'

export interface CheckContext {
  session: Session
  mode: Mode
  refs: { target: RefTable; model: RefTable }
  /** Free-form per-run memory for checks that compare across steps (e.g. first-seen version content). */
  memory: Map<string, unknown>
}

export interface PropertyDef {
  /** Short id used by --only, reports and bundles, e.g. "immutability". */
  id: string
  title: string
  /** Rules this property asserts (the catalogue decides which are asserted in the current mode). */
  rules: readonly string[]
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
  /** Stop generating after this many ms (runs done so far still count). */
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
  status: 'passed' | 'failed'
  seed: number
  path?: string
  numRuns: number
  commandsExecuted: number
  durationMs: number
  failure?: PropertyFailure
  /** fast-check's own report, for the console. */
  report?: string
  /** Contract verification: one verdict per Pact interaction (one JUnit case each). */
  interactions?: InteractionVerdict[]
}

export interface InteractionVerdict {
  interaction: string
  state: string
  status: 'passed' | 'failed'
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

/** Runs a fixed command list (a replay or a prelude) and returns the first failure, if any. */
export async function runSequence(def: PropertyDef, target: Target, cmds: readonly Cmd[], mode: Mode): Promise<{ failure?: PropertyFailure; session: Session }> {
  await target.resetBetweenRuns()
  const refs = { target: new RefTable(), model: new RefTable() }
  const session = learningSession(target, mode, def.modelOptions, refs)
  const ctx: CheckContext = { session, mode, refs, memory: new Map() }
  for (const cmd of cmds) {
    if (!session.canRun(cmd)) continue
    const step = await session.run(cmd)
    const failure = checkWireBasics(step) ?? def.check(step, ctx)
    if (failure) return { failure: { ...failure, step: step.index, commands: session.steps.map((s) => s.cmd), transcript: transcriptOf(session) }, session }
  }
  return { session }
}

export async function runProperty(def: PropertyDef, target: Target, opts: RunOptions): Promise<PropertyResult> {
  const started = Date.now()
  let commandsExecuted = 0
  let lastFailure: PropertyFailure | undefined
  const prelude = def.prelude ?? []

  const toFc = (cmd: Cmd): fc.AsyncCommand<CheckContext, Target> => ({
    check: (ctx) => ctx.session.canRun(cmd),
    run: async (ctx) => {
      const step = await ctx.session.run(cmd)
      commandsExecuted++
      const failure = checkWireBasics(step) ?? def.check(step, ctx)
      if (failure) throw new StepFailure(failure, step.index)
    },
    toString: () => describeCmd(cmd),
  })

  const { path, replayPath } = splitPath(opts.path)
  const property = fc.asyncProperty(
    fc.commands(def.commands().map((a) => a.map(toFc)), { maxCommands: def.maxCommands, size: 'max', ...(replayPath ? { replayPath } : {}) }),
    async (cmds) => {
      await target.resetBetweenRuns()
      const refs = { target: new RefTable(), model: new RefTable() }
      const session = learningSession(target, opts.mode, def.modelOptions, refs)
      const ctx: CheckContext = { session, mode: opts.mode, refs, memory: new Map() }
      try {
        for (const cmd of prelude) {
          const step = await session.run(cmd)
          commandsExecuted++
          const failure = checkWireBasics(step) ?? def.check(step, ctx)
          if (failure) throw new StepFailure(failure, step.index)
        }
        await fc.asyncModelRun(() => ({ model: ctx, real: target }), cmds)
      } catch (e) {
        const failure = e instanceof StepFailure ? e.failure : { rule: 'harness', message: `harness error: ${(e as Error)?.stack ?? e}` }
        lastFailure = { ...failure, step: e instanceof StepFailure ? e.step : session.steps.length, commands: session.steps.map((s) => s.cmd), transcript: transcriptOf(session) }
        throw e
      }
    },
  )

  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.numRuns ?? def.numRuns,
    ...(path ? { path } : {}),
    ...(opts.timeLimitMs ? { interruptAfterTimeLimit: opts.timeLimitMs } : {}),
    endOnFailure: false,
  })
  const base = {
    property: def.id, title: def.title, rules: def.rules, seed: opts.seed, numRuns: details.numRuns,
    commandsExecuted, durationMs: Date.now() - started,
  }
  if (!details.failed) return { ...base, status: 'passed' }
  const failure: PropertyFailure = lastFailure ?? {
    rule: 'harness', message: String(details.errorInstance ?? 'unknown failure'), step: -1, commands: [], transcript: [],
  }
  return { ...base, status: 'failed', path: joinPath(details.counterexamplePath, details.counterexample?.[0]), failure, report: fc.defaultReportMessage(details) ?? undefined }
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
