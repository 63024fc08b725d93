// Recorded transcripts (LocalStack-style parity): a run against one target — typically live AWS — is kept
// as its command list plus the target's normalised answers (strict projection, references instead of
// ids/ARNs/checksums). Replaying the commands against another target and diffing its normalised answers
// shows where an emulator departs from what the real API actually did, documented or not. A recording made
// against AWS also says which inferred rules the real API confirmed, so they become assertable.
import fc from 'fast-check'
import { createTwoFilesPatch } from 'diff'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ViewsModel } from '../model/views-model'
import { isAsserted, rule as ruleById, type RuleId } from '../spec'
import type { Target } from '../targets/target'
import { checkAgainstModel, operationOf } from './checks'
import { ConsistencyJudge, consistencyRecorder } from './consistency'
import type { ConsistencyConfig } from './projection'
import type { Cmd } from './commands'
import { normaliseValues, RefTable, redact, stableJson } from './normalise'
import type { SequentialProperty } from './property-types'
import { Session, type Step } from './session'
import { modelSide, ruleOfModelError, targetSide } from './sides'

export const RECORDING_FORMAT = 'connect-views-conformance/recording@1'

export interface RecordedStep {
  cmd: Cmd
  answer: { ok: true; projection: unknown } | { ok: false; error: string; status?: number }
}

export interface Recording {
  format: typeof RECORDING_FORMAT
  target: { kind: string; label: string; region: string }
  recordedAt: string
  seed: number
  steps: RecordedStep[]
  /** Inferred rules this target's answers agreed with (strict comparison against the model). */
  confirms: string[]
  /** Rules whose strict comparison failed on this target: the model's guess was wrong for it. */
  contradicts: string[]
}

function normalisedAnswer(
  step: Step,
  refs: RefTable,
  owned: ReadonlySet<string>,
  run: Target['run'],
): RecordedStep['answer'] {
  const o = step.target.outcome
  if (!o.ok) return { ok: false, error: o.error.name, ...(o.error.status ? { status: o.error.status } : {}) }
  // the run id (in names and the run tag) differs per run; it says nothing about the target
  const text = stableJson(
    normaliseValues(
      listKey(step.cmd) ? ownItems(o.output, owned, listKey(step.cmd)!) : withoutAwsManagedContent(o.output),
      refs,
    ),
  ).replaceAll(run.runId, '<run>')
  return { ok: true, projection: JSON.parse(text) }
}

/**
 * ListViews items of views this run did not create differ between accounts, not targets: other users' views
 * are dropped, and each run of AWS-managed views becomes one marker, so where they are listed (first, last,
 * at all) is kept without which ones the account has.
 */
function ownItems(output: Record<string, unknown>, owned: ReadonlySet<string>, key: string): Record<string, unknown> {
  const items: unknown[] = []
  for (const s of (output[key] ?? []) as { Id?: string; Type?: string }[]) {
    if (owned.has(String(s.Id))) items.push(s)
    else if (s.Type === 'AWS_MANAGED' && (items.at(-1) as { awsManagedViews?: true })?.awsManagedViews !== true)
      items.push({ awsManagedViews: true })
  }
  return { ...output, [key]: items }
}

/**
 * What an AWS-managed view holds (its name, description and content) is the account's and the service's, not
 * something an implementation chooses: kept as a placeholder, so its Arn, Tags, Version and status still count.
 */
function withoutAwsManagedContent(output: Record<string, unknown>): Record<string, unknown> {
  const v = output.View as Record<string, unknown> | undefined
  if (v?.Type !== 'AWS_MANAGED') return output
  const { Name: _n, Description: _d, Content: _c, ...rest } = v
  return { ...output, View: { ...rest, Name: '<aws-managed>', Content: '<aws-managed>' } }
}

/** The list key whose items are reduced to this run's own (SearchViews too: its results are whole views). */
function listKey(cmd: Cmd): string | undefined {
  const op = cmd.op === 'Raw' ? cmd.operation : cmd.op
  return op === 'ListViews' ? 'ViewsSummaryList' : op === 'SearchViews' ? 'Views' : undefined
}

/** Commands of a recording: the property's prelude and `count` generated commands for `seed`. */
export function sampleCommands(def: SequentialProperty, seed: number, count: number): Cmd[] {
  const [generated] = fc.sample(fc.array(fc.oneof(...def.commands()), { minLength: count, maxLength: count }), {
    seed,
    numRuns: 1,
  })
  return [...(def.prelude ?? []), ...generated]
}

/**
 * Runs the commands in lockstep; under eventual consistency (`consistency`) a stale answer is read again until
 * it converges (consistency.ts), so a recording keeps what the target settles on, not a passing stale state.
 */
async function runCommands(target: Target, cmds: readonly Cmd[], consistency?: ConsistencyConfig): Promise<Session> {
  await target.resetBetweenRuns()
  const model = new ViewsModel({ instances: [target.instanceId], region: target.region, accountId: target.accountId })
  const judge = consistency
    ? new ConsistencyJudge({ strict: true, consistency }, consistency, consistencyRecorder(target.root, consistency))
    : undefined
  const session = new Session(
    targetSide(target),
    modelSide(model, target.instanceId),
    target.sequenceIdentity(),
    undefined,
    judge,
  )
  for (const cmd of cmds) if (session.canRun(cmd)) await session.run(cmd)
  return session
}

/** Runs `cmds` on `target` and keeps its normalised answers and which inferred rules it agreed with. */
export async function record(
  target: Target,
  cmds: readonly Cmd[],
  seed: number,
  now = new Date(),
  consistency?: ConsistencyConfig,
): Promise<Recording> {
  const session = await runCommands(target, cmds, consistency)
  const refs = new RefTable()
  refs.atStep(0)
  const confirms = new Set<string>()
  const contradicts = new Set<string>()
  const strictRefs = { target: new RefTable(), model: new RefTable() }
  const steps = session.steps.map((step, i) => {
    refs.atStep(i + 1)
    const r = ruleOfModelError(step.model.outcome)
    const exercised = r ?? primaryRuleOf(step)
    const failure = checkAgainstModel(step, session, strictRefs, { strict: true })
    if (failure) contradicts.add(failure.rule)
    else if (exercised && !isAsserted(ruleById(exercised), { strict: false })) confirms.add(exercised)
    return { cmd: step.cmd, answer: normalisedAnswer(step, refs, session.target.created, target.run) }
  })
  for (const c of contradicts) confirms.delete(c)
  return redact({
    format: RECORDING_FORMAT,
    target: { kind: target.kind, label: target.label, region: target.region },
    recordedAt: now.toISOString(),
    seed,
    steps,
    confirms: [...confirms].sort(),
    contradicts: [...contradicts].sort(),
  })
}

function primaryRuleOf(step: Step): RuleId | undefined {
  const op = operationOf(step.cmd)
  return op === 'DescribeView' && typeof (step.cmd as { qualifier?: unknown }).qualifier === 'number'
    ? 'R37'
    : undefined
}

export interface RecordingDiff {
  step: number
  command: string
  diff: string
}

/** Replays a recording's commands on `target` and diffs its normalised answers against the recorded ones. */
export async function compareWithRecording(
  rec: Recording,
  target: Target,
  consistency?: ConsistencyConfig,
): Promise<RecordingDiff[]> {
  const session = await runCommands(
    target,
    rec.steps.map((s) => s.cmd),
    consistency,
  )
  const refs = new RefTable()
  const diffs: RecordingDiff[] = []
  session.steps.forEach((step, i) => {
    refs.atStep(i + 1)
    const expected = stableJson(rec.steps[i]?.answer)
    const actual = stableJson(normalisedAnswer(step, refs, session.target.created, target.run))
    if (expected !== actual) {
      diffs.push({
        step: i,
        command: step.cmd.op,
        diff: createTwoFilesPatch(
          `recorded (${rec.target.label})`,
          `now (${target.label})`,
          expected + '\n',
          actual + '\n',
          '',
          '',
          { context: 2 },
        ),
      })
    }
  })
  if (session.steps.length !== rec.steps.length) {
    diffs.push({
      step: session.steps.length,
      command: '-',
      diff: `${rec.steps.length} steps recorded, ${session.steps.length} could run now (a precondition changed)`,
    })
  }
  return diffs
}

export function writeRecording(file: string, rec: Recording): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(rec, null, 2) + '\n')
}

export function readRecording(file: string): Recording {
  const rec = JSON.parse(readFileSync(file, 'utf8')) as Recording
  if (rec.format !== RECORDING_FORMAT) throw new Error(`${file}: not a recording (format ${String(rec.format)})`)
  return rec
}

/** Inferred rules confirmed by recordings made against live AWS: asserted as if documented. */
export function confirmedByLiveRecordings(recordings: readonly Recording[]): Set<string> {
  const out = new Set<string>()
  for (const r of recordings) if (r.target.kind === 'aws') for (const id of r.confirms) out.add(id)
  for (const r of recordings) if (r.target.kind === 'aws') for (const id of r.contradicts) out.delete(id)
  return out
}
