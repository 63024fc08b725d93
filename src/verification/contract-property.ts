// Contract verification as one more property of a run: the committed Pact interactions are verified against
// the run's target, and every interaction's verdict goes to the reports (one JUnit case each). The embedded
// stub is served over HTTP with the same options for the verifier; endpoints and AWS are verified directly
// (states arranged through the API on run-tagged views, requests re-signed with SigV4).
//
// Each interaction declares the catalogue rules it checks, as data in the pact (`comments.rules`, written by
// contracts/consumer/record.ts). Those declarations decide everything here: which interactions the mode
// asserts (one resting on a rule the mode does not assert is left out), which rules a verified interaction
// counts an executed assertion for, and which rule a failure is attributed to.
//
// The verification runs in a child process (scripts/verify-contracts.ts --json): Pact's native verifier
// prints its whole report straight to file descriptor 1, which would bury the run's own progress and
// summary. The child's console output is dropped (its last lines are shown if it fails to run at all); the
// verdicts, with every mismatch, come back as JSON. With a time budget the child stops arranging provider
// states when the budget is spent; the interactions it did not reach are `not-verified` and the property
// ends inconclusive, not failed.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packageScriptArgs } from '../package-files'
import type { InteractionVerdict, PropertyResult, PropertyRunOptions } from '../harness/property-types'
import { AssertionLedger } from '../harness/assertions'
import { recordedObservations } from '../harness/consistency'
import type { Mode } from '../harness/projection'
import { isAsserted, isRuleId, rule, RULES, type FailureRule, type RuleId } from '../spec/rules'
import { matchRoute, startStubServer } from '../stub'
import type { OperationName } from '../spec'
import type { CallStats } from '../targets/call-stats'
import { servePacing } from '../targets/shared-pacing'
import type { Target } from '../targets/target'
import { COMMITTED_PACT_FILE } from './pact-names'
import type { SetupFailure } from './state-arranger'
import { declaredRules, stateOf, type PactDocument } from './verification-results'

/** The rule a failing interaction is blamed on when the pact it came from declares none. */

/** Union of the rules the interactions of a pact declare, in catalogue order. */
export function pactRules(doc: PactDocument): RuleId[] {
  const declared = new Set(doc.interactions.flatMap(declaredRules))
  return RULES.map((r) => r.id)
    .filter(isRuleId)
    .filter((id) => declared.has(id))
}

const committedPact = (): PactDocument => JSON.parse(readFileSync(COMMITTED_PACT_FILE, 'utf8')) as PactDocument

export const contractsProperty = {
  id: 'contracts',
  title: 'Pact contracts of every view operation verify against the target',
  rules: pactRules(committedPact()),
} as const

/** After the budget the child still deletes what it created; past this much more it is stopped. */
const CLEANUP_GRACE_MS = 30_000
/**
 * A child that has not exited this long after SIGTERM is killed: the run's budget must hold even when the
 * verifier hangs (its leftover views carry the run tag: `conformance sweep` removes them).
 */
const KILL_AFTER_TERM_MS = 15_000

export interface ChildAnswer {
  passed: boolean
  results: InteractionVerdict[]
  stateFailures: SetupFailure[]
  /** The child's calls on the target (states, the verifier's requests) and their 429s, per operation. */
  calls?: Pick<CallStats, 'calls' | 'byOperation' | 'throttledByOperation'>
}

/** How the verifier child is started and stopped (tests start another program in its place). */
export interface VerifierChildOptions {
  /** Node arguments before the verifier's own: the verify-contracts script. */
  script?: string[]
  /** After SIGTERM, the child is killed this much later if it has not exited. */
  killAfterTermMs?: number
  /** The child takes its calls' slots from this target's limiter, over an IPC channel (shared-pacing.ts). */
  pacedBy?: Target
}

/**
 * Runs the verifier in a child process; past `hardLimitMs` it is sent SIGTERM, then SIGKILL if it is still
 * there `killAfterTermMs` later ('killed' when it left no answer).
 */
export function verifyInChild(
  args: string[],
  hardLimitMs: number | undefined,
  opts: VerifierChildOptions = {},
): Promise<ChildAnswer | 'killed'> {
  const dir = mkdtempSync(join(tmpdir(), 'cvc-contracts-'))
  const json = join(dir, 'results.json')
  const script = opts.script ?? packageScriptArgs('verify-contracts')
  const paced = opts.pacedBy ? ['--paced-by-parent'] : []
  const child = spawn(process.execPath, [...script, ...args, ...paced, '--json', json], {
    stdio: opts.pacedBy ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    env: process.env,
  })
  const stopPacing = opts.pacedBy ? servePacing(opts.pacedBy, child) : undefined
  let log = ''
  let killed = false
  // SIGTERM: the child's signal handler still deletes the views it created before it exits.
  const timer =
    hardLimitMs === undefined
      ? undefined
      : setTimeout(() => {
          killed = true
          child.kill('SIGTERM')
          setTimeout(
            () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'),
            opts.killAfterTermMs ?? KILL_AFTER_TERM_MS,
          ).unref()
        }, hardLimitMs)
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString()
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      if (timer) clearTimeout(timer)
      stopPacing?.()
      try {
        if (existsSync(json)) resolve(JSON.parse(readFileSync(json, 'utf8')) as ChildAnswer)
        else if (killed) resolve('killed')
        else
          throw new Error(`contract verification did not run (exit ${code}):\n${log.split('\n').slice(-15).join('\n')}`)
      } catch (e) {
        reject(e)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}

async function verify(
  target: Target,
  pactFile: string,
  remainingMs: number | undefined,
  mode: Mode,
): Promise<ChildAnswer | 'killed'> {
  const c = mode.consistency
  // stale answers seen by the properties before: the child lets every arranged state settle for W
  const observed = recordedObservations(target.root)
  const staleSeen = !!observed && (observed.staleTotal > 0 || observed.recheckCalls > 0)
  const consistency = c
    ? ['--consistency', c.model, '--convergence', `${c.windowMs}ms`, ...(staleSeen ? ['--stale-seen'] : [])]
    : ['--consistency', 'strong']
  const common = [
    ...consistency,
    '--instance-id',
    target.instanceId,
    '--region',
    target.region,
    '--pact',
    pactFile,
    ...(remainingMs !== undefined ? ['--remaining-ms', String(Math.max(0, Math.floor(remainingMs)))] : []),
  ]
  const hardLimit = remainingMs === undefined ? undefined : Math.max(0, remainingMs) + CLEANUP_GRACE_MS
  if (target.kind === 'stub') {
    const server = await startStubServer({ coreOptions: { ...target.stubOptions } })
    try {
      return await verifyInChild(['--target', server.url, ...common, '--tps', '10000'], hardLimit)
    } finally {
      await server.close()
    }
  }
  // the rates in force here (share applied); the child takes every slot from this run's limiter, which goes on
  // pacing the lanes that explore beside it (the engine runs the contracts beside them)
  const rate = target.rateLimit
    ? ['--tps', String(target.rateLimit.tps), '--burst', String(target.rateLimit.burst), '--rate-share', '1']
    : []
  const where = target.endpoint
    ? ['--target', target.endpoint]
    : ['--target', 'aws', ...(target.profile ? ['--profile', target.profile] : [])]
  return verifyInChild([...where, ...common, ...rate], hardLimit, target.rateLimit ? { pacedBy: target } : {})
}

/** Whether the mode asserts every rule the interaction declares (an undeclared or unknown id is never asserted). */
function assertedIn(rules: readonly string[], mode: Mode): boolean {
  return rules.length > 0 && rules.every((id) => isRuleId(id) && isAsserted(rule(id), mode))
}

/**
 * Executed assertions per rule: every interaction that got a verdict, passed or failed, asserted its rules
 * once (into `ledger`, which tells the engine: StepChecked events).
 */
export function contractAssertions(
  verdicts: readonly InteractionVerdict[],
  ledger = new AssertionLedger(),
): Partial<Record<RuleId, number>> {
  for (const v of verdicts) {
    if (v.status === 'not-verified') continue
    for (const id of v.rules.filter(isRuleId)) (v.status === 'failed' ? ledger.fail : ledger.record)(id)
  }
  return ledger.toRecord()
}

/**
 * The rule a failed interaction is attributed to: the first it declares (never read from its description).
 * An interaction that declares none is a defect of the harness (a test requires every one to declare some).
 */
export function attributedRule(v: InteractionVerdict): FailureRule {
  return v.rules.find(isRuleId) ?? 'harness'
}

/** The mode defaults to default mode; timeLimitMs is what is left of the run's budget (absent: no limit). */
export type ContractRunOptions = Omit<PropertyRunOptions, 'mode'> & { mode?: Mode }

/** What provider states arrange views with (src/verification/state-arranger.ts): without them no state can be set up. */
const STATE_OPERATIONS: readonly OperationName[] = ['CreateView', 'UpdateViewContent', 'CreateViewVersion', 'ListViews']

/** The operation an interaction's request calls, from its method and path (data, not its description). */
function operationOfInteraction(i: PactDocument['interactions'][number]): OperationName | undefined {
  try {
    return i.request?.method && i.request.path
      ? matchRoute(i.request.method, i.request.path.split('?')[0]!).op
      : undefined
  } catch {
    return undefined
  }
}

/**
 * Why an interaction cannot be verified on this target: its operation, or one its provider state needs, is
 * not implemented there (found by the run's probe). Such an interaction is not verified, never failed.
 */
function missingFor(i: PactDocument['interactions'][number], target: Target): string | undefined {
  const op = operationOfInteraction(i)
  const needs = new Set<OperationName>([...(op ? [op] : []), ...(i.providerStates?.length ? STATE_OPERATIONS : [])])
  const missing = [...needs].filter((o) => target.implementation.isMissing(o))
  if (missing.length) return `not verified: the target does not implement ${missing.join(', ')}`
  // a not-found answer the probe saw come as a 404 page: that R25 failure is reported once, by the probe
  const status = (i as { response?: { status?: number } }).response?.status
  if (op && status === 404 && target.implementation.notFoundPages.has(op))
    return `not verified: ${op} answers what does not exist with a non-JSON 404 (R25, reported once by the implementation probe)`
  return undefined
}

async function verifyPact(
  target: Target,
  pact: PactDocument,
  kept: PactDocument['interactions'],
  timeLimitMs: number | undefined,
  mode: Mode,
): Promise<ChildAnswer | 'killed'> {
  const dir = mkdtempSync(join(tmpdir(), 'cvc-pact-'))
  try {
    const file = join(dir, 'asserted.json')
    writeFileSync(file, JSON.stringify({ ...pact, interactions: kept }))
    return await verify(target, file, timeLimitMs, mode)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function runContractProperty(target: Target, opts: ContractRunOptions): Promise<PropertyResult> {
  const started = Date.now()
  const mode: Mode = opts.mode ?? { strict: false }
  const pact = committedPact()
  const asserted = pact.interactions.filter((i) => assertedIn(declaredRules(i), mode))
  const left = pact.interactions.filter((i) => !asserted.includes(i))
  const why = new Map(asserted.map((i) => [i, missingFor(i, target)]))
  const unimplemented: InteractionVerdict[] = asserted
    .filter((i) => why.get(i))
    .map((i) => ({
      interaction: i.description,
      state: stateOf(i),
      rules: declaredRules(i),
      status: 'not-verified' as const,
      mismatch: why.get(i)!,
    }))
  const kept = asserted.filter((i) => !why.get(i))
  // The verifier reads pact files: the interactions this mode asserts go to it as a pact of their own.
  const answer =
    kept.length === 0
      ? { passed: true, results: [], stateFailures: [] }
      : await verifyPact(target, pact, kept, opts.timeLimitMs, mode)
  // the child spent from the same buckets, each call paced by this run's limiter when the target has one:
  // its calls count with the run's (else the model starts from empty: it cannot know what the child left)
  const pacedHere = target.kind !== 'stub' && !!target.rateLimit
  if (answer !== 'killed' && answer.calls) target.spentElsewhere(answer.calls, pacedHere)
  else if (answer === 'killed')
    target.spentElsewhere({ calls: 0, byOperation: {}, throttledByOperation: {} }, pacedHere)
  const interactions: InteractionVerdict[] = [
    ...(answer === 'killed'
      ? kept.map(
          (i): InteractionVerdict => ({
            interaction: i.description,
            state: stateOf(i),
            rules: declaredRules(i),
            status: 'not-verified',
            mismatch: 'not verified: the time budget ran out (verification stopped)',
          }),
        )
      : answer.results.map((r) => ({ ...r, rules: r.rules ?? [] }))),
    ...unimplemented,
  ]
  const failed = interactions.filter((i) => i.status === 'failed')
  const notVerified = interactions.filter((i) => i.status === 'not-verified')
  const notes = [
    ...(left.length
      ? [
          `${left.length} interaction(s) not asserted in this mode (they rest on rules it does not assert): ${[...new Set(left.flatMap(declaredRules))].join(', ')}`,
        ]
      : []),
    ...(unimplemented.length
      ? [
          `${unimplemented.length} interaction(s) not verified: the target does not implement what they need, or answers them with the 404 page the implementation probe reported`,
        ]
      : []),
    ...(notVerified.length > unimplemented.length
      ? [`time budget: ${notVerified.length - unimplemented.length}/${interactions.length} interaction(s) not verified`]
      : []),
  ]
  const base = {
    property: contractsProperty.id,
    title: contractsProperty.title,
    rules: contractsProperty.rules,
    seed: opts.seed,
    numRuns: interactions.length - notVerified.length,
    commandsExecuted: interactions.length - notVerified.length,
    durationMs: Date.now() - started,
    interactions,
    assertions: contractAssertions(interactions, new AssertionLedger(opts.onAssertion)),
    ...(notes.length ? { note: notes.join('; ') } : {}),
  }
  const stateFailures = answer === 'killed' ? [] : answer.stateFailures
  if (failed.length === 0 && stateFailures.length === 0)
    return { ...base, status: notVerified.length ? 'inconclusive' : 'passed' }
  const setup = stateFailures.map((f) => `provider state ${f.action} failed for "${f.state}": ${f.message}`)
  const message = [
    `${failed.length}/${interactions.length} Pact interactions failed`,
    ...failed.map(
      (i) =>
        `- ${i.interaction} [given ${i.state}] (${i.rules.join(', ') || 'no rules declared'})\n    ${(i.mismatch ?? '').split('\n').join('\n    ')}`,
    ),
    ...setup,
  ].join('\n')
  // no interaction failed, yet the verification did: a provider state could not be arranged (harness side)
  const blamed: FailureRule = failed[0] ? attributedRule(failed[0]) : 'harness'
  return { ...base, status: 'failed', failure: { rule: blamed, message, step: 0, commands: [], transcript: [] } }
}
