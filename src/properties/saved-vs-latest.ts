// Property 5 (R3, R13, R7): SAVED updates never change $LATEST, its checksum, or any version.
import fc from 'fast-check'
import { checkAgainstModel } from '../harness/checks'
import type { FailureRule } from '../spec'
import type { SequentialProperty } from '../harness/property-types'
import type { Step } from '../harness/session'
import { describe, publish, publishedView, updateContent } from '../arbitraries/commands'
import { contentKey, modelView, targetView } from './support/observations'

/** Which of the property's rules a mismatching DescribeView breaks, from what differs. */
function ruleBroken(step: Step, differentialRule: FailureRule): FailureRule {
  const t = targetView(step)
  const m = modelView(step)
  if (!t || !m) return differentialRule // an error where success was due (or the other way): the error's own rule
  const q = (step.cmd as { qualifier?: unknown }).qualifier
  // an unqualified read that reports the draft's SAVED status answered $SAVED, whatever the content (R7)
  if (q === '' && t.Status === 'SAVED' && m.Status !== 'SAVED') return 'R7'
  if (contentKey(t) !== contentKey(m)) {
    // an unqualified read that answers the draft is R7; a $LATEST that moved with a SAVED update is R3
    return q === '' && t.Status === 'SAVED' ? 'R7' : 'R3'
  }
  return 'R13' // same content, different checksum (or status): the checksum did not follow $LATEST
}

export const savedVsLatest: SequentialProperty = {
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
    const f = checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode, ctx.assert)
    if (step.target.outcome.ok && step.model.outcome.ok) {
      // the answer's content and checksum were compared with the model's: $LATEST vs $SAVED (R3), the checksum (R13)
      ctx.assert('R3')
      ctx.assert('R13')
      if ((step.cmd as { qualifier?: unknown }).qualifier === '') ctx.assert('R7')
    }
    if (!f || f.rule === 'R32' || f.rule === 'R33' || f.rule === 'R34') return f
    return { ...f, rule: ruleBroken(step, f.rule) }
  },
}
