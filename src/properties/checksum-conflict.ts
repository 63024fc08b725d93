// Property 4 (R12, R13): a stale or random ViewContentSha256 is rejected, creates no version and changes
// nothing; the current one succeeds.
import type { SequentialProperty } from '../harness/property-types'
import { ruleOfModelError } from '../harness/sides'
import { anySha, describe, listVersions, publish, publishedView, updateContent } from '../arbitraries/commands'
import fc from 'fast-check'

export const checksumConflict: SequentialProperty = {
  id: 'checksum-conflict',
  title: 'A stale checksum is rejected and changes nothing',
  rules: ['R12', 'R13'],
  prelude: publishedView(false),
  maxCommands: 12,
  numRuns: 60,
  commands: () => [
    publish({ slots: 0, sha: anySha }),
    updateContent({ slots: 0, status: fc.constant('PUBLISHED' as const) }),
    describe({ slots: 0, qualifier: fc.constant('$LATEST' as const) }),
    listVersions({ slots: 0 }),
  ],
  check(step, ctx) {
    const t = step.target.outcome
    const m = step.model.outcome
    if (step.cmd.op === 'CreateViewVersion') {
      if (!m.ok && ruleOfModelError(m) === 'R12') ctx.assert('R12')
      if (m.ok && step.cmd.sha === 'current') ctx.assert('R12')
      if (!m.ok && ruleOfModelError(m) === 'R12' && t.ok) {
        return {
          rule: 'R12',
          message: `CreateViewVersion accepted ViewContentSha256 ${JSON.stringify(step.target.requests[0]?.input.ViewContentSha256)}, which is not the checksum of $LATEST`,
        }
      }
      if (m.ok && step.cmd.sha === 'current' && !t.ok) {
        return {
          rule: 'R12',
          message: `CreateViewVersion rejected the current checksum: ${t.error.name}: ${t.error.message}`,
        }
      }
    }
    if (step.cmd.op === 'ListViewVersions' && t.ok && m.ok) {
      const tn = (t.output.ViewVersionSummaryList as unknown[]).length
      const mn = (m.output.ViewVersionSummaryList as unknown[]).length
      ctx.assert('R12')
      if (tn !== mn)
        return { rule: 'R12', message: `${tn} versions exist; ${mn} expected (a rejected publish must create nothing)` }
    }
    return undefined
  },
}
