// Property 2 (R10, R26a; R26 in strict mode): each real change publishes exactly highest+1 and no number
// is ever issued twice, also after DeleteViewVersion.
import fc from 'fast-check'
import type { Failure } from '../harness/checks'
import type { SequentialProperty } from '../harness/property-types'
import { isAsserted, rule } from '../spec'
import { deleteVersion, publish, publishedView, updateContent } from '../arbitraries/commands'
import { modelView, remember, targetView } from './support/observations'

export const monotonicVersions: SequentialProperty = {
  id: 'monotonic-versions',
  title: 'Version numbers increase by one and are never reused',
  rules: ['R10', 'R26a', 'R26'],
  prelude: publishedView(false),
  maxCommands: 14,
  numRuns: 100, // more than the others: the shortest sequence that shows a reissued number is 7 commands long
  commands: () => [
    updateContent({ slots: 0, status: fc.constant('PUBLISHED' as const) }),
    publish({ slots: 0 }),
    // low numbers: a reissued number shows only after deleting a version below the highest (R26a), since
    // reissuing the deleted highest is a legal answer in default mode (R26, choice versionNumbering)
    deleteVersion({ slots: 0, maxVersion: 2 }),
  ],
  check(step, ctx) {
    const issued = remember(ctx, 'issued', () => new Set<number>())
    // versions that exist now, per side: a publish created one iff the model's answer is not among them
    const state = remember(ctx, 'state', () => ({
      highestDeleted: false,
      targetExisting: new Set<number>(),
      modelExisting: new Set<number>(),
    }))
    if (step.cmd.op === 'DeleteViewVersion') {
      if (step.model.outcome.ok) state.modelExisting.delete(step.cmd.version)
      if (!step.target.outcome.ok) return undefined
      state.targetExisting.delete(step.cmd.version)
      if (issued.size > 0 && step.cmd.version === Math.max(...issued)) state.highestDeleted = true
      return undefined
    }
    if (step.cmd.op !== 'CreateViewVersion') return undefined
    const t = targetView(step)?.Version as number | undefined
    const m = modelView(step)?.Version as number | undefined
    if (t === undefined || m === undefined) return undefined
    const modelCreated = !state.modelExisting.has(m)
    state.modelExisting.add(m)
    if (!modelCreated) return undefined // a no-change publish: property 3's business
    const highest = issued.size ? Math.max(...issued) : 0
    // R26 (inferred, choice versionNumbering): after the highest version was deleted, the next number may be
    // the highest remaining + 1 instead of highest issued + 1
    const r26 = isAsserted(rule('R26'), ctx.mode)
    const reused =
      state.highestDeleted && !r26 && t === Math.max(0, ...state.targetExisting) + 1 && !state.targetExisting.has(t)
    let failure: Failure | undefined
    ctx.assert('R26a')
    if (!state.highestDeleted || r26) ctx.assert(state.highestDeleted ? 'R26' : 'R10')
    if (reused) failure = undefined
    else if (issued.has(t))
      failure = {
        rule: 'R26a',
        message: `version number ${t} was issued twice (issued so far: ${[...issued].join(', ')})`,
      }
    else if ((!state.highestDeleted || r26) && t !== highest + 1)
      failure = {
        rule: state.highestDeleted ? 'R26' : 'R10',
        message: `a real change published version ${t}; expected ${highest + 1} (highest issued + 1)`,
      }
    else if (t <= highest)
      failure = { rule: 'R10', message: `version ${t} is not above the highest issued (${highest})` }
    issued.add(t)
    state.targetExisting.add(t)
    state.highestDeleted = false
    return failure
  },
}
