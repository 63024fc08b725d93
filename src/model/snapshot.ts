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

/** R13: the checksum of $LATEST (quirk: of $SAVED), absent until something is published. */
export function latestChecksum(ctx: ModelContext, view: ViewRecord): string | undefined {
  if (ctx.opts.quirks.has('checksum-of-saved')) return contentChecksum(view.saved.content, ctx.opts.choices)
  return view.latest ? contentChecksum(view.latest, ctx.opts.choices) : undefined
}

function wireContent(c: ViewContentRecord): Record<string, unknown> {
  return {
    InputSchema: inputSchemaFor(c),
    ...(c.template !== undefined ? { Template: c.template } : {}),
    ...(c.actions !== undefined ? { Actions: [...c.actions] } : {}),
  }
}

export function versionArn(view: ViewRecord, n: number): string {
  return `${view.arn}:${n}` // R37
}

export function viewSnapshot(ctx: ModelContext, view: ViewRecord, which: Which): WireView {
  const { choices } = ctx.opts
  let content: ViewContentRecord
  let status: string
  let version: number | undefined
  let versionDescription: string | undefined
  let sha = latestChecksum(ctx, view)
  if (typeof which === 'number') {
    const v = view.versions.get(which)
    if (!v) throw new Error(`snapshot of missing version ${which}`)
    content = v.content
    status = 'PUBLISHED'
    version = which
    versionDescription = v.versionDescription
    if (choices.numberedVersionSha256 === 'own') sha = contentChecksum(v.content, choices)
  } else {
    content = which === 'saved' ? view.saved.content : (view.latest ?? view.saved.content)
    status = which === 'saved' ? view.saved.status : 'PUBLISHED'
    if (choices.aliasVersionField === 'highest') version = highestVersion(view)
  }
  return {
    Id: view.id,
    Arn: typeof which === 'number' ? versionArn(view, which) : view.arn,
    Name: view.name,
    Status: status,
    Type: view.type,
    ...(view.description !== undefined ? { Description: view.description } : {}),
    ...(version !== undefined ? { Version: version } : {}),
    ...(versionDescription !== undefined ? { VersionDescription: versionDescription } : {}),
    Content: wireContent(content),
    ...(Object.keys(view.tags).length > 0 ? { Tags: { ...view.tags } } : {}),
    CreatedTime: seconds(view.createdTime),
    LastModifiedTime: seconds(view.lastModifiedTime),
    ...(sha !== undefined ? { ViewContentSha256: sha } : {}),
  }
}

/** The snapshot a view is "as a whole": $LATEST once published, else the draft. */
export function defaultSnapshot(ctx: ModelContext, view: ViewRecord): WireView {
  if (view.type === 'AWS_MANAGED') return viewSnapshot(ctx, view, highestVersion(view) ?? 'latest')
  return viewSnapshot(ctx, view, view.latest ? 'latest' : 'saved')
}

export function viewSummary(view: ViewRecord): Record<string, unknown> {
  return {
    Id: view.id,
    Arn: view.arn,
    Name: view.name,
    Type: view.type,
    Status: view.latest ? 'PUBLISHED' : 'SAVED', // R41
    ...(view.description !== undefined ? { Description: view.description } : {}),
  }
}

export function versionSummary(view: ViewRecord, n: number): Record<string, unknown> {
  const v = view.versions.get(n)!
  return {
    Id: view.id,
    Arn: versionArn(view, n),
    ...(view.description !== undefined ? { Description: view.description } : {}),
    Name: view.name,
    Type: view.type,
    Version: n,
    ...(v.versionDescription !== undefined ? { VersionDescription: v.versionDescription } : {}),
  }
}
