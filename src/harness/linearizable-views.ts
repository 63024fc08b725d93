// The reference ViewsModel as a sequential specification for the linearizability checker: one view,
// operations CreateViewVersion and UpdateViewContent (SAVED or PUBLISHED). Each branch of the search
// gets its own clone of the model; results are compared only on what the documentation promises.
import type { CallError, CallOutcome } from '../targets/sdk-call'
import { ModelError } from '../model/errors'
import type { ViewContentRecord, ViewRecord } from '../model/state'
import type { ViewsModel } from '../model/views-model'
import type { HistoryEntry, Observed, Outcome, SequentialModel } from './linearizability'

export type ViewsOp = 'CreateViewVersion' | 'UpdateViewContent'
export const VIEWS_OPS: readonly ViewsOp[] = ['CreateViewVersion', 'UpdateViewContent']

type Obj = Record<string, unknown>

/** Template + Actions: the part of a View's content whose behaviour is documented (InputSchema is generated, R19). */
export interface ContentProjection {
  Template?: string
  Actions?: string[]
}

/** What the model predicts for one call, already projected to the compared fields. */
export type ViewsExpected =
  | { op: ViewsOp; ok: true; version?: number; content?: ContentProjection; status?: unknown }
  | { op: ViewsOp; ok: false; error: string }

export type ViewsHistoryEntry = HistoryEntry<ViewsOp, Obj, Obj, CallError>

export interface ViewsModelAdapterOptions {
  /** The model with the view already created, in the state the target's view starts from. Not mutated. */
  start: ViewsModel
  instanceId: string
  /** The model's id for the view (the target's differs; calls are re-addressed to this one). */
  viewId: string
  /** Also compare the returned Status (R43, inferred). */
  strict?: boolean
}

function contentOf(view: Obj | undefined): ContentProjection {
  const c = (view?.Content ?? {}) as Obj
  return {
    ...(c.Template !== undefined ? { Template: c.Template as string } : {}),
    ...(c.Actions !== undefined ? { Actions: c.Actions as string[] } : {}),
  }
}

function sameProjection(a: ContentProjection, b: ContentProjection): boolean {
  if (a.Template !== b.Template) return false
  const x = a.Actions,
    y = b.Actions
  if (x === undefined || y === undefined) return x === y
  return x.length === y.length && x.every((v, i) => v === y[i])
}

/** The model's record of the view (read-only), through the model's own accessor. */
function viewRecord(model: ViewsModel, instanceId: string, viewId: string): Readonly<ViewRecord> {
  const view = model.peekView(instanceId, viewId)
  if (!view) throw new Error(`linearizable-views: the model has no view ${viewId} in instance ${instanceId}`)
  return view
}

/** Small integer per distinct content, so state keys stay short; content records are immutable, hence the WeakMap. */
class ContentInterner {
  private readonly byText = new Map<string, number>()
  private readonly byRecord = new WeakMap<ViewContentRecord, number>()

  id(c: ViewContentRecord | undefined): number {
    if (c === undefined) return -1
    let n = this.byRecord.get(c)
    if (n !== undefined) return n
    const text = JSON.stringify([c.template ?? null, c.actions ?? null])
    n = this.byText.get(text)
    if (n === undefined) this.byText.set(text, (n = this.byText.size))
    this.byRecord.set(c, n)
    return n
  }
}

/**
 * Builds the sequential model. The state key is exact for this operation set: it holds everything that
 * can change a future answer of CreateViewVersion/UpdateViewContent as compared here — $LATEST (what a
 * publish snapshots), the version map (R11's "highest version" and the version quota) and maxIssued (the
 * next number, R26). $SAVED, timestamps, tags and names are left out: no compared answer depends on them
 * (content validation depends on the input only), so states differing only there are interchangeable.
 */
export function viewsSequentialModel(
  o: ViewsModelAdapterOptions,
): SequentialModel<ViewsModel, ViewsExpected, ViewsOp, Obj, Obj, CallError> {
  const interner = new ContentInterner()
  viewRecord(o.start, o.instanceId, o.viewId) // fail at construction, not mid-search
  return {
    init: () => o.start.clone(),
    step(state, op, input) {
      if (!VIEWS_OPS.includes(op))
        throw new Error(
          `linearizable-views: ${op} is not modelled (its answers may depend on state the key leaves out)`,
        )
      const next = state.clone()
      try {
        const out = next.invoke(op, { ...input, InstanceId: o.instanceId, ViewId: o.viewId })
        if (op === 'UpdateViewContent') return { state: next, result: { op, ok: true } }
        const view = out.View as Obj
        return {
          state: next,
          result: { op, ok: true, version: view.Version as number, content: contentOf(view), status: view.Status },
        }
      } catch (e) {
        if (!(e instanceof ModelError)) throw e
        return { state, result: { op, ok: false, error: e.errorName } } // modelled errors are raised before any write
      }
    },
    equal(observed, expected) {
      if ((observed.kind === 'ok') !== expected.ok) return false
      // Only "some error" is documented for the failures these calls can meet; the class is not compared.
      if (observed.kind === 'fail' || !expected.ok || expected.op === 'UpdateViewContent') return true
      const view = observed.output.View as Obj | undefined
      return (
        view?.Version === expected.version &&
        sameProjection(contentOf(view), expected.content ?? {}) &&
        (!o.strict || view?.Status === expected.status)
      )
    },
    key(state) {
      const v = viewRecord(state, o.instanceId, o.viewId)
      const versions = [...v.versions].sort((a, b) => a[0] - b[0]).map(([n, r]) => `${n}:${interner.id(r.content)}`)
      return `${interner.id(v.latest)}|${v.maxIssued}|${versions.join(',')}`
    },
    describe: {
      state: (s) => describeViewState(viewRecord(s, o.instanceId, o.viewId)),
      result: (r) =>
        r.ok
          ? r.op === 'CreateViewVersion'
            ? `ok Version=${r.version} ${contentText(r.content ?? {})}`
            : 'ok'
          : `error ${r.error}`,
      observed: (obs, op) => describeObserved(op, obs),
    },
  }
}

function contentText(c: ContentProjection): string {
  return JSON.stringify(c)
}

function describeViewState(v: ViewRecord): string {
  const text = (c: ViewContentRecord | undefined) =>
    c ? contentText({ Template: c.template, Actions: c.actions as string[] }) : 'none'
  const versions = [...v.versions].sort((a, b) => a[0] - b[0]).map(([n, r]) => `${n}=${text(r.content)}`)
  return `{$LATEST ${text(v.latest)}; versions ${versions.length ? versions.join(', ') : 'none'}; maxIssued ${v.maxIssued}}`
}

export function describeObserved(op: ViewsOp, obs: Observed<Obj, CallError>): string {
  if (obs.kind === 'fail') return `error ${obs.error.name}${obs.error.status ? ` (HTTP ${obs.error.status})` : ''}`
  if (op === 'UpdateViewContent') return 'ok'
  const view = obs.output.View as Obj | undefined
  return `ok Version=${String(view?.Version)} ${contentText(contentOf(view))}`
}

/**
 * How a target's answer enters the history. Besides transport-level unknowns, 5xx and throttling answers
 * and ResourceInUseException (listed for UpdateViewContent/CreateViewVersion, plausibly a concurrent-
 * modification refusal) become "unknown": an op the service refused had no effect, which "unknown" allows,
 * and a 5xx may or may not have been applied. Other errors are compared with the model.
 */
export function historyOutcome(o: CallOutcome): Outcome<Obj, CallError> {
  if (o.ok) return { kind: 'ok', output: o.output }
  if (
    o.unknown ||
    (o.error.status ?? 0) >= 500 ||
    o.error.status === 429 ||
    o.error.name === 'TooManyRequestsException' ||
    o.error.name === 'ResourceInUseException'
  )
    return { kind: 'unknown' }
  return { kind: 'fail', error: o.error }
}

/** One line per call, for failure messages. */
export function describeHistoryEntry(h: ViewsHistoryEntry, round?: number): string {
  const i = h.input as { Status?: string; Content?: ContentProjection }
  const call =
    h.op === 'UpdateViewContent'
      ? `UpdateViewContent ${i.Status} ${contentText(contentOf({ Content: i.Content }))}`
      : 'CreateViewVersion'
  const result = h.outcome.kind === 'unknown' ? 'unknown outcome' : describeObserved(h.op, h.outcome)
  const when = `[${h.invokedAt}..${h.completedAt ?? '?'}]`
  return `#${h.id}${round !== undefined ? ` round ${round}` : ''} ${when} ${call} -> ${result}`
}
