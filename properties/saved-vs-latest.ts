// Property 5 (R3, R13, R7): SAVED updates never change $LATEST, its checksum, or any version.
import fc from 'fast-check'
import { checkAgainstModel } from '../src/harness/checks'
import type { PropertyDef } from '../src/harness/property'
import { describe, publish, publishedView, updateContent } from './support/command-arbitraries'

export const savedVsLatest: PropertyDef = {
  id: 'saved-vs-latest',
  title: '$SAVED updates leave $LATEST and its checksum alone',
  rules: ['R3', 'R13', 'R7'],
  prelude: publishedView(false),
  maxCommands: 12,
  numRuns: 60,
  commands: () => [
    updateContent({ slots: 0, status: fc.constant('SAVED' as const) }),
    updateContent({ slots: 0, status: fc.constant('PUBLISHED' as const) }),
    describe({ slots: 0, qualifier: fc.constantFrom('' as const, '$LATEST' as const, '$SAVED' as const, 1) }),
    publish({ slots: 0 }),
  ],
  check(step, ctx) {
    if (step.cmd.op !== 'DescribeView') return undefined
    const f = checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode)
    if (!f) return undefined
    const q = step.cmd.qualifier
    return { ...f, rule: q === '' ? 'R7' : q === '$SAVED' ? 'R3' : 'R13' }
  },
}
