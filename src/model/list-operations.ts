// ListViews (R18: Type then Name) and SearchViews, both with keyset NextTokens (R27/R28).
import type {
  ListViewsCommandInput,
  SearchViewsCommandInput,
  ViewSearchCriteria,
  ControlPlaneAttributeFilter,
} from '@aws-sdk/client-connect'
import type { ModelContext } from './context'
import { ModelError } from './errors'
import { decodeToken, encodeToken, page, type PageQuirks } from './pagination'
import { requireInstance } from './resolve'
import { defaultSnapshot, viewSnapshot, viewSummary } from './snapshot'
import type { ViewRecord } from './state'

type SortKey = [type: string, name: string, id: string]

function sortKey(v: ViewRecord): SortKey {
  return [v.type, v.name, v.id]
}

/**
 * R18: type, then name (R18a: collation; R18b: which type first). SearchViews' order is undocumented
 * (R50): the same, or by name alone (type and id only break ties).
 */
function compareKeys(ctx: ModelContext, op: 'ListViews' | 'SearchViews'): (a: SortKey, b: SortKey) => number {
  const { choices } = ctx.opts
  const fold = choices.listViewsNameOrder === 'case-insensitive'
  const str = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
  const type = (x: string, y: string) =>
    choices.listViewsTypeOrder === 'customer-managed-first' ? str(y, x) : str(x, y)
  const name = (x: string, y: string) => (fold ? str(x.toLowerCase(), y.toLowerCase()) : 0) || str(x, y)
  if (op === 'SearchViews' && choices.searchViewsOrder === 'name')
    return (a, b) => name(a[1], b[1]) || type(a[0], b[0]) || str(a[2], b[2])
  return (a, b) => type(a[0], b[0]) || name(a[1], b[1]) || str(a[2], b[2])
}

function pageQuirks(ctx: ModelContext): PageQuirks {
  const q = ctx.opts.quirks
  return {
    dropAtBoundary: q.has('pagination-drops-item'),
    repeatAtBoundary: q.has('pagination-repeats-item'),
    ignoreToken: q.has('next-token-ignored'),
  }
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

function paged(
  ctx: ModelContext,
  views: ViewRecord[],
  token: string | undefined,
  op: 'ListViews' | 'SearchViews',
  scope: string,
  maxResults: number,
) {
  const cmp = compareKeys(ctx, op)
  const sorted = views.sort((a, b) => cmp(sortKey(a), sortKey(b)))
  const p = page(sorted, sortKey, cmp, afterFromToken(ctx, token, op, scope), maxResults, pageQuirks(ctx))
  const next =
    p.nextAfter === undefined ? {} : { NextToken: encodeToken(ctx.opts.tokenSecret, { op, scope, after: p.nextAfter }) }
  return { items: p.items, next }
}

export function listViews(ctx: ModelContext, input: ListViewsCommandInput): Record<string, unknown> {
  const instanceId = input.InstanceId!
  requireInstance(ctx, instanceId)
  // R48: whether an unfiltered list shows the AWS-managed views is a choice
  const unfilteredShowsAws = ctx.opts.choices.awsManagedInUnfilteredList === 'include'
  const views = visibleViews(ctx, instanceId).filter((v) =>
    input.Type === undefined ? unfilteredShowsAws || v.type !== 'AWS_MANAGED' : v.type === input.Type,
  )
  const { items, next } = paged(
    ctx,
    views,
    input.NextToken,
    'ListViews',
    `${instanceId}|${input.Type ?? ''}`,
    input.MaxResults ?? 100,
  )
  return { ViewsSummaryList: items.map((v) => viewSummary(ctx, v)), ...next }
}

// ---- SearchViews ----

function stringField(ctx: ModelContext, v: ViewRecord, field: string): string | undefined {
  switch (field.toLowerCase()) {
    case 'name':
      return v.name
    case 'description':
      return v.description
    case 'id':
      return v.id
    case 'arn':
      return v.arn
    default:
      throw new ModelError(ctx.opts.choices.validationErrorClass, `Unsupported search field: ${field}`, 'R24')
  }
}

/** The status SearchViews reports for a view, and matches ViewStatusCondition against (R50). */
function searchStatus(ctx: ModelContext, v: ViewRecord): 'PUBLISHED' | 'SAVED' {
  if (ctx.opts.choices.searchSnapshot === 'saved' && v.type === 'CUSTOMER_MANAGED') return v.saved.status
  return v.latest ? 'PUBLISHED' : 'SAVED'
}

function matchesCriteria(ctx: ModelContext, v: ViewRecord, c: ViewSearchCriteria | undefined): boolean {
  if (!c) return true
  if (c.OrConditions && !c.OrConditions.some((x) => matchesCriteria(ctx, v, x))) return false
  if (c.AndConditions && !c.AndConditions.every((x) => matchesCriteria(ctx, v, x))) return false
  if (c.ViewTypeCondition && v.type !== c.ViewTypeCondition) return false
  if (c.ViewStatusCondition && searchStatus(ctx, v) !== c.ViewStatusCondition) return false
  const s = c.StringCondition
  if (s && s.FieldName !== undefined && s.Value !== undefined) {
    const actual = stringField(ctx, v, s.FieldName)
    if (actual === undefined) return false
    const type = s.ComparisonType ?? 'EXACT'
    const ok =
      type === 'EXACT'
        ? actual === s.Value
        : type === 'STARTS_WITH'
          ? actual.startsWith(s.Value)
          : actual.includes(s.Value)
    if (!ok) return false
  }
  return true
}

function matchesTags(v: ViewRecord, f: ControlPlaneAttributeFilter | undefined): boolean {
  if (!f) return true
  const has = (t: { TagKey?: string; TagValue?: string }) =>
    t.TagKey !== undefined &&
    v.tags[t.TagKey] !== undefined &&
    (t.TagValue === undefined || v.tags[t.TagKey] === t.TagValue)
  if (f.TagCondition && !has(f.TagCondition)) return false
  if (f.AndCondition?.TagConditions && !f.AndCondition.TagConditions.every(has)) return false
  if (f.OrConditions && !f.OrConditions.some((and) => (and.TagConditions ?? []).every(has))) return false
  return true
}

/** Whether the criteria ask for AWS-managed views by type anywhere (choice awsManagedInSearch=exclude, R49). */
function asksForAwsManaged(c: ViewSearchCriteria | undefined): boolean {
  if (!c) return false
  return (
    c.ViewTypeCondition === 'AWS_MANAGED' ||
    [...(c.AndConditions ?? []), ...(c.OrConditions ?? [])].some(asksForAwsManaged)
  )
}

function searchSnapshotOf(ctx: ModelContext, v: ViewRecord) {
  if (ctx.opts.choices.searchSnapshot === 'saved' && v.type === 'CUSTOMER_MANAGED') return viewSnapshot(ctx, v, 'saved')
  return defaultSnapshot(ctx, v)
}

export function searchViews(ctx: ModelContext, input: SearchViewsCommandInput): Record<string, unknown> {
  // InstanceId may be the instance ARN (InstanceIdOrArn); the id is its last segment
  const instanceId = input.InstanceId!.replace(/^arn:[^:]+:connect:[^:]*:[^:]*:instance\//, '')
  requireInstance(ctx, instanceId)
  const awsVisible = ctx.opts.choices.awsManagedInSearch === 'include' || asksForAwsManaged(input.SearchCriteria)
  const matching = visibleViews(ctx, instanceId).filter(
    (v) =>
      (awsVisible || v.type !== 'AWS_MANAGED') &&
      matchesCriteria(ctx, v, input.SearchCriteria) &&
      matchesTags(v, input.SearchFilter?.AttributeFilter),
  )
  const scope = `${instanceId}|${JSON.stringify([input.SearchCriteria ?? null, input.SearchFilter ?? null])}`
  const { items, next } = paged(ctx, matching, input.NextToken, 'SearchViews', scope, input.MaxResults ?? 100)
  const { approximateTotalCount, approximateTotalCountAwsManaged } = ctx.opts.choices
  const counted =
    approximateTotalCountAwsManaged === 'counted' ? matching : matching.filter((v) => v.type !== 'AWS_MANAGED')
  const count = approximateTotalCount === 'count' ? { ApproximateTotalCount: counted.length } : {}
  return { Views: items.map((v) => searchSnapshotOf(ctx, v)), ...next, ...count }
}
