// CreateView, DescribeView, UpdateViewContent, UpdateViewMetadata, DeleteView.
import type {
  CreateViewCommandInput,
  DeleteViewCommandInput,
  DescribeViewCommandInput,
  UpdateViewContentCommandInput,
  UpdateViewMetadataCommandInput,
} from '@aws-sdk/client-connect'
import { contentFromInput, validateContent } from './content'
import type { ModelContext } from './context'
import { ModelError } from './errors'
import { requireInstance, resolveView, viewNotFound } from './resolve'
import { defaultSnapshot, viewSnapshot, type WireView } from './snapshot'
import type { ViewRecord } from './state'
import { customerViewArn } from './view-ref'

function tokenKey(instanceId: string, token: string): string {
  return `${instanceId}\u0000${token}`
}

function duplicateName(ctx: ModelContext, name: string): ModelError {
  return new ModelError(ctx.opts.choices.duplicateNameError, `A view with the name ${name} already exists`, 'R5')
}

function nameTaken(ctx: ModelContext, instanceId: string, name: string, except?: string): boolean {
  for (const v of ctx.state.views.get(instanceId)?.values() ?? []) if (v.name === name && v.id !== except) return true
  return false
}

export function createView(ctx: ModelContext, input: CreateViewCommandInput): { View: WireView } {
  const { opts, state } = ctx
  const instanceId = input.InstanceId!
  requireInstance(ctx, instanceId)
  const views = state.views.get(instanceId)!
  const token = input.ClientToken || undefined
  // quirk retry-creates-second-view: the token is found, and a second view is created anyway (its name too)
  let retried = false
  if (token && !opts.quirks.has('client-token-ignored')) {
    for (const v of views.values()) {
      if (v.clientToken !== token) continue
      if (!opts.quirks.has('retry-creates-second-view')) return { View: retryAnswer(ctx, v) } // R6
      retried = true
    }
    const afterDelete = opts.choices.clientTokenAfterDelete
    if (afterDelete !== 'create-new' && state.deletedTokens.has(tokenKey(instanceId, token))) {
      throw new ModelError(afterDelete, `The client token ${token} belongs to a deleted view`, 'R53')
    }
  }
  const status = input.Status!
  const content = contentFromInput(input.Content)
  validateContent(content, status, opts.choices)
  if (!retried && nameTaken(ctx, instanceId, input.Name!)) {
    throw duplicateName(ctx, input.Name!)
  }
  if (views.size >= opts.quotas.viewsPerInstance) {
    throw new ModelError(
      'ServiceQuotaExceededException',
      `The number of views per instance exceeds the quota of ${opts.quotas.viewsPerInstance}`,
      'R22',
    )
  }
  const now = opts.now()
  const id = opts.newId()
  const view: ViewRecord = {
    id,
    arn: customerViewArn({
      partition: opts.partition,
      region: opts.region,
      account: opts.accountId,
      instanceId,
      viewId: id,
    }),
    instanceId,
    type: 'CUSTOMER_MANAGED',
    name: input.Name!,
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    tags: { ...(input.Tags ?? {}) },
    createdTime: now,
    lastModifiedTime: now,
    saved: { content, status: status as 'SAVED' | 'PUBLISHED' },
    ...(status === 'PUBLISHED' ? { latest: content } : {}), // R2
    versions: new Map(),
    maxIssued: 0,
    ...(token ? { clientToken: token } : {}),
  }
  const answer = viewSnapshot(ctx, view, status === 'PUBLISHED' ? 'latest' : 'saved')
  // what a retry answers may be this very answer (R6a, choice clientTokenRetryAnswer=original)
  if (token && opts.choices.clientTokenRetryAnswer === 'original') view.createAnswer = answer
  views.set(id, view)
  return { View: answer }
}

/**
 * R6: a ClientToken retry answers the view it created. What that answer holds once the view changed is open
 * (R6a, choice clientTokenRetryAnswer): the view as it is now, the answer of the first call, or its $SAVED.
 */
function retryAnswer(ctx: ModelContext, view: ViewRecord): WireView {
  switch (ctx.opts.choices.clientTokenRetryAnswer) {
    case 'original':
      return view.createAnswer ? structuredClone(view.createAnswer) : defaultSnapshot(ctx, view)
    case 'current-saved':
      return viewSnapshot(ctx, view, 'saved')
    default:
      return defaultSnapshot(ctx, view)
  }
}

export function describeView(ctx: ModelContext, input: DescribeViewCommandInput): { View: WireView } {
  const { view, qualifier } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'read')
  const { choices, quirks } = ctx.opts
  if (qualifier?.kind === 'version' || (!qualifier && view.type === 'AWS_MANAGED')) {
    const n = qualifier?.kind === 'version' ? qualifier.version : 1 // R8: unqualified AWS-managed = version 1
    if (!view.versions.has(n)) throw viewNotFound(ctx, `${input.ViewId} (version ${n})`)
    return { View: viewSnapshot(ctx, view, n) }
  }
  if (qualifier?.kind === 'saved' || (!qualifier && quirks.has('describe-unqualified-returns-saved'))) {
    return { View: viewSnapshot(ctx, view, 'saved') }
  }
  if (!view.latest) {
    // R7: a never-published view has no $LATEST
    throw new ModelError(
      choices.unpublishedDescribe,
      `The view ${input.ViewId} has no published content ($LATEST)`,
      'R7',
    )
  }
  return { View: viewSnapshot(ctx, view, 'latest') }
}

export function updateViewContent(ctx: ModelContext, input: UpdateViewContentCommandInput): { View: WireView } {
  const { view } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'mutate')
  const { opts } = ctx
  const status = input.Status! as 'SAVED' | 'PUBLISHED'
  const content = contentFromInput(input.Content)
  validateContent(content, status, opts.choices)
  view.saved = { content, status } // R3
  if (status === 'PUBLISHED' || opts.quirks.has('saved-update-changes-latest')) view.latest = content
  if (status === 'PUBLISHED' && opts.quirks.has('mutable-versions') && view.versions.size > 0) {
    const top = Math.max(...view.versions.keys())
    view.versions.set(top, { ...view.versions.get(top)!, content })
  }
  if (!opts.quirks.has('last-modified-frozen')) view.lastModifiedTime = opts.now() // R15
  return { View: viewSnapshot(ctx, view, status === 'PUBLISHED' ? 'latest' : 'saved') } // R42
}

export function updateViewMetadata(ctx: ModelContext, input: UpdateViewMetadataCommandInput): Record<string, never> {
  const { view } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'mutate')
  const { opts } = ctx
  if (input.Name === undefined && input.Description === undefined) {
    throw new ModelError(
      opts.choices.validationErrorClass,
      'At least one of Name or Description must be provided',
      'R30',
    )
  }
  if (input.Name !== undefined && nameTaken(ctx, view.instanceId!, input.Name, view.id)) {
    throw duplicateName(ctx, input.Name!)
  }
  if (input.Name !== undefined) view.name = input.Name
  if (input.Description !== undefined) view.description = input.Description
  if (opts.quirks.has('tags-lost-on-metadata-update')) view.tags = {}
  if (opts.choices.metadataTouchesLastModified === 'yes' && !opts.quirks.has('last-modified-frozen'))
    view.lastModifiedTime = opts.now()
  return {}
}

export function deleteView(ctx: ModelContext, input: DeleteViewCommandInput): Record<string, never> {
  const { view } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'mutate')
  ctx.state.views.get(view.instanceId!)!.delete(view.id) // R16: aliases, versions and tags go with it
  if (view.clientToken) ctx.state.deletedTokens.add(tokenKey(view.instanceId!, view.clientToken)) // R53
  if (ctx.opts.quirks.has('delete-view-leaves-versions')) ctx.state.ghosts.set(view.id, view)
  return {}
}
