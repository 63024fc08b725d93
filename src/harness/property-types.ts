// What every property and runner shares: how a property is declared (SequentialProperty, its checks' context),
// how it is run (PropertyRunOptions) and what a run of it answers (PropertyResult), whatever the strategy
// (sequential commands, concurrent rounds, a fixed plan, contract verification).
import type fc from 'fast-check'
import type { ModelOptions } from '../model/options'
import type { RuleId } from '../spec'
import type { Cmd } from './commands'
import type { Failure } from './checks'
import type { RefTable } from './normalise'
import type { Mode } from './projection'
import type { Session, Step } from './session'
import type { AssertionListener } from './assertions'

export interface CheckContext {
  session: Session
  mode: Mode
  refs: { target: RefTable; model: RefTable }
  /** Free-form per-run memory for checks that compare across steps (e.g. first-seen version content). */
  memory: Map<string, unknown>
  /** Records that an assertion about `rule` executes now, against the target (pass or fail). */
  assert(rule: RuleId): void
}

export interface SequentialProperty {
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
  /**
   * Commands run (and checked) right after each generated command, as steps of their own: the reads a property
   * needs after every write of a kind, whatever fast-check generates next. They are in the transcript, so a
   * failing sequence replays with them.
   */
  followUp?(cmd: Cmd): readonly Cmd[]
  /** Model options the property needs (e.g. quotas); the target must agree for the property to hold. */
  modelOptions?: ModelOptions
}

export interface PropertyRunOptions {
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
  /** Told of every assertion as it executes (the engine's StepChecked events). */
  onAssertion?: AssertionListener
}

export interface StepRecord {
  index: number
  cmd: Cmd
  target: unknown
  model: unknown
  /** Under eventual consistency: the earlier answers of a read read again (or a write tried again), and whether it converged. */
  consistency?: unknown
}

export interface PropertyFailure extends Failure {
  step: number
  commands: Cmd[]
  transcript: StepRecord[]
}

export interface PropertyResult {
  property: string
  title: string
  rules: readonly RuleId[]
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
