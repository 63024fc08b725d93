// What a read may legally answer under eventual consistency. Connect documents that a change "might not be
// visible to the commands you run next, typically for less than a few seconds"
// (https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html). So, per view, a read
// sent at time t may show any state of that view acknowledged within W before t, or the newest older one;
// a view created within W may be absent, one deleted within W still present. Lists are judged item by item.
//
// The model is pure and keeps only its newest state, so the session keeps each view's states beside it: a
// copy of the model's record after every write that changed it, with the time the target acknowledged that
// write. An older answer is recomputed by running the same read on a copy of the model whose view is at the
// older state; what no state of the view could answer (another content for a numbered version, R10) is never
// legal, however fresh the write.
import { cloneView, type ViewRecord } from '../model/state'
import type { CallOutcome } from '../targets/sdk-call'
import type { Cmd } from './commands'
import { RefTable, stableJson } from './normalise'
import { project, type Mode } from './projection'
import { SideDriver, type Step } from './session'
import { modelSide } from './sides'

export interface ViewState {
  /** Clock ms the target acknowledged the write that produced it; -Infinity before the view was created. */
  at: number
  /** undefined: the view did not exist. */
  record: ViewRecord | undefined
  /** The step whose write produced it (-1: before the first). */
  step: number
}

interface Pair {
  target: { id: string; arn: string }
  model: { id: string; arn: string }
}

const READS = new Set<Cmd['op']>([
  'DescribeView',
  'ListViews',
  'ListViewVersions',
  'SearchViews',
  'ListTagsForResource',
])

/** A read whose answer may be stale: the documented reads of the views this session created. */
export function isJudgedRead(cmd: Cmd): boolean {
  return READS.has(cmd.op)
}

/** Commands that may change a view (what the history follows). */
export function isWrite(cmd: Cmd): boolean {
  return !READS.has(cmd.op) && cmd.op !== 'DescribeAwsManagedView' && cmd.op !== 'Raw'
}

function recordKey(r: ViewRecord | undefined): string {
  if (!r) return 'absent'
  const { versions, ...rest } = r
  return JSON.stringify([rest, [...versions]])
}

/** Per view of the session (by the model's id): its states, oldest first; and which target view is which model view. */
export class ViewHistory {
  private readonly pairs: Pair[] = []
  private readonly byTarget = new Map<string, Pair>()
  private readonly states = new Map<string, ViewState[]>()

  /** After a step ran on both sides (`model` is the model side's driver, already past the step). */
  capture(step: Step, model: SideDriver): void {
    const cmd = step.cmd
    if (!isWrite(cmd) || !('slot' in cmd)) return
    const base = model.side.model
    const m = createdPair(step) ?? model.slots.get(cmd.slot)
    if (!m || !base) return
    const t = step.target.outcome
    if ((cmd.op === 'CreateView' || cmd.op === 'RetryCreateView') && t.ok) {
      const v = t.output.View as { Id?: string; Arn?: string } | undefined
      if (v?.Id && !this.byTarget.has(v.Id)) {
        const pair = { target: { id: v.Id, arn: String(v.Arn) }, model: { id: m.id, arn: m.arn } }
        this.pairs.push(pair)
        this.byTarget.set(v.Id, pair)
      }
    }
    const record = base.peekView(model.side.instanceId, m.id)
    let states = this.states.get(m.id)
    if (!states) this.states.set(m.id, (states = [{ at: -Infinity, record: undefined, step: -1 }]))
    if (recordKey(states[states.length - 1]!.record) === recordKey(record)) return
    states.push({ at: step.target.answeredAt ?? 0, record: record && cloneView(record), step: step.index })
  }

  statesOf(modelId: string): readonly ViewState[] {
    return this.states.get(modelId) ?? []
  }

  modelIdOf(targetId: string): string | undefined {
    return this.byTarget.get(targetId)?.model.id
  }

  /** The newest acknowledgement of any write (of `modelId`, or of any view). */
  newestWrite(modelId?: string): number | undefined {
    let newest: number | undefined
    for (const [id, states] of this.states) {
      if (modelId !== undefined && id !== modelId) continue
      const at = states[states.length - 1]!.at
      if (at > -Infinity && (newest === undefined || at > newest)) newest = at
    }
    return newest
  }

  get modelIds(): string[] {
    return [...this.states.keys()]
  }

  /** Reference tables that name each view pair alike on both sides, whatever order answers list them in. */
  seededRefs(): { target: RefTable; model: RefTable } {
    const refs = { target: new RefTable(), model: new RefTable() }
    for (const p of this.pairs) {
      refs.target.ref('view', p.target.id)
      refs.model.ref('view', p.model.id)
      refs.target.ref('arn', p.target.arn)
      refs.model.ref('arn', p.model.arn)
    }
    return refs
  }
}

/**
 * The model's view a create answered. A retried CreateView that creates a second view (it carried no
 * ClientToken) leaves its slot on the first one, so the slot cannot say which view the retry's answer is: the
 * model's own answer does.
 */
function createdPair(step: Step): { id: string; arn: string } | undefined {
  if (step.cmd.op !== 'CreateView' && step.cmd.op !== 'RetryCreateView') return undefined
  const o = step.model.outcome
  const v = o.ok ? (o.output.View as { Id?: unknown; Arn?: unknown } | undefined) : undefined
  return typeof v?.Id === 'string' ? { id: v.Id, arn: String(v.Arn) } : undefined
}

/** Whether state i of `states` may still be seen by a read sent at `sentAt`: the next state is younger than W. */
export function isLegalAt(states: readonly ViewState[], i: number, sentAt: number, windowMs: number): boolean {
  const next = states[i + 1]
  return next === undefined || next.at > sentAt - windowMs
}

/** The answer the model gives to `cmd` with some views at older states (`only`: no other view exists). */
export async function answerAsOf(
  model: SideDriver,
  cmd: Cmd,
  at: ReadonlyMap<string, ViewRecord | undefined>,
  only = false,
): Promise<CallOutcome> {
  const base = model.side.model!
  const instanceId = model.side.instanceId
  const views = new Map<string, ViewRecord>()
  if (!only) for (const [id, v] of base.customerViews(instanceId)) views.set(id, v as ViewRecord)
  for (const [id, r] of at) {
    if (r) views.set(id, r)
    else views.delete(id)
  }
  const driver = new SideDriver(modelSide(base.withCustomerViews(instanceId, views.values()), instanceId), model.run)
  for (const [slot, s] of model.slots) driver.slots.set(slot, { ...s, shas: [...s.shas] })
  for (const id of model.created) driver.created.add(id)
  return (await driver.execute(cmd)).outcome
}

export type Sides = { target: SideDriver; model: SideDriver }

/** Two answers to `cmd` say the same, as far as the mode compares them (ids by view pair, not by value). */
export function sameAnswer(
  cmd: Cmd,
  t: CallOutcome,
  m: CallOutcome,
  history: ViewHistory,
  mode: Mode,
  sides: Sides,
): boolean {
  if (t.ok !== m.ok) return false
  if (!t.ok || !m.ok) return !t.ok && !m.ok && t.error.name === m.error.name
  const refs = history.seededRefs()
  const quiet: Mode = { ...mode, onAsserted: undefined }
  const a = stableJson(project(cmd, t.output, refs.target, quiet, sides.target.created))
  const b = stableJson(project(cmd, m.output, refs.model, quiet, sides.model.created))
  return a === b
}

export const LIST_ITEMS: Partial<Record<Cmd['op'], string>> = { ListViews: 'ViewsSummaryList', SearchViews: 'Views' }

/** One view's items in a list answer (by id), as a one-view list answer. */
export function itemsOf(cmd: Cmd, o: CallOutcome, id: string): CallOutcome {
  if (!o.ok) return o
  const key = LIST_ITEMS[cmd.op]!
  return { ok: true, output: { [key]: ((o.output[key] ?? []) as { Id?: string }[]).filter((x) => x.Id === id) } }
}
