// Choice learning: the reference model answers the questions AWS leaves open with the defaults of
// src/choices/catalogue.ts, but a correct target may answer any of them another way, and must not fail for it. When the target
// and the model disagree on a step, the learner replays the sequence's model side from the start with one
// more open choice switched to another value; if that explains the target's answers better (fewer
// differing fields over the whole sequence), the model adopts it — for this sequence and every later one
// against the same target, since choices describe the implementation, not a run.
//
// Only choices whose rule is not asserted in the mode are open (choiceIsOpen): in strict mode an inferred
// rule's default is held against the target, and a recording-confirmed rule is never relearned. A value
// once adopted stays (a target that flips between two answers is held to its first one). Differences no
// choice explains are left for the checks to report.
import type { ModelOptions } from '../model/options'
import { ViewsModel } from '../model/views-model'
import {
  CHOICE_OPTIONS,
  CHOICE_RULE,
  choiceIsOpen,
  DEFAULT_CHOICES,
  rule,
  RULES,
  type ChoiceName,
  type Choices,
} from '../spec'
import type { CallOutcome } from '../targets/sdk-call'
import type { Target } from '../targets/target'
import { operationOf } from '../harness/checks'
import { ConsistencyJudge, consistencyRecorder } from '../harness/consistency'
import { ViewHistory } from '../harness/consistency-history'
import { RefTable, stableJson } from '../harness/normalise'
import { project, type Mode } from '../harness/projection'
import { Session, SideDriver, type SideOutcome, type Step } from '../harness/session'
import { modelSide, targetSide, type Side } from '../harness/sides'

/** Every field the projection knows, whatever the mode: what "explains the target better" is measured on. */
const FULL: Mode = { strict: true, confirmed: new Set(RULES.map((r) => r.id)) }

/** An error where the other side succeeded, or a refusal of another kind (errorDistance), weighs more than any one field. */
const OUTCOME_MISMATCH = 25

type Json = unknown

function leaves(v: Json, path: string, out: Map<string, string>): void {
  if (Array.isArray(v)) {
    out.set(`${path}#`, String(v.length))
    v.forEach((x, i) => {
      leaves(x, `${path}[${i}]`, out)
    })
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) leaves(x, `${path}.${k}`, out)
  } else out.set(path, JSON.stringify(v))
}

/** Number of leaf fields in which two projections differ (present on one side only counts once). */
export function fieldDifferences(a: Json, b: Json): number {
  const x = new Map<string, string>()
  const y = new Map<string, string>()
  leaves(a, '', x)
  leaves(b, '', y)
  let n = 0
  for (const [k, v] of x) if (y.get(k) !== v) n++
  for (const k of y.keys()) if (!x.has(k)) n++
  return n
}

/**
 * An answer that says nothing about how the target implements anything: throttled (a 429 that outlived the
 * retries), a server error, or no answer at all. No choice may be adopted to explain it: a throttled
 * CreateViewVersion was once "explained" by sha256Pattern=model-literal, and every later checksum then failed R24.
 */
function saysNothing(t: CallOutcome): boolean {
  return !t.ok && (t.unknown === true || t.error.status === 429 || (t.error.status ?? 0) >= 500)
}

/**
 * Two errors of different classes: one field apart when they are the same kind of refusal (the same HTTP status:
 * which 400 class a check answers is itself a choice, learnt next), as far apart as an error and a success when
 * not. A choice that turns the model's success into a refusal of another kind explains nothing: a view deleted
 * under a publish (ResourceNotFoundException, 404) once taught the model sha256Pattern=model-literal (a 400), and
 * every later checksum then failed R24 against a correct target.
 */
function errorDistance(a: { status?: number }, b: { status?: number }): number {
  return a.status !== undefined && a.status === b.status ? 1 : OUTCOME_MISMATCH
}

function outcomeDifference(
  cmd: Step['cmd'],
  t: CallOutcome,
  m: CallOutcome,
  refs: { target: RefTable; model: RefTable },
  owned: { target: ReadonlySet<string>; model: ReadonlySet<string> },
): number {
  if (saysNothing(t)) return 0
  if (t.ok !== m.ok) return OUTCOME_MISMATCH
  if (!t.ok || !m.ok) return t.ok || m.ok || t.error.name === m.error.name ? 0 : errorDistance(t.error, m.error)
  const a = project(cmd, t.output, refs.target, FULL, owned.target)
  const b = project(cmd, m.output, refs.model, FULL, owned.model)
  return stableJson(a) === stableJson(b) ? 0 : fieldDifferences(a, b)
}

export interface ModelReplay {
  side: SideDriver
  outcomes: SideOutcome[]
  /** The views' states over the new model side, when the session keeps them (consistency-history.ts). */
  history?: ViewHistory
  /** Field differences from the target's answers, summed over the steps. */
  differences: number
}

/** Everything the learner needs from the property runner: how to build the model side for some choices. */
export type ModelSideFactory = (choices: Partial<Choices>) => Side

/**
 * A value tried this often against one target without explaining anything is not tried again: on a target
 * with a real bug every shrinking step would otherwise replay the sequence once per candidate. A choice a
 * target really makes explains the first difference it causes, long before this.
 */
export const MAX_FUTILE_TRIES = 25

/** What was learned about one target (in one mode): adopted values, and how often each other value failed to explain. */
export interface TargetKnowledge {
  learned: Partial<Choices>
  futile: Map<string, number>
}

const knowledgeByTarget = new WeakMap<object, Map<string, TargetKnowledge>>()

/** Choices describe the implementation, not a run: every later sequence against the target starts from them. */
export function targetKnowledge(target: object, mode: Mode): TargetKnowledge {
  let byMode = knowledgeByTarget.get(target)
  if (!byMode) knowledgeByTarget.set(target, (byMode = new Map()))
  const key = `${mode.strict}|${[...(mode.confirmed ?? [])].sort().join(',')}`
  let k = byMode.get(key)
  if (!k) byMode.set(key, (k = { learned: {}, futile: new Map() }))
  return k
}

export class ChoiceLearner {
  /** The learner's own reference tables and running difference, over every step so far. */
  private refs = { target: new RefTable(), model: new RefTable() }
  private differences = 0
  private readonly open: ChoiceName[]

  private readonly learned: Partial<Choices>

  constructor(
    /** Shared with every sequence against the same target: adopted values are written here. */
    private readonly knowledge: TargetKnowledge,
    private readonly makeSide: ModelSideFactory,
    mode: Mode,
    /** Called when the model side was replaced, so checks can drop reference tables built on the old one. */
    private readonly onReplaced: () => void = () => {},
  ) {
    this.open = (Object.keys(CHOICE_OPTIONS) as ChoiceName[]).filter((n) => choiceIsOpen(n, mode))
    // what this session's model side serves: the target's knowledge when the session started, plus what this
    // learner adopts. Another lane may adopt a value meanwhile; this model side does not serve it, so it stays
    // a candidate here (reading the shared object would skip it and leave the difference unexplained).
    this.learned = { ...knowledge.learned }
  }

  /** After each step: measure it; if the model disagrees, try to explain the difference by a choice. */
  async afterStep(session: Session, step: Step): Promise<void> {
    const owned = { target: session.target.created, model: session.model.created }
    const d = outcomeDifference(step.cmd, step.target.outcome, step.model.outcome, this.refs, owned)
    this.differences += d
    // an answer still stale after the convergence window is no evidence of how the target answers anything
    if (d === 0 || step.consistency?.notConverged) return
    // only choices whose rule concerns this operation can explain a difference first seen here
    const op = operationOf(step.cmd)
    const candidates = this.open.filter(
      (n) => this.learned[n] === undefined && rule(CHOICE_RULE[n]).operations.includes(op),
    )
    for (let round = 0; round < 3 && candidates.length > 0; round++) {
      const better = await this.bestAlternative(session, candidates)
      if (!better) return
      this.learned[better.name] = better.value as never
      this.knowledge.learned[better.name] ??= better.value as never
      session.replaceModel(better.replay.side, better.replay.outcomes)
      if (better.replay.history && session.judge instanceof ConsistencyJudge)
        session.judge.replaceHistory(better.replay.history)
      this.refs = better.refs
      this.differences = better.replay.differences
      this.onReplaced()
      if (this.differences === 0) return
    }
  }

  private async bestAlternative(session: Session, candidates: readonly ChoiceName[]) {
    let best: { name: ChoiceName; value: string; replay: ModelReplay; refs: ChoiceLearner['refs'] } | undefined
    for (const name of candidates) {
      if (this.learned[name] !== undefined) continue
      for (const value of CHOICE_OPTIONS[name] as readonly string[]) {
        const key = `${name}=${value}`
        const tries = this.knowledge.futile.get(key) ?? 0
        if (value === DEFAULT_CHOICES[name] || tries >= MAX_FUTILE_TRIES) continue
        const refs = { target: new RefTable(), model: new RefTable() }
        const replay = await this.replay(
          session,
          { ...this.learned, [name]: value },
          refs,
          best?.replay.differences ?? this.differences,
        )
        if (replay && replay.differences < (best?.replay.differences ?? this.differences))
          best = { name, value, replay, refs }
        else this.knowledge.futile.set(key, tries + 1)
      }
    }
    return best
  }

  /** The model side run again over the session's commands with these choices; undefined once it is no better than `bound`. */
  private async replay(
    session: Session,
    choices: Partial<Choices>,
    refs: ChoiceLearner['refs'],
    bound: number,
  ): Promise<ModelReplay | undefined> {
    const side = new SideDriver(this.makeSide(choices), session.model.run)
    const outcomes: SideOutcome[] = []
    const history = session.judge ? new ViewHistory() : undefined
    let differences = 0
    for (const step of session.steps) {
      const m = await side.execute(step.cmd)
      if (step.cmd.op === 'DeleteView' && m.outcome.ok) side.markDeleted(step.cmd.slot)
      history?.capture({ ...step, model: m }, side)
      outcomes.push(m)
      differences += outcomeDifference(step.cmd, step.target.outcome, m.outcome, refs, {
        target: session.target.created,
        model: side.created,
      })
      if (differences >= bound) return undefined
    }
    return { side, outcomes, differences, ...(history ? { history } : {}) }
  }
}

/**
 * A session of `target` against a fresh reference model that starts from the choices learned so far for
 * this target and keeps learning. `refs` are the checks' reference tables: renewed when the model side is
 * replaced (ids and checksums of the old model side mean nothing to the new one).
 */
export function learningSession(
  target: Target,
  mode: Mode,
  modelOptions: ModelOptions | undefined,
  refs: { target: RefTable; model: RefTable },
): Session {
  const knowledge = targetKnowledge(target.root, mode) // lanes of a target learn together: one implementation
  const makeSide: ModelSideFactory = (choices) =>
    modelSide(
      new ViewsModel({
        instances: [target.instanceId],
        region: target.region,
        accountId: target.accountId,
        ...modelOptions,
        choices: { ...mode.choices, ...modelOptions?.choices, ...choices },
      }),
      target.instanceId,
    )
  const learner = new ChoiceLearner(knowledge, makeSide, mode, () => {
    refs.target = new RefTable()
    refs.model = new RefTable()
  })
  const judge = mode.consistency
    ? new ConsistencyJudge(mode, mode.consistency, consistencyRecorder(target.root, mode.consistency))
    : undefined
  return new Session(targetSide(target), makeSide(knowledge.learned), target.sequenceIdentity(), learner, judge)
}
