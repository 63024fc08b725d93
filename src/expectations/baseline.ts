// The baseline: an expectations file written from one or more runs of one target (`conformance expectations
// write`). Every failure any run saw becomes an entry; an entry that another run saw pass (by the same
// judgement a run with the file would make, evaluate.ts) is intermittent, FAIL|PASS. Reasons and links of
// entries already in the file being rewritten are kept, so re-baselining never loses what a person wrote.
import type { ExpectationEntry, TargetReport } from '../report/report-types'
import { entryKey, sortEntries } from './expectations-file'
import { entryOutcome, resultUnits } from './evaluate'

/** A written reason is a hint for the person who edits the file, not the whole mismatch (the report has that). */
const MAX_REASON = 160

export interface Baseline {
  entries: ExpectationEntry[]
  intermittent: number
}

export function baselineEntries(
  runs: readonly TargetReport[],
  properties: readonly string[],
  previous: readonly ExpectationEntry[] = [],
): Baseline {
  const unitsOf = runs.map((t) => resultUnits(t))
  const found = new Map<string, { entry: ExpectationEntry; detail: string }>()
  for (const units of unitsOf) {
    for (const u of units) {
      if (u.outcome !== 'FAIL') continue
      const key = entryKey(u.failure!.entry)
      if (!found.has(key)) found.set(key, { entry: u.failure!.entry, detail: u.failure!.detail })
    }
  }
  const kept = new Map(previous.map((e) => [entryKey(e), e]))
  let intermittent = 0
  const entries = [...found.entries()].map(([key, { entry, detail }]) => {
    const outcomes = runs.map((t, i) => entryOutcome(t, unitsOf[i]!, entry))
    const failed = outcomes.filter((o) => o === 'FAIL').length
    const passed = outcomes.filter((o) => o === 'PASS').length
    const flaky = passed > 0
    if (flaky) intermittent++
    const before = kept.get(key)
    const what = detail.length > MAX_REASON ? `${detail.slice(0, MAX_REASON - 1)}…` : detail
    const reason =
      before?.reason ?? (flaky ? `intermittent: failed in ${failed} of ${failed + passed} runs; ${what}` : what)
    return {
      ...entry,
      expected: flaky ? ('FAIL|PASS' as const) : ('FAIL' as const),
      reason: reason || 'failed',
      ...(before?.link ? { link: before.link } : {}),
    }
  })
  return { entries: sortEntries(entries, properties), intermittent }
}
