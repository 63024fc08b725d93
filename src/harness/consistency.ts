// Checking under Connect's documented eventual consistency
// (https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html): "a change might not
// be visible to the commands you run next, typically for less than a few seconds", and meanwhile calls can
// fail with ResourceNotFoundException or InvalidRequestException.
//
// Under `eventual` (the default), after each step of a session and before any check or the choice learner
// sees it:
// - a read whose answer is legal only as a stale one (it equals the model's answer at an older state the
//   target may still show, consistency-history.ts) is read again, with backoff and through the target's
//   limiter, until it shows the newest state or W has passed; the checks then judge the last answer. An
//   answer that still shows an older state after W is judged as it is, and its failure says "did not
//   converge within W: still answers …";
// - a write that fails with ResourceNotFoundException or InvalidRequestException on a view created or
//   changed within W, where the model succeeds, is retried the same way.
// Under `strong` every answer is judged at once against the newest state. Both record what they saw
// (ConsistencyObservations) for the report. A strongly consistent target answers the newest state at once,
// so it costs one comparison per read and no extra call.
import type { CallOutcome } from '../targets/sdk-call'
import type { ConsistencyConvergence, ConsistencyObservations, ConsistencyRead } from './consistency-observations'
import {
  answerAsOf,
  isJudgedRead,
  isLegalAt,
  isWrite,
  itemsOf,
  LIST_ITEMS,
  sameAnswer,
  ViewHistory,
  type Sides,
} from './consistency-history'
import type { Cmd } from './commands'
import type { ConsistencyConfig, Mode } from './projection'
import type { NotConverged, SideDriver, Step, StepConsistency } from './session'

/** At most this many judged reads are kept as a sample (counts stay exact: readsTotal, staleTotal, afterWriteTotal). */
export const MAX_READ_SAMPLE = 5000
const FIRST_BACKOFF_MS = 50
const MAX_BACKOFF_MS = 1000

import { now } from './clock'
export { now }
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** The report's raw consistency figures of one target, with exact totals when `reads` is only a sample. */
export type RecordedObservations = ConsistencyObservations & {
  readsTotal: number
  staleTotal: number
  afterWriteTotal: number
}

/** What a run saw of one target's consistency (all its lanes and sessions). */
export class ConsistencyRecorder {
  readonly reads: ConsistencyRead[] = []
  readonly convergences: ConsistencyConvergence[] = []
  recheckCalls = 0
  readsTotal = 0
  staleTotal = 0
  afterWriteTotal = 0
  private seed = 0x9e3779b9

  constructor(public config: ConsistencyConfig) {}

  /** Reservoir sampling (deterministic): every read has the same chance to be kept once past the cap. */
  read(r: ConsistencyRead): void {
    this.readsTotal++
    if (r.stale) this.staleTotal++
    if (r.sinceWriteMs !== undefined || r.stale) this.afterWriteTotal++
    if (this.reads.length < MAX_READ_SAMPLE) {
      this.reads.push(r)
      return
    }
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0
    const slot = this.seed % this.readsTotal
    if (slot < MAX_READ_SAMPLE) this.reads[slot] = r
  }

  observations(): RecordedObservations {
    return {
      model: this.config.model,
      windowMs: this.config.windowMs,
      reads: [...this.reads],
      convergences: [...this.convergences],
      recheckCalls: this.recheckCalls,
      readsTotal: this.readsTotal,
      staleTotal: this.staleTotal,
      afterWriteTotal: this.afterWriteTotal,
    }
  }
}

const recorders = new WeakMap<object, ConsistencyRecorder>()

/** The recorder of a target (its root: lanes share it), created with `config` on first use. */
export function consistencyRecorder(target: object, config: ConsistencyConfig): ConsistencyRecorder {
  let r = recorders.get(target)
  if (!r) recorders.set(target, (r = new ConsistencyRecorder(config)))
  return r
}

/** What was recorded for a target, if anything judged its reads. */
export function recordedObservations(target: object): RecordedObservations | undefined {
  return recorders.get(target)?.observations()
}

type Judgement =
  | { kind: 'latest' }
  | { kind: 'stale'; deadline: number }
  | { kind: 'expired'; state: { step: number; at: number } }
  | { kind: 'other' }

const sec = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`

/** "did not converge within 5 s: still answers …", put before the check's own message. */
export function notConvergedMessage(n: NotConverged, cmd: Cmd, message: string): string {
  return `did not converge within ${sec(n.windowMs)}: still answers ${cmd.op} as before step ${n.afterStep + 1} (${n.afterOp}), ${sec(Math.round(n.sinceWriteMs / 100) * 100)} after it was acknowledged (${n.reads} reads)\n${message}`
}

/** One session's judge: its views' histories, the configuration and the run's recorder. */
export class ConsistencyJudge {
  history = new ViewHistory()

  constructor(
    readonly mode: Mode,
    readonly config: ConsistencyConfig,
    readonly recorder: ConsistencyRecorder,
  ) {}

  get eventual(): boolean {
    return this.config.model === 'eventual'
  }

  /** Judges the step's read (re-reading while it is legal only as stale), or retries its write; then records it. */
  async settle(sides: Sides, step: Step, rerun: () => Promise<Step['target']>): Promise<void> {
    if (isJudgedRead(step.cmd)) await this.settleRead(sides, step, rerun)
    else if (isWrite(step.cmd) && this.eventual) await this.retryWrite(sides, step, rerun)
  }

  private async settleRead(sides: Sides, step: Step, rerun: () => Promise<Step['target']>): Promise<void> {
    let j = await this.judge(sides, step)
    if (!this.eventual || j.kind !== 'stale') {
      if (j.kind === 'expired') this.markExpired(step, j.state, [], 1)
      return
    }
    const first = step.target.sentAt ?? now()
    const rechecks: StepConsistency['rechecks'] = []
    let backoff = FIRST_BACKOFF_MS
    let reads = 1
    while (j.kind === 'stale') {
      rechecks.push({ afterMs: Math.round((step.target.sentAt ?? first) - first), outcome: step.target.outcome })
      await sleep(Math.min(backoff, Math.max(0, j.deadline - now()) + 1))
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)
      const again = await rerun()
      this.recorder.recheckCalls += again.requests.length
      step.target = again
      reads++
      j = await this.judge(sides, step)
    }
    this.recorder.convergences.push({
      operation: step.cmd.op,
      ms: Math.round((step.target.sentAt ?? now()) - first),
      converged: j.kind === 'latest',
    })
    step.consistency = { rechecks }
    if (j.kind === 'expired') this.markExpired(step, j.state, rechecks, reads)
  }

  private markExpired(
    step: Step,
    state: { step: number; at: number },
    rechecks: StepConsistency['rechecks'],
    reads: number,
  ) {
    // the write the answer did not show is the one after the state it still shows
    const writeStep = this.nextWriteAfter(state.step)
    step.consistency = {
      rechecks,
      notConverged: {
        windowMs: this.config.windowMs,
        afterStep: writeStep?.step ?? state.step,
        afterOp: writeStep?.op ?? 'a write',
        sinceWriteMs: (step.target.sentAt ?? now()) - (writeStep?.at ?? state.at),
        reads,
      },
    }
  }

  private writes: { step: number; op: string; at: number }[] = []

  private nextWriteAfter(stepIndex: number) {
    return this.writes.find((w) => w.step > stepIndex)
  }

  /** After the step is final: its write joins the history. */
  capture(step: Step, model: SideDriver): void {
    this.history.capture(step, model)
    if (isWrite(step.cmd)) this.writes.push({ step: step.index, op: step.cmd.op, at: step.target.answeredAt ?? now() })
  }

  /** The choice learner replaced the model side: the history is rebuilt over the new one. */
  replaceHistory(history: ViewHistory): void {
    this.history = history
  }

  private async retryWrite(sides: Sides, step: Step, rerun: () => Promise<Step['target']>): Promise<void> {
    const t = step.target.outcome
    if (t.ok || !step.model.outcome.ok) return
    if (t.error.name !== 'ResourceNotFoundException' && t.error.name !== 'InvalidRequestException') return
    const slot = (step.cmd as { slot?: number }).slot
    const modelId = slot === undefined ? undefined : sides.model.slots.get(slot)?.id
    const changed = modelId === undefined ? undefined : this.history.newestWrite(modelId)
    if (changed === undefined || changed <= (step.target.sentAt ?? now()) - this.config.windowMs) return
    const deadline = changed + this.config.windowMs
    const first = step.target.sentAt ?? now()
    const rechecks: StepConsistency['rechecks'] = []
    let backoff = FIRST_BACKOFF_MS
    let o = step.target.outcome
    while (!o.ok && (o.error.name === 'ResourceNotFoundException' || o.error.name === 'InvalidRequestException')) {
      if (now() > deadline) break
      rechecks.push({ afterMs: Math.round((step.target.sentAt ?? first) - first), outcome: o })
      await sleep(Math.min(backoff, Math.max(0, deadline - now()) + 1))
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)
      step.target = await rerun()
      this.recorder.recheckCalls += step.target.requests.length
      o = step.target.outcome
    }
    this.recorder.convergences.push({ operation: step.cmd.op, ms: Math.round(now() - first), converged: o.ok })
    step.consistency = { rechecks }
  }

  /** Whether the step's answer shows the newest state, an older one still legal, one no longer legal, or none. */
  private async judge(sides: Sides, step: Step): Promise<Judgement> {
    const { cmd } = step
    const sentAt = step.target.sentAt ?? now()
    const modelId = 'slot' in cmd ? sides.model.slots.get(cmd.slot)?.id : undefined
    const newest = this.history.newestWrite(modelId)
    const verdict = await this.classify(sides, step, modelId, sentAt)
    this.recorder.read({
      operation: cmd.op,
      sinceWriteMs: newest === undefined ? undefined : Math.max(0, Math.round(sentAt - newest)),
      stale: verdict.kind === 'stale' || verdict.kind === 'expired',
    })
    return verdict
  }

  private async classify(sides: Sides, step: Step, modelId: string | undefined, sentAt: number): Promise<Judgement> {
    const { cmd } = step
    const t = step.target.outcome
    if (sameAnswer(cmd, t, step.model.outcome, this.history, this.mode, sides)) return { kind: 'latest' }
    if (LIST_ITEMS[cmd.op]) return this.classifyList(sides, step, sentAt)
    if (modelId === undefined) return { kind: 'other' }
    const states = this.history.statesOf(modelId)
    // newest first: the most recent state the answer matches is the one it shows
    for (let i = states.length - 2; i >= 0; i--) {
      const s = states[i]!
      const answer = await answerAsOf(sides.model, cmd, new Map([[modelId, s.record]]))
      if (!sameAnswer(cmd, t, answer, this.history, this.mode, sides)) continue
      if (isLegalAt(states, i, sentAt, this.config.windowMs))
        return { kind: 'stale', deadline: states[states.length - 1]!.at + this.config.windowMs }
      return { kind: 'expired', state: { step: s.step, at: s.at } }
    }
    return { kind: 'other' }
  }

  /** Item by item: every view of the session is listed (or not) as one of its states may be. */
  private async classifyList(sides: Sides, step: Step, sentAt: number): Promise<Judgement> {
    const { cmd } = step
    const t = step.target.outcome
    if (!t.ok) return { kind: 'other' }
    const key = LIST_ITEMS[cmd.op]!
    const listed = ((t.output[key] ?? []) as { Id?: string }[]).map((x) => String(x.Id))
    if (new Set(listed).size !== listed.length) return { kind: 'other' } // an item twice is no state of anything
    let stale = false
    let deadline = -Infinity
    let expired: { step: number; at: number } | undefined
    for (const targetId of sides.target.created) {
      const modelId = this.history.modelIdOf(targetId)
      if (!modelId) continue
      const states = this.history.statesOf(modelId)
      const mine = itemsOf(cmd, t, targetId)
      let matched: number | undefined
      for (let i = states.length - 1; i >= 0; i--) {
        const answer = itemsOf(
          cmd,
          await answerAsOf(sides.model, cmd, new Map([[modelId, states[i]!.record]]), true),
          modelId,
        )
        if (sameAnswer(cmd, mine, answer, this.history, this.mode, sides)) {
          matched = i
          break
        }
      }
      if (matched === undefined) return { kind: 'other' }
      if (matched === states.length - 1) continue
      if (!isLegalAt(states, matched, sentAt, this.config.windowMs)) {
        expired ??= { step: states[matched]!.step, at: states[matched]!.at }
        continue
      }
      stale = true
      deadline = Math.max(deadline, states[states.length - 1]!.at + this.config.windowMs)
    }
    if (expired) return { kind: 'expired', state: expired }
    return stale ? { kind: 'stale', deadline } : { kind: 'other' }
  }
}

/** The errors Connect documents for a call that meets a change not visible yet. */
export function isNotVisibleYet(o: CallOutcome): boolean {
  return !o.ok && (o.error.name === 'ResourceNotFoundException' || o.error.name === 'InvalidRequestException')
}

/**
 * Sends (through `send`, so the target's limiter paces it) until the answer is not a not-visible-yet error or
 * `deadline` (clock ms) has passed; the tries beyond the first are counted as re-check calls.
 */
export async function retryWhileNotVisible<T extends { outcome: CallOutcome; requests?: unknown[] }>(
  send: () => Promise<T>,
  deadline: number,
  recorder?: ConsistencyRecorder,
): Promise<T> {
  const first = now()
  let res = await send()
  if (!isNotVisibleYet(res.outcome) || now() > deadline) return res
  let backoff = FIRST_BACKOFF_MS
  while (isNotVisibleYet(res.outcome) && now() <= deadline) {
    await sleep(Math.min(backoff, Math.max(0, deadline - now()) + 1))
    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)
    res = await send()
    if (recorder) recorder.recheckCalls += res.requests?.length ?? 1
  }
  recorder?.convergences.push({
    operation: 'write',
    ms: Math.round(now() - first),
    converged: !isNotVisibleYet(res.outcome),
  })
  return res
}
