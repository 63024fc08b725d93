// Property 6 (R27, R18): ListViewVersions and ListViews, over any MaxResults, return every item exactly
// once, in the documented order, and no page holds more than MaxResults items.
import fc from 'fast-check'
import type { Cmd } from '../harness/commands'
import type { Failure } from '../harness/checks'
import type { CheckContext, SequentialProperty } from '../harness/property-types'
import type { Step } from '../harness/session'
import {
  createView,
  deleteVersion,
  listVersions,
  listViews,
  orderSafeName,
  publish,
  publishedView,
  smallPageSize,
  updateContent,
} from '../arbitraries/commands'

type Obj = Record<string, unknown>

function pageFailures(step: Step, maxResults: number): Failure | undefined {
  const t = step.target
  if (!t.outcome.ok) return undefined
  if (t.outcome.output.paginationDidNotEnd)
    return {
      rule: 'R27',
      message: `pagination did not end after ${t.pageSizes?.length} pages (NextToken never absent, or sent back unchanged)`,
    }
  const big = (t.pageSizes ?? []).findIndex((n) => n > maxResults)
  if (big >= 0)
    return { rule: 'R27', message: `page ${big + 1} holds ${t.pageSizes![big]} items, MaxResults was ${maxResults}` }
  return undefined
}

function sameSequence(label: string, target: string[], model: string[], ordered: boolean): Failure | undefined {
  const dup = target.find((x, i) => target.indexOf(x) !== i)
  if (dup !== undefined)
    return { rule: 'R27', message: `${label}: ${dup} listed more than once: [${target.join(', ')}]` }
  const missing = model.filter((x) => !target.includes(x))
  if (missing.length)
    return {
      rule: 'R27',
      message: `${label}: missing ${missing.join(', ')} (listed: [${target.join(', ')}], expected [${model.join(', ')}])`,
    }
  if (ordered && target.join('\u0000') !== model.join('\u0000'))
    return { rule: 'R18', message: `${label}: order [${target.join(', ')}], expected [${model.join(', ')}]` }
  return undefined
}

export function checkPagination(step: Step, ctx: Pick<CheckContext, 'assert'>): Failure | undefined {
  const cmd = step.cmd as Cmd & { maxResults?: number }
  if (cmd.op !== 'ListViewVersions' && cmd.op !== 'ListViews') return undefined
  if (step.target.outcome.ok) ctx.assert('R27')
  const pages = pageFailures(step, cmd.maxResults!)
  if (pages) return pages
  const t = step.target.outcome
  const m = step.model.outcome
  if (!t.ok || !m.ok) return undefined
  ctx.assert('R18')
  if (cmd.op === 'ListViewVersions') {
    const versions = (o: Obj) => (o.ViewVersionSummaryList as Obj[]).map((s) => String(s.Version))
    return sameSequence('ListViewVersions', versions(t.output), versions(m.output), true)
  }
  // ListViews: only this run's views (a live instance holds others); names are compared, ids differ per side
  const names = (o: Obj) => (o.ViewsSummaryList as Obj[]).map((s) => String(s.Name))
  const ownNames = new Set(names(m.output))
  return sameSequence(
    'ListViews',
    names(t.output).filter((n) => ownNames.has(n)),
    names(m.output),
    true,
  )
}

export const pagination: SequentialProperty = {
  id: 'pagination',
  title: 'Pagination returns every item exactly once, in order',
  rules: ['R27', 'R18'],
  prelude: publishedView(true),
  maxCommands: 14,
  numRuns: 60,
  commands: () => [
    publish({ slots: 0 }),
    updateContent({ slots: 0, status: fc.constant('PUBLISHED' as const) }),
    deleteVersion({ slots: 0, maxVersion: 6 }),
    createView({ slots: 4, name: orderSafeName, status: fc.constant('PUBLISHED' as const) }),
    listVersions({ slots: 0, pageSize: smallPageSize }),
    listViews({ pageSize: smallPageSize }),
  ],
  check: (step, ctx) => checkPagination(step, ctx),
}
