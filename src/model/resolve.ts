// Finds the instance and view a request names (R1, R8, R25, R39, R45), or throws the modelled error.
import type { RuleId } from '../spec'
import { ModelError } from './errors'
import type { ModelContext } from './context'
import type { ViewRecord } from './state'
import { MalformedQualifier, parseViewRef, type Qualifier } from './view-ref'

/** A Connect instance id as AWS issues them (a lowercase UUID): what anyInstance accepts as a new instance. */
const INSTANCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function requireInstance(ctx: ModelContext, instanceId: string): void {
  if (ctx.state.instances.has(instanceId)) return
  if (ctx.opts.anyInstance && INSTANCE_ID.test(instanceId)) {
    // emulator convenience (serve --any-instance): an instance comes into being on first use, as in moto
    ctx.state.instances.add(instanceId)
    ctx.state.views.set(instanceId, new Map())
    return
  }
  throw new ModelError('ResourceNotFoundException', `Instance not found: ${instanceId}`, 'R25')
}

export function viewNotFound(ctx: ModelContext, what: string, rule: RuleId = 'R25'): ModelError {
  // quirk: an emulator that answers a missing view with a 400 instead of a 404
  if (ctx.opts.quirks.has('missing-view-wrong-class'))
    return new ModelError('InvalidParameterException', `Invalid view: ${what}`, rule)
  return new ModelError('ResourceNotFoundException', `View not found: ${what}`, rule)
}

/** R45: a view ARN of another instance, region or account (class: choice foreignArnError). */
function foreignArn(ctx: ModelContext, viewId: string): ModelError {
  const cls = ctx.opts.choices.foreignArnError
  if (cls === 'ResourceNotFoundException') return viewNotFound(ctx, viewId, 'R45')
  return new ModelError(cls, `The view ARN does not belong to this instance: ${viewId}`, 'R45')
}

export interface ResolvedView {
  view: ViewRecord
  qualifier?: Qualifier
  /** True when only a deleted view's leftovers matched (quirk delete-view-leaves-versions). */
  ghost?: boolean
}

export type Purpose = 'read' | 'mutate'

/**
 * Resolves ViewId within an instance. 'mutate' rejects numeric qualifiers (a version is immutable) and
 * AWS-managed views (R9); aliases are tolerated and ignored.
 */
export function resolveView(ctx: ModelContext, instanceId: string, viewId: string, purpose: Purpose): ResolvedView {
  requireInstance(ctx, instanceId)
  const { opts, state } = ctx
  let ref
  try {
    ref = parseViewRef(viewId)
  } catch (e) {
    if (e instanceof MalformedQualifier) throw new ModelError(opts.choices.malformedQualifierError, e.message, 'R39')
    throw e
  }
  if (!ref) throw viewNotFound(ctx, viewId)
  let view: ViewRecord | undefined
  let ghost: ViewRecord | undefined
  if (ref.kind === 'aws-managed-arn') {
    if (ref.partition !== opts.partition || ref.region !== opts.region) throw foreignArn(ctx, viewId)
    view = state.awsManaged.get(ref.name)
  } else {
    if (
      ref.kind === 'customer-arn' &&
      (ref.partition !== opts.partition ||
        ref.region !== opts.region ||
        ref.account !== opts.accountId ||
        ref.instanceId !== instanceId)
    )
      throw foreignArn(ctx, viewId)
    view = state.views.get(instanceId)?.get(ref.viewId)
    if (!view && ref.qualifier?.kind === 'version') ghost = state.ghosts.get(ref.viewId)
  }
  if (!view && ghost && purpose === 'read') return { view: ghost, qualifier: ref.qualifier, ghost: true }
  if (!view) throw viewNotFound(ctx, viewId)
  if (purpose === 'mutate') {
    if (ref.qualifier?.kind === 'version') {
      throw new ModelError(
        opts.choices.malformedQualifierError,
        `A version qualifier is not allowed here: ${viewId}`,
        'R39',
      )
    }
    if (ref.qualifier && opts.choices.aliasOnMutation === 'reject') {
      throw new ModelError(opts.choices.malformedQualifierError, `A qualifier is not allowed here: ${viewId}`, 'R39')
    }
    if (view.type === 'AWS_MANAGED') {
      throw new ModelError(
        opts.choices.awsManagedMutationError,
        `AWS managed views cannot be modified: ${viewId}`,
        'R9',
      )
    }
  }
  return { view, qualifier: ref.qualifier }
}

/** Tagging addresses the unqualified customer view ARN (R21). */
export function resolveTaggedView(ctx: ModelContext, resourceArn: string): ViewRecord {
  const { opts, state } = ctx
  let ref
  try {
    ref = parseViewRef(resourceArn)
  } catch {
    ref = undefined
  }
  if (!ref || ref.kind === 'customer-id')
    throw new ModelError('ResourceNotFoundException', `Resource not found: ${resourceArn}`, 'R25')
  if (ref.qualifier)
    throw new ModelError(
      opts.choices.malformedQualifierError,
      `Tags apply to the unqualified view ARN: ${resourceArn}`,
      'R21',
    )
  if (ref.kind === 'aws-managed-arn') {
    if (state.awsManaged.has(ref.name))
      throw new ModelError(
        opts.choices.awsManagedMutationError,
        `AWS managed views cannot be tagged: ${resourceArn}`,
        'R9',
      )
    throw new ModelError('ResourceNotFoundException', `Resource not found: ${resourceArn}`, 'R25')
  }
  const view =
    ref.partition === opts.partition && ref.region === opts.region && ref.account === opts.accountId
      ? state.views.get(ref.instanceId)?.get(ref.viewId)
      : undefined
  if (!view) throw new ModelError('ResourceNotFoundException', `Resource not found: ${resourceArn}`, 'R40')
  return view
}
