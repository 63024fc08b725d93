// Property 9: the model-based differential run. fc.commands over every operation, views addressed by bare
// id, ARN and qualified forms, metadata and tag changes mixed in; every answer, normalised, must match
// the reference model as far as the rule catalogue asserts it in this mode.
import { checkAgainstModel, type Failure } from '../harness/checks'
import type { CheckContext } from '../engine/property-types'
import type { Step } from '../harness/session'
import { remember, targetView } from './support/observations'
import fc from 'fast-check'
import type { Cmd } from '../harness/commands'
import type { SequentialProperty } from '../engine/property-types'
import {
  anySha,
  contentWithEdges,
  createView,
  deleteVersion,
  deleteView,
  describe,
  listTags,
  listVersions,
  listViews,
  publish,
  retryCreate,
  searchViews,
  tagView,
  untagView,
  updateContent,
  updateMetadata,
} from '../arbitraries/commands'

/**
 * R15, as far as it can be asserted without trusting clocks: a view's LastModifiedTime never goes back, and
 * the answer to a content update or a publish is never older than what was seen before. (Strictly later is
 * not asserted: two calls within one clock tick legitimately share a timestamp.)
 */
export function checkLastModifiedMovesForward(step: Step, ctx: CheckContext): Failure | undefined {
  const v = targetView(step)
  if (!v || typeof v.LastModifiedTime !== 'number' || typeof v.Id !== 'string') return undefined
  const seen = remember(ctx, 'lastModified', () => new Map<string, number>())
  const before = seen.get(v.Id)
  seen.set(v.Id, Math.max(before ?? -Infinity, v.LastModifiedTime))
  // under eventual consistency a read may show the view as of a state up to W old, timestamps included:
  // it is held only to what was seen more than W before it (a write's answer always shows the newest state)
  const window = ctx.mode.consistency?.model === 'eventual' ? ctx.mode.consistency.windowMs : undefined
  if (window !== undefined && step.cmd.op === 'DescribeView') {
    const settled = remember(ctx, 'lastModifiedAt', () => new Map<string, { at: number; value: number }[]>())
    const history = settled.get(v.Id) ?? []
    settled.set(v.Id, [...history, { at: step.target.answeredAt ?? 0, value: v.LastModifiedTime }])
    const old = history.filter((h) => h.at <= (step.target.sentAt ?? 0) - window).map((h) => h.value)
    return checkAgainst(step, ctx, v, old.length ? Math.max(...old) : undefined)
  }
  if (window !== undefined) {
    const settled = remember(ctx, 'lastModifiedAt', () => new Map<string, { at: number; value: number }[]>())
    settled.set(v.Id, [...(settled.get(v.Id) ?? []), { at: step.target.answeredAt ?? 0, value: v.LastModifiedTime }])
  }
  return checkAgainst(step, ctx, v, before)
}

function checkAgainst(
  step: Step,
  ctx: CheckContext,
  v: Record<string, unknown>,
  before: number | undefined,
): Failure | undefined {
  if (typeof v.LastModifiedTime !== 'number') return undefined
  if (before !== undefined || typeof v.CreatedTime === 'number') ctx.assert('R15')
  if (before !== undefined && v.LastModifiedTime < before) {
    return {
      rule: 'R15',
      message: `${step.cmd.op}: LastModifiedTime went back from ${before} to ${v.LastModifiedTime}`,
    }
  }
  if (typeof v.CreatedTime === 'number' && v.LastModifiedTime < v.CreatedTime) {
    return {
      rule: 'R15',
      message: `${step.cmd.op}: LastModifiedTime ${v.LastModifiedTime} is before CreatedTime ${v.CreatedTime}`,
    }
  }
  return undefined
}

export const differential: SequentialProperty = {
  id: 'differential',
  title: 'Every answer matches the reference model (documented fields)',
  // documented rules, then the inferred ones it compares in strict mode
  rules: [
    'R1',
    'R2',
    'R3',
    'R5',
    'R6',
    'R7',
    'R8',
    'R10',
    'R11',
    'R12',
    'R13',
    'R15',
    'R16',
    'R17',
    'R18',
    'R25',
    'R21',
    'R31',
    'R37',
    'R40',
    'R41',
    'R42',
    'R43',
    'R46',
  ],
  // two views exist from the start, so generated commands rarely fall on empty slots
  prelude: [
    {
      op: 'CreateView',
      slot: 0,
      status: 'PUBLISHED',
      content: { Template: '{"Head":{"Title":"a"},"Body":[]}', Actions: ['Submit'] },
      name: 'first',
      clientToken: 'token-0',
      tags: { team: 'x' },
    },
    {
      op: 'CreateView',
      slot: 1,
      status: 'SAVED',
      content: { Template: '{"Head":{"Title":"b"},"Body":[]}', Actions: [] },
      name: 'second',
    },
  ],
  maxCommands: 25,
  numRuns: 60,
  commands: () => [
    createView({ withExtras: true, content: contentWithEdges }),
    retryCreate(),
    updateContent({ content: contentWithEdges }),
    updateMetadata(),
    publish({ sha: anySha, description: true }),
    describe(),
    deleteVersion(),
    deleteView(),
    listViews(),
    listVersions(),
    tagView(),
    untagView(),
    listTags(),
    searchViews(),
    fc.constant<Cmd>({ op: 'DescribeAwsManagedView' }),
  ],
  check: (step, ctx) =>
    checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode, ctx.assert) ?? checkLastModifiedMovesForward(step, ctx),
}
