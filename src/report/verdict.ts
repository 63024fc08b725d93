// One word per target that a reader (and the exit code) can trust in both directions: FAILED only for a
// failure the run observed, PASSED only when everything selected ran to a verdict. Anything in between — the
// budget ran out, Ctrl-C, a property never started, a regression bundle that could not be replayed — is
// INCONCLUSIVE, which is never a failure: running out of budget says nothing about conformance.
import type { FailureGroup, TargetReport, TargetVerdict } from './report-types'

export interface VerdictReasons {
  verdict: TargetVerdict
  /** Why, one short phrase each (what failed, or what was not reached). */
  reasons: string[]
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function notImplementedOperations(t: TargetReport): string[] {
  const listed = t.totals.operationsNotImplemented ?? []
  const marked = t.coverage.filter((c) => c.implementation === 'not-implemented').map((c) => c.operation)
  return [...new Set([...listed, ...marked])]
}

export function verdictOf(t: TargetReport): VerdictReasons {
  const failedProps = t.properties.filter((p) => p.status === 'failed').length
  const stillFailing = t.regressions.filter((g) => g.verdict === 'STILL FAILING').length
  const missing = notImplementedOperations(t)
  const failed: string[] = []
  if (failedProps) failed.push(`${plural(failedProps, 'property', 'properties')} failed`)
  if (stillFailing) failed.push(`${plural(stillFailing, 'regression')} still failing`)
  if (missing.length) failed.push(`${plural(missing.length, 'operation')} not implemented`)
  if (failed.length) return { verdict: 'FAILED', reasons: failed }

  const open: string[] = []
  const count = (s: string) => t.properties.filter((p) => p.status === s).length
  if (count('inconclusive'))
    open.push(`${plural(count('inconclusive'), 'property', 'properties')} inconclusive (budget)`)
  if (count('interrupted') || t.interrupted)
    open.push(
      count('interrupted')
        ? `${plural(count('interrupted'), 'property', 'properties')} interrupted`
        : 'run interrupted',
    )
  if (count('not-run')) open.push(`${plural(count('not-run'), 'property', 'properties')} not run`)
  const cannot = t.regressions.filter((g) => g.verdict === 'CANNOT REPLAY').length
  if (cannot) open.push(`${plural(cannot, 'regression')} could not be replayed`)
  if (t.properties.length === 0 && t.regressions.length === 0) open.push('nothing ran')
  return open.length ? { verdict: 'INCONCLUSIVE', reasons: open } : { verdict: 'PASSED', reasons: [] }
}

export const targetVerdict = (t: TargetReport): TargetVerdict => verdictOf(t).verdict

/** What an implementer should fix first: a missing operation, else the cause most checks hit (groups come sorted). */
export function firstToFix(t: TargetReport): string | undefined {
  const missing = notImplementedOperations(t)
  if (missing.length) {
    const ev = t.coverage.find((c) => c.operation === missing[0])?.evidence
    // the answer in a few words: status, content type and the body's start, or the error class when the body was readable
    const body = ev?.firstBytes ? JSON.stringify(ev.firstBytes) : ev?.error?.split(':')[0]
    const how = ev ? ` (answers ${[ev.status, ev.contentType, body].filter(Boolean).join(' ')})` : ''
    return `implement ${missing[0]}${how}${missing.length > 1 ? ` and ${plural(missing.length - 1, 'other operation')}` : ''}`
  }
  const g: FailureGroup | undefined = t.failureGroups?.[0]
  return g ? `${g.rule} on ${g.operation}: ${g.shape} (${plural(g.count, 'check')})` : undefined
}
