// Turns records into what goes on the wire: View, ViewSummary, ViewVersionSummary (timestamps in epoch
// seconds, R32). Which fields an alias or a version carries follows R35–R37 and the choices.
import { contentChecksum } from './checksum'
import { inputSchemaFor } from './content'
import type { ModelContext } from './context'
import type { ViewContentRecord, ViewRecord } from './state'

export type Which = 'saved' | 'latest' | number

export type WireView = Record<string, unknown>

export const seconds = (ms: number) => ms / 1000

export function highestVersion(view: ViewRecord): number | undefined {
  let top: number | undefined
  for (const n of view.versions.keys()) if (top === undefined || n > top) top = n
  return top
}

/**
 * R13: the checksum of $LATEST (quirk: of $SAVED); before anything is published, absent or the draft's
 * (choice unpublishedSha256, R51).
 */
export function latestChecksum(ctx: ModelContext, view: ViewRecord): string | undefined {
  if (ctx.opts.quirks.has('checksum-of-saved')) return contentChecksum(view.saved.content, ctx.opts.choices)
  if (view.latest) return contentChecksum(view.latest, ctx.opts.choices)
  return ctx.opts.choices.unpublishedSha256 === 'of-draft'
    ? contentChecksum(view.saved.content, ctx.opts.choices)
    : undefined
}

function wireContent(ctx: ModelContext, c: ViewContentRecord): Record<string, unknown> {
  const { choices } = ctx.opts
  const actions = c.actions ?? (choices.absentActions === 'empty-list' ? [] : undefined) // R52
  return {
    ...(choices.inputSchemaField === 'generated' ? { InputSchema: inputSchemaFor(c) } : {}), // R19
    ...(c.template !== undefined ? { Template: c.template } : {}),
    ...(actions !== undefined ? { Actions: [...actions] } : {}),
  }
}

/** Which operation answers with a snapshot: Arn and Id forms of a version may differ per operation (R37). */
export type Answering = 'describe' | 'publish'

/** The ARN of version n as a numbered snapshot reports it (R37 for customer views, R47 for AWS-managed ones). */
function snapshotArn(ctx: ModelContext, view: ViewRecord, n: number, answering: Answering): string {
  const { choices } = ctx.opts
  const customer = answering === 'publish' ? choices.publishedVersionArn : choices.versionArn
  const qualified = view.type === 'AWS_MANAGED' ? choices.awsManagedArn === 'qualified' : customer === 'qualified'
  return qualified ? `${view.arn}:${n}` : view.arn
}

/** Name and Description a numbered version reports: the view's, or those it was published with (R31). */
function versionMetadata(ctx: ModelContext, view: ViewRecord, n: number): { name: string; description?: string } {
  const v = view.versions.get(n)
  if (ctx.opts.choices.versionMetadata === 'at-publish' && v?.name !== undefined)
    return { name: v.name, description: v.description }
  return { name: view.name, description: view.description }
}

function wireTags(ctx: ModelContext, view: ViewRecord): Record<string, unknown> {
  if (Object.keys(view.tags).length > 0) return { Tags: { ...view.tags } }
  const { emptyTags, emptyTagsAwsManaged } = ctx.opts.choices
  return (view.type === 'AWS_MANAGED' ? emptyTagsAwsManaged : emptyTags) === 'empty-map' ? { Tags: {} } : {} // R52
}

export function viewSnapshot(
  ctx: ModelContext,
  view: ViewRecord,
  which: Which,
  answering: Answering = 'describe',
): WireView {
  const { choices } = ctx.opts
  let content: ViewContentRecord
  let status: string
  let version: number | undefined
  let versionDescription: string | undefined
  let meta: { name: string; description?: string } = { name: view.name, description: view.description }
  let sha = latestChecksum(ctx, view)
  if (typeof which === 'number') {
    const v = view.versions.get(which)
    if (!v) throw new Error(`snapshot of missing version ${which}`)
    content = v.content
    status = 'PUBLISHED'
    version = which
    versionDescription = v.versionDescription
    meta = versionMetadata(ctx, view, which)
    if (choices.numberedVersionSha256 === 'own') sha = contentChecksum(v.content, choices)
  } else {
    content = which === 'saved' ? view.saved.content : (view.latest ?? view.saved.content)
    // R42: what a $SAVED snapshot reports as its status is a choice
    status =
      which === 'saved' ? (choices.savedAliasStatus === 'always-saved' ? 'SAVED' : view.saved.status) : 'PUBLISHED'
    if (choices.aliasVersionField === 'highest') version = highestVersion(view)
  }
  const numbered = typeof which === 'number'
  const idForm = answering === 'publish' ? choices.publishedVersionId : choices.versionId
  return {
    Id: numbered && view.type === 'CUSTOMER_MANAGED' && idForm === 'qualified' ? `${view.id}:${which}` : view.id, // R37
    Arn: numbered ? snapshotArn(ctx, view, which, answering) : view.arn,
    Name: meta.name,
    Status: status,
    Type: view.type,
    ...(meta.description !== undefined ? { Description: meta.description } : {}),
    ...(version !== undefined ? { Version: version } : {}),
    ...(versionDescription !== undefined ? { VersionDescription: versionDescription } : {}),
    Content: wireContent(ctx, content),
    ...wireTags(ctx, view),
    CreatedTime: seconds(
      numbered && choices.versionCreatedTime === 'version' ? view.versions.get(which)!.createdTime : view.createdTime,
    ), // R54
    LastModifiedTime: seconds(view.lastModifiedTime),
    ...(sha !== undefined ? { ViewContentSha256: sha } : {}),
  }
}

/** The snapshot a view is "as a whole": $LATEST once published, else the draft. */
export function defaultSnapshot(ctx: ModelContext, view: ViewRecord): WireView {
  if (view.type === 'AWS_MANAGED') return viewSnapshot(ctx, view, highestVersion(view) ?? 'latest')
  return viewSnapshot(ctx, view, view.latest ? 'latest' : 'saved')
}

/** R41 (choice summaryStatus): PUBLISHED once $LATEST exists, or the status of the last content write. */
export function summaryStatus(ctx: ModelContext, view: ViewRecord): 'PUBLISHED' | 'SAVED' {
  if (ctx.opts.choices.summaryStatus === 'last-write') return view.saved.status
  return view.latest ? 'PUBLISHED' : 'SAVED'
}

export function viewSummary(ctx: ModelContext, view: ViewRecord): Record<string, unknown> {
  return {
    Id: view.id,
    Arn: view.arn,
    Name: view.name,
    Type: view.type,
    Status: summaryStatus(ctx, view),
    ...(view.description !== undefined ? { Description: view.description } : {}),
  }
}

export function versionSummary(ctx: ModelContext, view: ViewRecord, n: number): Record<string, unknown> {
  const v = view.versions.get(n)!
  const { choices } = ctx.opts
  const meta = versionMetadata(ctx, view, n)
  return {
    Id: choices.versionSummaryId === 'qualified' ? `${view.id}:${n}` : view.id, // R37
    Arn: choices.versionSummaryArn === 'qualified' ? `${view.arn}:${n}` : view.arn,
    ...(meta.description !== undefined ? { Description: meta.description } : {}),
    Name: meta.name,
    Type: view.type,
    Version: n,
    ...(v.versionDescription !== undefined ? { VersionDescription: v.versionDescription } : {}),
  }
}
