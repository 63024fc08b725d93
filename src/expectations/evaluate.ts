// A run's results held against an expectations file (expectations-file.ts). Every result with a verdict is
// one of: expected (a known failure, or a pass the file does not contradict), an unexpected failure (not in
// the file: what changed) or, per entry that expects only FAIL, an unexpected pass (fixed: the line to
// delete). What the run reached no verdict on — another shard's property, a budget, an interaction not
// verified — is "not observed", never a pass.
//
// The results, per target: each property with a verdict (passed, or failed with its rule and operation),
// each Pact interaction verified, each operation the probe judged implemented or not, each regression bundle
// replayed. A property entry (property + rule + operation) counts as passed only when the run reached a
// verdict for the property and no check anywhere failed that rule on that operation: a property that tonight
// fails first on something else, or misses the bug this seed, says nothing about a bug the rest of the run
// still sees, so the file does not flip-flop with the seed.
import { basename } from 'node:path'
import { mismatchShape, operationNamedIn } from '../report/failure-groups'
import type {
  ExpectationEntry,
  ExpectationsReport,
  InteractionReport,
  NotImplementedEvidence,
  PropertyReport,
  RegressionReport,
  TargetReport,
  UnexpectedFailure,
  UnexpectedPass,
} from '../report/report-types'
import { contractsProperty } from '../verification/contract-property'
import { entryKey, entryLine, kindOf } from './expectations-file'

export type Outcome = 'PASS' | 'FAIL'

/** One result with a verdict, and the entry that would list its failure. */
export interface ResultUnit {
  outcome: Outcome
  /** For a failure: the entry that accepts it (expected FAIL), and what failed. */
  failure?: { entry: ExpectationEntry; detail: string }
  /** Entries about this result (matched by what it is, whatever the rule). */
  about: (e: ExpectationEntry) => boolean
}

const firstLine = (s: string, max = 160) => {
  const l = (s.split('\n').find((x) => x.trim()) ?? '').trim()
  return l.length > max ? `${l.slice(0, max - 1)}…` : l
}

/** The entry that lists this property's failure: property, rule and (when the message names one) operation. */
export function propertyFailureEntry(p: PropertyReport): ExpectationEntry | undefined {
  const f = p.failure
  if (!f) return undefined
  const op = operationNamedIn(f.message, (f.commands[f.step] as { op?: string } | undefined)?.op)
  return { property: p.id, rule: f.rule, ...(op === '—' ? {} : { operation: op }), expected: 'FAIL', reason: '' }
}

export const interactionFailureEntry = (i: InteractionReport): ExpectationEntry => ({
  interaction: i.interaction,
  expected: 'FAIL',
  reason: '',
})

export const regressionFailureEntry = (g: RegressionReport): ExpectationEntry => ({
  regression: basename(g.file),
  expected: 'FAIL',
  reason: '',
})

/**
 * Contract verification is judged per Pact interaction, unless the step failed outside them (a harness error).
 * (The coverage plan reports its steps as interactions too, but it is one fixed sequence that stops at its first
 * failure, and its step names carry the commands: it is judged as a property, by rule and operation.)
 */
export function judgedPerInteraction(p: PropertyReport): boolean {
  return (
    p.id === contractsProperty.id &&
    !!p.interactions?.length &&
    !(p.status === 'failed' && !p.interactions.some((i) => i.status === 'failed'))
  )
}

/** The answer that shows an operation missing, in a few words: HTTP 404 text/html "<!doctype …". */
function notImplementedAnswer(ev: NotImplementedEvidence): string {
  const body = ev.firstBytes ? JSON.stringify(ev.firstBytes.replace(/\s+/g, ' ').slice(0, 24)) : undefined
  const parts = [ev.status && `HTTP ${ev.status}`, ev.contentType?.split(';')[0], body ?? ev.error.split(':')[0]]
  return parts.filter(Boolean).join(' ')
}

/** Every result of one target that has a verdict. */
export function resultUnits(t: TargetReport): ResultUnit[] {
  const units: ResultUnit[] = []
  for (const p of t.properties) {
    if (judgedPerInteraction(p)) {
      for (const i of p.interactions!) {
        if (i.status === 'not-verified') continue
        const about = (e: ExpectationEntry) => e.interaction === i.interaction
        units.push(
          i.status === 'passed'
            ? { outcome: 'PASS', about }
            : {
                outcome: 'FAIL',
                about,
                failure: { entry: interactionFailureEntry(i), detail: mismatchShape(i.mismatch ?? 'failed') },
              },
        )
      }
      continue
    }
    const about = (e: ExpectationEntry) => e.property === p.id
    if (p.status === 'passed') units.push({ outcome: 'PASS', about })
    else if (p.status === 'failed' && p.failure)
      units.push({
        outcome: 'FAIL',
        about,
        failure: { entry: propertyFailureEntry(p)!, detail: mismatchShape(p.failure.message) },
      })
  }
  // reports written before the probe had verdicts list only the missing operations
  const missing = new Set(t.totals.operationsNotImplemented ?? [])
  for (const c of t.coverage) {
    const state = c.implementation ?? (missing.has(c.operation) ? 'not-implemented' : undefined)
    if (state !== 'implemented' && state !== 'not-implemented') continue
    const about = (e: ExpectationEntry) => e.notImplemented === c.operation
    if (state === 'implemented') units.push({ outcome: 'PASS', about })
    else {
      const ev = c.evidence
      units.push({
        outcome: 'FAIL',
        about,
        failure: {
          entry: { notImplemented: c.operation, expected: 'FAIL', reason: '' },
          detail: `not implemented${ev ? `: answers ${notImplementedAnswer(ev)}` : ''}`,
        },
      })
    }
  }
  for (const g of t.regressions) {
    if (g.verdict === 'CANNOT REPLAY') continue
    const name = basename(g.file)
    const about = (e: ExpectationEntry) => e.regression !== undefined && basename(e.regression) === name
    units.push(
      g.verdict === 'FIXED'
        ? { outcome: 'PASS', about }
        : { outcome: 'FAIL', about, failure: { entry: regressionFailureEntry(g), detail: firstLine(g.detail) } },
    )
  }
  return units
}

/** The entry of the target's expectations that lists this failure (the failure is expected), if any. */
export function acceptingEntry(t: TargetReport, failure: ExpectationEntry | undefined): ExpectationEntry | undefined {
  return failure && t.expectations?.entries.find((e) => accepts(e, failure))
}

/** Whether the failure a unit found is the one the entry lists. */
function accepts(entry: ExpectationEntry, failure: ExpectationEntry): boolean {
  if (kindOf(entry) !== kindOf(failure)) return false
  if (entry.property !== undefined)
    return (
      entry.property === failure.property &&
      entry.rule === failure.rule &&
      (entry.operation === undefined || entry.operation === failure.operation)
    )
  return entryKey(entry) === entryKey(failure)
}

/** Some check of this run (any property, interaction or regression) failed `rule` on `operation` (any, if absent). */
function ruleFails(t: TargetReport, rule: string, operation: string | undefined): boolean {
  return (t.failureGroups ?? []).some(
    (g) => g.rule.split(' ').includes(rule) && (operation === undefined || g.operation === operation),
  )
}

/** What the run says about one entry: FAIL (its failure happened), PASS (it is gone), or nothing. */
export function entryOutcome(t: TargetReport, units: readonly ResultUnit[], e: ExpectationEntry): Outcome | undefined {
  const mine = units.filter((u) => u.about(e))
  if (mine.some((u) => u.outcome === 'FAIL' && accepts(e, u.failure!.entry))) return 'FAIL'
  if (mine.length === 0) return undefined
  if (kindOf(e) !== 'property') return mine.every((u) => u.outcome === 'PASS') ? 'PASS' : undefined
  // a property reached a verdict: the entry's failure is gone only if nothing else in the run still sees it
  const rule = t.rules.find((r) => r.id === e.rule)
  if (!rule) return mine.every((u) => u.outcome === 'PASS') ? 'PASS' : undefined
  if (ruleFails(t, e.rule!, e.operation)) return undefined
  return rule.status === 'passed' || rule.status === 'failed' ? 'PASS' : undefined
}

export interface ExpectationsInput {
  file: string
  allowUnexpectedPass: boolean
  entries: ExpectationEntry[]
}

export function evaluateExpectations(t: TargetReport, input: ExpectationsInput): ExpectationsReport {
  const units = resultUnits(t)
  const outcomes = input.entries.map((e) => entryOutcome(t, units, e))
  const stale = new Set(input.entries.filter((e, i) => outcomes[i] === 'PASS' && e.expected === 'FAIL'))
  let expected = 0
  const unexpectedFailures: UnexpectedFailure[] = []
  for (const u of units) {
    if (u.outcome === 'FAIL') {
      if (input.entries.some((e) => accepts(e, u.failure!.entry))) expected++
      else {
        const entry: ExpectationEntry = { ...u.failure!.entry, reason: u.failure!.detail || 'failed' }
        unexpectedFailures.push({ key: entryKey(entry), detail: u.failure!.detail, entry: entryLine(entry) })
      }
    } else if (!input.entries.some((e) => stale.has(e) && u.about(e))) expected++
  }
  const unexpectedPasses: UnexpectedPass[] = [...stale].map((e) => ({
    key: entryKey(e),
    ...(e.line ? { line: e.line } : {}),
    entry: entryLine(e),
  }))
  return {
    file: input.file,
    allowUnexpectedPass: input.allowUnexpectedPass,
    entries: input.entries,
    expected,
    unexpectedFailures,
    unexpectedPasses,
    notObserved: outcomes.filter((o) => o === undefined).length,
  }
}

/** Unexpected results that fail the run: every unexpected failure; unexpected passes unless allowed. */
export function unexpectedCount(x: ExpectationsReport): number {
  return x.unexpectedFailures.length + (x.allowUnexpectedPass ? 0 : x.unexpectedPasses.length)
}
