// ListViews (R18: Type then Name) and SearchViews, both with keyset NextTokens (R27/R28).
import type { ListViewsCommandInput, SearchViewsCommandInput, ViewSearchCriteria, ControlPlaneAttributeFilter } from '@aws-sdk/client-connect'
import type { ModelContext } from './context'
import { ModelError } from './errors'
import { decodeToken, encodeToken, page, type PageQuirks } from './pagination'
import { requireInstance } from './resolve'
import { defaultSnapshot, viewSummary } from './snapshot'
import type { ViewRecord } from './state'

type SortKey = [type: string, name: string, id: string]

function sortKey(v: ViewRecord): SortKey {
  return [v.type, v.name, v.id]
}

function compareKeys(ctx: ModelContext): (a: SortKey, b: SortKey) => number {
  const fold = ctx.opts.choices.listViewsNameOrder === 'case-insensitive'
  const str = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
  return (a, b) => str(a[0], b[0]) || (fold ? str(a[1].toLowerCase(), b[1].toLowerCase()) : 0) || str(a[1], b[1]) || str(a[2], b[2])
}

function pageQuirks(ctx: ModelContext): PageQuirks {
  const q = ctx.opts.quirks
  return { dropAtBoundary: q.has('pagination-drops-item'), repeatAtBoundary: q.has('pagination-repeats-item'), ignoreToken: q.has('next-token-ignored') }
}

function afterFromToken(ctx: ModelContext, token: string | undefined, op: string, scope: string): SortKey | undefined {
  if (token === undefined) return undefined
  const t = decodeToken(ctx.opts.tokenSecret, token, op, scope)
  if (!t.ok) throw new ModelError(ctx.opts.choices.invalidNextTokenError, 'Invalid NextToken', 'R28')
  return t.after as SortKey
}

/** Views visible in an instance: the region's AWS-managed views and the instance's own. */
function visibleViews(ctx: ModelContext, instanceId: string): ViewRecord[] {
  return [...ctx.state.awsManaged.values(), ...ctx.state.views.get(instanceId)!.values()]
}

function paged(ctx: ModelContext, views: ViewRecord[], token: string | undefined, op: string, scope: string, maxResults: number) {
  const cmp = compareKeys(ctx)
  const sorted = views.sort((a, b) => cmp(sortKey(a), sortKey(b)))
  const p = page(sorted, sortKey, cmp, afterFromToken(ctx, token, op, scope), maxResults, pageQuirks(ctx))
  const next = p.nextAfter === undefined ? {} : { NextToken: encodeToken(ctx.opts.tokenSecret, { op, scope, after: p.nextAfter }) }
  return { items: p.items, next }
}

export function listViews(ctx: ModelContext, input: ListViewsCommandInput): Record<string, unknown> {
  const instanceId = input.InstanceId!
  requireInstance(ctx, instanceId)
  const views = visibleViews(ctx, instanceId).filter((v) => input.Type === undefined || v.type === input.Type)
  const { items, next } = paged(ctx, views, input.NextToken, 'ListViews', `${instanceId}|${input.Type ?? ''}`, input.MaxResults ?? 100)
  return { ViewsSummaryList: items.map(viewSummary), ...next }
}

// ---- SearchViews ----

function stringField(v: ViewRecord, field: string): string | undefined {
  switch (field.toLowerCase()) {
    case 'name': return v.name
    case 'description': return v.description
    case 'id': return v.id
    case 'arn': return v.arn
    default: throw new ModelError('InvalidParameterException', `Unsupported search field: ${field}`, 'R24')
  }
}

function matchesCriteria(v: ViewRecord, c: ViewSearchCriteria | undefined): boolean {
  if (!c) return true
  if (c.OrConditions && !c.OrConditions.some((x) => matchesCriteria(v, x))) return false
  if (c.AndConditions && !c.AndConditions.every((x) => matchesCriteria(v, x))) return false
  if (c.ViewTypeCondition && v.type !== c.ViewTypeCondition) return false
  if (c.ViewStatusCondition && (v.latest ? 'PUBLISHED' : 'SAVED') !== c.ViewStatusCondition) return false
  const s = c.StringCondition
  if (s && s.FieldName !== undefined && s.Value !== undefined) {
    const actual = stringField(v, s.FieldName)
    if (actual === undefined) return false
    const type = s.ComparisonType ?? 'EXACT'
    const ok = type === 'EXACT' ? actual === s.Value : type === 'STARTS_WITH' ? actual.startsWith(s.Value) : actual.includes(s.Value)
    if (!ok) return false
  }
  return true
}

function matchesTags(v: ViewRecord, f: ControlPlaneAttributeFilter | undefined): boolean {
  if (!f) return true
  const has = (t: { TagKey?: string; TagValue?: string }) =>
    t.TagKey !== undefined && v.tags[t.TagKey] !== undefined && (t.TagValue === undefined || v.tags[t.TagKey] === t.TagValue)
  if (f.TagCondition && !has(f.TagCondition)) return false
  if (f.AndCondition?.TagConditions && !f.AndCondition.TagConditions.every(has)) return false
  if (f.OrConditions && !f.OrConditions.some((and) => (and.TagConditions ?? []).every(has))) return false
  return true
}

export function searchViews(ctx: ModelContext, input: SearchViewsCommandInput): Record<string, unknown> {
  // InstanceId may be the instance ARN (InstanceIdOrArn); the id is its last segment
  const instanceId = input.InstanceId!.replace(/^arn:[^:]+:connect:[^:]*:[^:]*:instance\//, '')
  requireInstance(ctx, instanceId)
  const matching = visibleViews(ctx, instanceId).filter((v) => matchesCriteria(v, input.SearchCriteria) && matchesTags(v, input.SearchFilter?.AttributeFilter))
  const scope = `${instanceId}|${JSON.stringify([input.SearchCriteria ?? null, input.SearchFilter ?? null])}`
  const { items, next } = paged(ctx, matching, input.NextToken, 'SearchViews', scope, input.MaxResults ?? 100)
  return { Views: items.map((v) => defaultSnapshot(ctx, v)), ...next, ApproximateTotalCount: matching.length }
}
