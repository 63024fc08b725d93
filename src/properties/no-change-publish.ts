// Property 3 (R11): publishing an unchanged $LATEST returns the existing highest version and creates
// nothing, however often it is repeated.
import fc from 'fast-check'
import type { SequentialProperty } from '../harness/property-types'
import { listVersions, publish, publishedView, updateContent } from '../arbitraries/commands'
import { modelView, remember, targetView } from './support/observations'

export const noChangePublish: SequentialProperty = {
  id: 'no-change-publish',
  title: 'Publishing unchanged content is idempotent',
  rules: ['R11'],
  prelude: publishedView(true),
  maxCommands: 12,
  numRuns: 60,
  commands: () => [
    publish({ slots: 0, sha: fc.constantFrom('none' as const, 'current' as const) }),
    publish({ slots: 0 }),
    updateContent({ slots: 0 }),
    listVersions({ slots: 0 }),
  ],
  check(step, ctx) {
    const s = remember(ctx, 'r11', () => ({ modelIssued: new Set<number>(), targetHighest: 0, targetCount: 0 }))
    if (step.cmd.op === 'ListViewVersions' && step.target.outcome.ok && step.model.outcome.ok) {
      const t = (step.target.outcome.output.ViewVersionSummaryList as unknown[]).length
      const m = (step.model.outcome.output.ViewVersionSummaryList as unknown[]).length
      ctx.assert('R11')
      if (t !== m)
        return {
          rule: 'R11',
          message: `ListViewVersions lists ${t} versions; ${m} were created (no-change publishes must not create one)`,
        }
      return undefined
    }
    if (step.cmd.op !== 'CreateViewVersion') return undefined
    const t = targetView(step)?.Version as number | undefined
    const m = modelView(step)?.Version as number | undefined
    if (t === undefined || m === undefined) return undefined
    const unchanged = s.modelIssued.has(m)
    s.modelIssued.add(m)
    if (unchanged) ctx.assert('R11')
    if (unchanged && t !== s.targetHighest) {
      return {
        rule: 'R11',
        message: `$LATEST did not change since version ${s.targetHighest}, but CreateViewVersion answered version ${t}`,
      }
    }
    s.targetHighest = Math.max(s.targetHighest, t)
    return undefined
  },
}
