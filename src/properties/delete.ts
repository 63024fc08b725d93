// Property 8 (R16, R17): DeleteView removes every qualifier; DeleteViewVersion removes exactly one.
import fc from 'fast-check'
import { checkAgainstModel } from '../harness/checks'
import type { QualifierSpec } from '../harness/commands'
import type { SequentialProperty } from '../harness/property-types'
import {
  deleteVersion,
  deleteView,
  describe,
  listVersions,
  publish,
  publishedView,
  updateContent,
} from '../arbitraries/commands'

export const deleteSemantics: SequentialProperty = {
  id: 'delete',
  title: 'DeleteView removes every qualifier; DeleteViewVersion exactly one',
  rules: ['R16', 'R17', 'R25'],
  prelude: publishedView(true),
  maxCommands: 12,
  numRuns: 60,
  commands: () => [
    updateContent({ slots: 0, status: fc.constant('PUBLISHED' as const) }),
    publish({ slots: 0 }),
    deleteVersion({ slots: 0, maxVersion: 4 }),
    deleteView({ slots: 0 }),
    // reads aim mostly at qualifiers that existed, so a leftover after a delete is found quickly; version 1
    // first, because fast-check shrinks a constantFrom toward its first value (the shortest counterexample)
    describe({
      slots: 0,
      qualifier: fc.constantFrom<QualifierSpec>(1, '', '$SAVED', '$LATEST', 1, 2, 3),
      allowDeleted: true,
    }),
    listVersions({ slots: 0, allowDeleted: true }),
  ],
  check(step, ctx) {
    if (!['DescribeView', 'ListViewVersions', 'DeleteViewVersion', 'DeleteView'].includes(step.cmd.op)) return undefined
    const f = checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode, ctx.assert)
    const viewDeleted = ctx.session.model.slots.get(0)?.deleted
    // reads after a delete compare what is gone with the model: the view (R16) or one version (R17)
    if (step.cmd.op !== 'DeleteView' && step.cmd.op !== 'DeleteViewVersion') ctx.assert(viewDeleted ? 'R16' : 'R17')
    if (!f || f.rule === 'R34' || f.rule === 'R33') return f
    return { ...f, rule: viewDeleted ? 'R16' : 'R17' }
  },
}
