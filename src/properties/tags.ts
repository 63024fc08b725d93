// Tags after every tag operation (R21, R40): each TagResource or UntagResource is followed by a
// ListTagsForResource and a DescribeView of the same view, and their tags are compared with the model's —
// only the tags, so a difference the differential property reports first (a content, a status, an answer
// to an open question) cannot hide a tag operation the target ignored. Tag keys come from a small set, so an
// untag usually names a key the view has.
import fc from 'fast-check'
import { createView, describe, slot } from '../arbitraries/commands'
import { tagValue } from '../arbitraries/values'
import type { SequentialProperty } from '../harness/property-types'
import { checkAgainstModel, type Failure } from '../harness/checks'
import type { Cmd } from '../harness/commands'
import type { Step } from '../harness/session'
import { modelView, targetView } from './support/observations'

/** Few keys, so tagging and untagging meet the same ones. */
const KEYS = ['team', 'stage', 'owner'] as const
const key = fc.constantFrom(...KEYS)

/** Tags as a statement about the view: absent and {} say the same (R52), the run tag is the harness's. */
function tagsOf(tags: unknown): Record<string, unknown> {
  const out = { ...((tags ?? {}) as Record<string, unknown>) }
  delete out['conformance-run']
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
}

const TAG_OPS = new Set<Cmd['op']>(['TagResource', 'UntagResource'])

/** The tags a successful answer reports: ListTagsForResource's map, or the described view's Tags. */
function answeredTags(step: Step, side: 'target' | 'model'): Record<string, unknown> | undefined {
  const o = step[side].outcome
  if (!o.ok) return undefined
  if (step.cmd.op === 'ListTagsForResource') return tagsOf(o.output.tags)
  const v = side === 'target' ? targetView(step) : modelView(step)
  return v ? tagsOf(v.Tags) : undefined
}

export function checkTags(step: Step, ctx: Parameters<SequentialProperty['check']>[1]): Failure | undefined {
  const op = step.cmd.op
  // the tag operations themselves, and a read that errs on one side only: the model comparison (R21, R40, R25)
  if (TAG_OPS.has(op) || step.target.outcome.ok !== step.model.outcome.ok)
    return checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode, ctx.assert)
  if (op !== 'ListTagsForResource' && op !== 'DescribeView') return undefined
  // a numbered version's tags are the differential property's business (R21 is inferred there)
  if (op === 'DescribeView' && typeof step.cmd.qualifier === 'number') return undefined
  const t = answeredTags(step, 'target')
  const m = answeredTags(step, 'model')
  if (!t || !m) return undefined
  ctx.assert('R21')
  if (JSON.stringify(t) === JSON.stringify(m)) return undefined
  return {
    rule: 'R21',
    message: `${op === 'ListTagsForResource' ? 'ListTagsForResource' : "DescribeView's Tags"} after the view's tag operations: ${JSON.stringify(t)}; the model has ${JSON.stringify(m)}`,
  }
}

export const tagsAfterTagging: SequentialProperty = {
  id: 'tags',
  title: "After every tag operation, ListTagsForResource and DescribeView's Tags match the model",
  rules: ['R21', 'R40'],
  prelude: [
    {
      op: 'CreateView',
      slot: 0,
      status: 'PUBLISHED',
      content: { Template: '{"Head":{"Title":"tagged"},"Body":[]}', Actions: [] },
      name: 'tagged',
      tags: { team: 'x', stage: 'y' },
    },
  ],
  maxCommands: 12,
  numRuns: 40,
  commands: () => [
    createView({ slots: 1 }),
    fc
      .record({ slot: slot(1), tags: fc.dictionary(key, tagValue, { minKeys: 1, maxKeys: 2 }) })
      .map((r): Cmd => ({ op: 'TagResource', ...r })),
    fc
      .record({ slot: slot(1), keys: fc.uniqueArray(key, { minLength: 1, maxLength: 2 }) })
      .map((r): Cmd => ({ op: 'UntagResource', slot: r.slot, keys: r.keys })),
    describe({ slots: 1, qualifier: fc.constantFrom('' as const, '$SAVED' as const) }),
  ],
  // the reads every tag operation is judged by, whatever comes next
  followUp: (cmd) =>
    TAG_OPS.has(cmd.op)
      ? [
          { op: 'ListTagsForResource', slot: (cmd as { slot: number }).slot },
          { op: 'DescribeView', slot: (cmd as { slot: number }).slot, ref: 'id', qualifier: '$SAVED' },
        ]
      : [],
  check: checkTags,
}
