// Bounded staleness, as Connect documents it: "a change might not be visible to the commands you run next,
// typically for less than a few seconds" and meanwhile calls "can fail with unexpected errors such as
// ResourceNotFoundException" (https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html).
// Switched on with `faults.eventual` (`serve --eventual <window>`), for the harness's own tests and for users
// who want their applications tested against realistic AWS behaviour.
//
// Writes are consistent: they always act on the newest state. Every write's effect on its view is kept as a
// state with the (stub clock) time it was written. A read sees, per view and independently, one of that
// view's states written within the window before the read, or the newest older one (uniformly among them):
// a view deleted within the window may still be described or listed, a recent update may not show yet.
// A view created within the window is "not found" at `notFoundRate`, by reads and writes alike (a write that
// answers so changes nothing). The pages of one paginated walk see the same states (a NextToken remembers the
// states its page was answered from), so keyset pagination neither repeats nor drops items across pages.
//
// Deterministic: states are chosen with a PRNG seeded with `seed`, and time comes from the injectable
// `clock`; the same seed, clock readings and requests give the same answers, so a failure replays.
//
// The quirk never-converges (src/model/quirks.ts) lives here too: the first UpdateViewContent of a view is
// a lost write for readers, who keep seeing the view as it was before it, whatever follows.
import type { OperationName } from '../spec'
import { parseViewRef, type ViewsModel } from '../model'
import { cloneView, type ViewRecord } from '../model/state'
import { seededRandom } from './seeded-random'

export interface EventualOptions {
  /** How long a write may stay invisible to reads, in ms (> 0). */
  windowMs: number
  /** Probability (0..1) that a call addressing a view created within the window answers ResourceNotFoundException. Default 0. */
  notFoundRate?: number
  /** Seed of the PRNG that chooses which state a read sees. Default 1. */
  seed?: number
  /** Milliseconds on any monotonic clock. Default performance.now(). */
  clock?: () => number
}

/** Operations that only read. */
export const READ_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'DescribeView',
  'ListViews',
  'ListViewVersions',
  'SearchViews',
  'ListTagsForResource',
])

interface State {
  /** Stub clock ms the state was written at; -Infinity for a state older than the tracking. */
  at: number
  /** undefined: the view does not exist (deleted). */
  record: ViewRecord | undefined
}

interface Tracked {
  instanceId: string
  states: State[]
  /** Created while tracked (the first state is its creation), so "not found" is one of its possible answers. */
  createdAt?: number
}

type Output = Record<string, unknown>

/** At most this many NextTokens remember the states of their walk (oldest forgotten first). */
const PINNED_WALKS = 1000

function key(instanceId: string, viewId: string): string {
  return `${instanceId}\u0000${viewId}`
}

/** The customer view a request addresses (ViewId or resourceArn), if it names one. */
export function addressedView(input: Record<string, unknown>): { instanceId: string; viewId: string } | undefined {
  const raw = typeof input.ViewId === 'string' ? input.ViewId : input.resourceArn
  if (typeof raw !== 'string') return undefined
  let ref
  try {
    ref = parseViewRef(raw)
  } catch {
    return undefined
  }
  if (!ref || ref.kind === 'aws-managed-arn') return undefined
  const instanceId = ref.kind === 'customer-arn' ? ref.instanceId : input.InstanceId
  return typeof instanceId === 'string' ? { instanceId, viewId: ref.viewId } : undefined
}

export function checkEventualOptions(o: EventualOptions): void {
  if (!(o.windowMs > 0 && Number.isFinite(o.windowMs)))
    throw new Error(`faults.eventual.windowMs must be a finite number > 0, got ${o.windowMs}`)
  const r = o.notFoundRate ?? 0
  if (!(r >= 0 && r <= 1)) throw new Error(`faults.eventual.notFoundRate must be within 0..1, got ${o.notFoundRate}`)
}

export class EventualReads {
  private readonly tracked = new Map<string, Tracked>()
  private readonly pinned = new Map<string, Map<string, ViewRecord | undefined>>()
  /** never-converges: what readers keep seeing of a view whose first content update was lost to them. */
  private readonly frozen = new Map<string, ViewRecord | undefined>()
  private readonly updated = new Set<string>()
  private random: () => number
  private readonly windowMs: number
  private readonly notFoundRate: number
  private readonly clock: () => number

  /** `options` undefined: consistent reads (only the never-converges quirk, when it is on). */
  constructor(
    private readonly model: ViewsModel,
    private readonly options: EventualOptions | undefined,
  ) {
    if (options) checkEventualOptions(options)
    this.windowMs = options?.windowMs ?? 0
    this.notFoundRate = options?.notFoundRate ?? 0
    this.clock = options?.clock ?? (() => performance.now())
    this.random = seededRandom(options?.seed ?? 1)
  }

  private get neverConverges(): boolean {
    return this.model.options.quirks.has('never-converges')
  }

  /** Forgets every state (the model was reset) and restarts the PRNG. */
  reset(): void {
    this.tracked.clear()
    this.pinned.clear()
    this.frozen.clear()
    this.updated.clear()
    this.random = seededRandom(this.options?.seed ?? 1)
  }

  /** Runs one call: `write` performs it on the model (writes); reads are answered here from the states they may see. */
  async invoke(op: OperationName, input: Record<string, unknown>, write: () => Promise<Output>): Promise<Output> {
    const now = this.clock()
    const addressed = addressedView(input)
    if (READ_OPERATIONS.has(op)) return this.read(op, input, now)
    if (addressed && this.notFoundRate > 0 && this.isFresh(addressed, now) && this.random() < this.notFoundRate)
      this.answerNotFound(op, input, addressed)
    if (addressed && this.options) this.trackBefore(addressed)
    const before = addressed && this.model.peekView(addressed.instanceId, addressed.viewId)
    const lost = op === 'UpdateViewContent' && before && this.neverConverges ? cloneView(before) : undefined
    const out = await write()
    if (lost && addressed) {
      const k = key(addressed.instanceId, addressed.viewId)
      if (!this.updated.has(k)) this.frozen.set(k, lost)
      this.updated.add(k)
    }
    if (this.options) this.trackAfter(op, input, out, addressed)
    return out
  }

  /** Created within the window: a call addressing it may find nothing. */
  private isFresh(v: { instanceId: string; viewId: string }, now: number): boolean {
    const t = this.tracked.get(key(v.instanceId, v.viewId))
    return t?.createdAt !== undefined && t.createdAt > now - this.windowMs
  }

  /** Throws what the model answers for this call when the view does not exist (its own not-found error). */
  private answerNotFound(
    op: OperationName,
    input: Record<string, unknown>,
    v: { instanceId: string; viewId: string },
  ): void {
    const others = [...this.model.customerViews(v.instanceId).values()].filter((r) => r.id !== v.viewId)
    // throws; a model that found something to act on without the view (cannot happen for a call that
    // addresses one) changed only its copy, and the call goes on to the real one
    this.model.withCustomerViews(v.instanceId, others).invoke(op, structuredClone(input))
  }

  /** A view written for the first time while tracked: its state before the write (older than any window). */
  private trackBefore(v: { instanceId: string; viewId: string }): void {
    const k = key(v.instanceId, v.viewId)
    const current = this.model.peekView(v.instanceId, v.viewId)
    if (!this.tracked.has(k) && current)
      this.tracked.set(k, { instanceId: v.instanceId, states: [{ at: -Infinity, record: cloneView(current) }] })
  }

  private trackAfter(
    op: OperationName,
    input: Record<string, unknown>,
    out: Output,
    addressed: { instanceId: string; viewId: string } | undefined,
  ): void {
    const at = this.clock()
    let v = addressed
    if (op === 'CreateView') {
      const id = (out.View as { Id?: unknown } | undefined)?.Id
      if (typeof id !== 'string' || typeof input.InstanceId !== 'string') return
      v = { instanceId: input.InstanceId, viewId: id }
    }
    if (!v) return
    const k = key(v.instanceId, v.viewId)
    const record = this.model.peekView(v.instanceId, v.viewId)
    let t = this.tracked.get(k)
    if (!t) {
      if (!record) return // nothing was there, nothing is: no state to remember
      t = { instanceId: v.instanceId, states: [], createdAt: at }
      this.tracked.set(k, t)
    } else if (op === 'CreateView' && t.states[t.states.length - 1]?.record === undefined) t.createdAt = at
    t.states.push({ at, record: record ? cloneView(record) : undefined })
    this.prune(t, at)
  }

  /** Drops the states no read can see any more: those older than the newest one written before the window. */
  private prune(t: Tracked, now: number): void {
    let newestOld = -1
    for (let i = 0; i < t.states.length; i++) if (t.states[i]!.at <= now - this.windowMs) newestOld = i
    if (newestOld > 0) t.states.splice(0, newestOld)
  }

  /** The states of a view a read at `now` may see: those written within the window, and the newest older one. */
  private legal(t: Tracked, now: number): State[] {
    const from = now - this.windowMs
    let newestOld: State | undefined
    const recent: State[] = []
    for (const s of t.states) {
      if (s.at > from) recent.push(s)
      else newestOld = s
    }
    return newestOld ? [newestOld, ...recent] : recent
  }

  /** The record (or absence) a read at `now` sees of each tracked view of the instance. */
  private choose(instanceId: string, now: number): Map<string, ViewRecord | undefined> {
    const picks = new Map<string, ViewRecord | undefined>()
    for (const [k, t] of this.tracked) {
      if (t.instanceId !== instanceId) continue
      const legal = this.legal(t, now)
      if (legal.length === 0) continue
      const fresh = t.createdAt !== undefined && t.createdAt > now - this.windowMs
      if (fresh && this.notFoundRate > 0 && this.random() < this.notFoundRate) picks.set(k, undefined)
      else if (legal.length === 1) picks.set(k, legal[0]!.record)
      else picks.set(k, legal[Math.floor(this.random() * legal.length)]!.record)
    }
    for (const [k, record] of this.frozen) if (k.startsWith(`${instanceId}\u0000`)) picks.set(k, record)
    return picks
  }

  private read(op: OperationName, input: Record<string, unknown>, now: number): Output {
    const instanceId = typeof input.InstanceId === 'string' ? input.InstanceId : addressedView(input)?.instanceId
    if (instanceId === undefined || (this.tracked.size === 0 && this.frozen.size === 0))
      return this.model.invoke(op, input)
    const token = typeof input.NextToken === 'string' ? input.NextToken : undefined
    const picks = (token !== undefined ? this.pinned.get(token) : undefined) ?? this.choose(instanceId, now)
    const views = new Map<string, Readonly<ViewRecord>>()
    for (const [id, v] of this.model.customerViews(instanceId)) views.set(key(instanceId, id), v)
    for (const [k, record] of picks) {
      if (record) views.set(k, record)
      else views.delete(k)
    }
    const out = this.model.withCustomerViews(instanceId, views.values()).invoke(op, input)
    if (typeof out.NextToken === 'string') {
      this.pinned.set(out.NextToken, picks)
      if (this.pinned.size > PINNED_WALKS) this.pinned.delete(this.pinned.keys().next().value!)
    }
    return out
  }
}
