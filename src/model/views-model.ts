// The reference model: a pure, deterministic store of instances, views and versions. Input is the SDK
// command input; output is the wire JSON body (timestamps in epoch seconds). API errors are ModelErrors.
import type { OperationName } from '../spec'
import { awsManagedViews } from './aws-managed'
import type { ModelContext } from './context'
import { ModelError } from './errors'
import { listViews, searchViews } from './list-operations'
import { resolveOptions, type ModelOptions, type ResolvedOptions } from './options'
import { cloneState, cloneView, emptyState, type ModelState, type ViewRecord } from './state'
import { listTagsForResource, tagResource, untagResource } from './tag-operations'
import { validateInput } from './validation'
import { deleteViewVersion, listViewVersions, planCreateViewVersion, type PublishPlan } from './version-operations'
import { createView, deleteView, describeView, updateViewContent, updateViewMetadata } from './view-operations'

type Input = Record<string, unknown>
type Output = Record<string, unknown>

// biome-ignore lint/suspicious/noExplicitAny: each handler takes its own operation's input type; invoke() validates the input first
const HANDLERS: Record<OperationName, (ctx: ModelContext, input: any) => Output> = {
  CreateView: createView,
  DescribeView: describeView,
  UpdateViewContent: updateViewContent,
  UpdateViewMetadata: updateViewMetadata,
  CreateViewVersion: (ctx, input) => planCreateViewVersion(ctx, input).commit(),
  DeleteView: deleteView,
  DeleteViewVersion: deleteViewVersion,
  ListViews: listViews,
  ListViewVersions: listViewVersions,
  SearchViews: searchViews,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
}

export class ViewsModel {
  readonly options: ResolvedOptions
  private state: ModelState

  constructor(options: ModelOptions | ResolvedOptions = {}) {
    this.options =
      'choices' in options && 'quirks' in options && options.quirks instanceof Set
        ? (options as ResolvedOptions)
        : resolveOptions(options as ModelOptions)
    this.state = this.freshState()
  }

  private freshState(): ModelState {
    const s = emptyState(this.options.instances)
    if (this.options.awsManagedViews)
      for (const v of awsManagedViews(this.options)) s.awsManaged.set(v.name.toLowerCase(), v)
    return s
  }

  private get ctx(): ModelContext {
    return { state: this.state, opts: this.options }
  }

  /** Runs one operation. Throws ModelError for every modelled API error. */
  invoke(op: OperationName, input: Input): Output {
    const handler = HANDLERS[op]
    if (!handler) throw new ModelError('UnknownOperationException', `Unknown operation ${op}`, 'R44')
    validateInput(op, input, this.options.choices, this.options.quirks)
    return handler(this.ctx, input)
  }

  /** Two-phase CreateViewVersion: decide now, write at commit() (the lost-update-race quirk awaits between). */
  planCreateViewVersion(input: Input): PublishPlan {
    validateInput('CreateViewVersion', input, this.options.choices, this.options.quirks)
    return planCreateViewVersion(this.ctx, input as never)
  }

  /** A customer view's record, read-only (checkers that key on model state, e.g. linearizability). */
  peekView(instanceId: string, viewId: string): Readonly<ViewRecord> | undefined {
    return this.state.views.get(instanceId)?.get(viewId)
  }

  /** The customer views of an instance (read-only records), e.g. to snapshot them; empty for an unknown instance. */
  customerViews(instanceId: string): ReadonlyMap<string, Readonly<ViewRecord>> {
    return this.state.views.get(instanceId) ?? new Map()
  }

  /**
   * An independent copy (same options) whose customer views in `instanceId` are exactly `views` (copied);
   * everything else as in this model. What answers a read as of older states of some views (eventual
   * consistency: the stub's stale reads, the checker's legal stale answers).
   */
  withCustomerViews(instanceId: string, views: Iterable<Readonly<ViewRecord>>): ViewsModel {
    const copy = this.clone()
    copy.state.instances.add(instanceId)
    copy.state.views.set(instanceId, new Map([...views].map((v) => [v.id, cloneView(v)])))
    return copy
  }

  /**
   * The live state, read-only by contract: what persistence diffs after each change (exportState copies
   * everything, which costs what the state weighs).
   */
  get liveState(): Readonly<ModelState> {
    return this.state
  }

  addInstance(instanceId: string): void {
    this.state.instances.add(instanceId)
    if (!this.state.views.has(instanceId)) this.state.views.set(instanceId, new Map())
  }

  get instances(): readonly string[] {
    return [...this.state.instances]
  }

  /** A deep copy of the whole state (instances, views, versions, tags), e.g. to persist it. */
  exportState(): ModelState {
    return cloneState(this.state)
  }

  /** Replaces the whole state with a copy of `state` (as exportState gave it, possibly from another process). */
  importState(state: ModelState): void {
    this.state = cloneState(state)
  }

  /** Forgets every view; instances and AWS-managed views are as at construction. */
  reset(): void {
    this.state = this.freshState()
  }

  /** An independent copy (same options, same ids/clock functions), for branching checkers. */
  clone(): ViewsModel {
    const copy = new ViewsModel(this.options)
    copy.state = cloneState(this.state)
    return copy
  }
}
