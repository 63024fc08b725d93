// Property 1 (R10): once published, DescribeView id:N answers byte-identical content forever, whatever
// content updates, publishes and deletes of other versions follow.
import fc from 'fast-check'
import type { SequentialProperty } from '../harness/property-types'
import { deleteVersion, describe, publish, publishedView, updateContent } from '../arbitraries/commands'
import { contentKey, remember, targetView } from './support/observations'

export const immutability: SequentialProperty = {
  id: 'immutability',
  title: 'Published versions are immutable',
  rules: ['R10'],
  prelude: publishedView(true),
  maxCommands: 12,
  numRuns: 60,
  commands: () => [
    updateContent({ slots: 0 }),
    publish({ slots: 0 }),
    deleteVersion({ slots: 0, maxVersion: 4 }),
    describe({ slots: 0, qualifier: fc.integer({ min: 1, max: 4 }) }),
  ],
  check(step, ctx) {
    const seen = remember(ctx, 'versions', () => new Map<number, string>())
    if (step.cmd.op === 'DeleteViewVersion' && step.target.outcome.ok) {
      // a deleted number may be issued again after the highest was deleted (R26 is inferred, choice
      // versionNumbering): whether that may happen at all is monotonic-versions' business
      seen.delete(step.cmd.version)
      return undefined
    }
    const isVersionRead =
      step.cmd.op === 'CreateViewVersion' || (step.cmd.op === 'DescribeView' && typeof step.cmd.qualifier === 'number')
    const v = targetView(step)
    if (!isVersionRead || !v || typeof v.Version !== 'number') return undefined
    const key = contentKey(v)
    const first = seen.get(v.Version)
    if (first === undefined) {
      seen.set(v.Version, key)
      return undefined
    }
    ctx.assert('R10') // a version seen before: its content must not have changed
    if (first !== key)
      return {
        rule: 'R10',
        message: `version ${v.Version} changed after publication:\n  first seen: ${first}\n  now:        ${key}`,
      }
    return undefined
  },
}
