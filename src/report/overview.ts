// What every format shows first: per target the verdict, the totals and the first thing to fix; across
// targets, where the columns disagree. Computed once here so the console, Markdown and HTML say the same.
import type { ConformanceReport, PropertyStatus, RuleStatus, TargetReport, TargetVerdict } from './report-types'
import { firstToFix, notImplementedOperations, verdictOf } from './verdict'
import { expectationsLine, firstUnexpected } from './expectations-render'
import { scoreLine } from './score'

export interface TargetOverview {
  id: string
  verdict: TargetVerdict
  reasons: string[]
  /** "default mode, seed 7" (+ shards, quirks are in the id). */
  context: string
  totals: { label: string; value: string }[]
  firstToFix?: string
  /** Operations not implemented, grouped by the answer that shows it (ten 404 HTML pages are one finding). */
  notImplemented: { operations: string[]; evidence: string }[]
}

export interface Disagreement {
  kind: 'rule' | 'property'
  id: string
  /** One status per target, in target order. */
  statuses: string[]
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
export const VERDICT_MARK: Record<TargetVerdict, string> = { PASSED: '✔', FAILED: '✘', INCONCLUSIVE: '?' }

function rulesCount(t: TargetReport, s: RuleStatus): number {
  return t.rules.filter((r) => r.status === s).length
}

function operationsLine(t: TargetReport): string {
  const missing = notImplementedOperations(t).length
  const total = t.totals.operations
  const implemented = t.coverage.some((c) => c.implementation)
    ? t.coverage.filter((c) => c.implementation === 'implemented').length
    : undefined
  const parts = [`${t.totals.operationsExercised}/${total} exercised`]
  if (implemented !== undefined) parts.unshift(`${implemented}/${total} implemented`)
  if (missing) parts.push(`${missing} not implemented`)
  return parts.join(', ')
}

export function targetOverview(t: TargetReport): TargetOverview {
  const { verdict, reasons } = verdictOf(t)
  const count = (s: PropertyStatus) => t.properties.filter((p) => p.status === s).length
  const props = [`${count('passed')} passed`, `${count('failed')} failed`]
  for (const [s, label] of [
    ['inconclusive', 'inconclusive'],
    ['interrupted', 'interrupted'],
    ['not-run', 'not run'],
  ] as const) {
    if (count(s)) props.push(`${count(s)} ${label}`)
  }
  const stillFailing = t.regressions.filter((g) => g.verdict === 'STILL FAILING').length
  return {
    id: t.id,
    verdict,
    reasons,
    context: `${t.mode.strict ? 'strict' : 'default'} mode, seed ${t.seed}${t.shards.length ? `, shards ${t.shards.join(' ')}` : ''}`,
    totals: [
      // the score and the counts against the expectations first: what a nightly reader looks for
      ...(t.score ? [{ label: 'score', value: scoreLine(t.score) }] : []),
      ...(t.expectations ? [{ label: 'expectations', value: expectationsLine(t.expectations) }] : []),
      {
        label: 'rules',
        value: `${rulesCount(t, 'passed')} pass · ${rulesCount(t, 'failed')} fail · ${rulesCount(t, 'not-exercised')} not exercised · ${rulesCount(t, 'not-asserted-in-this-mode')} not asserted`,
      },
      { label: 'properties', value: props.join(' · ') },
      { label: 'operations', value: operationsLine(t) },
      {
        label: 'calls',
        value: `${t.stats.calls.toLocaleString('en-US')} (${t.stats.throttleRetries} throttle retries, ${t.stats.serverErrors} 5xx)`,
      },
      ...(t.regressions.length
        ? [{ label: 'regressions', value: `${t.regressions.length} replayed, ${stillFailing} still failing` }]
        : []),
      ...(t.cleanup?.failed.length
        ? [{ label: 'cleanup', value: `${t.cleanup.failed.length} views could not be deleted` }]
        : []),
      ...(t.consistency ? [{ label: 'consistency', value: t.consistency.verdict }] : []),
      { label: 'wall time', value: seconds(t.durationMs) + (t.interrupted ? ' (interrupted)' : '') },
    ],
    firstToFix: firstUnexpected(t) ?? firstToFix(t),
    notImplemented: missingByEvidence(t),
  }
}

function missingByEvidence(t: TargetReport): TargetOverview['notImplemented'] {
  const byEvidence = new Map<string, string[]>()
  for (const op of notImplementedOperations(t)) {
    const ev = t.coverage.find((c) => c.operation === op)?.evidence
    const evidence = ev
      ? [
          ev.status && `HTTP ${ev.status}`,
          ev.contentType,
          ev.firstBytes && `“${ev.firstBytes.replace(/\s+/g, ' ').slice(0, 60)}”`,
          ev.error,
        ]
          .filter(Boolean)
          .join(', ')
      : ''
    byEvidence.set(evidence, [...(byEvidence.get(evidence) ?? []), op])
  }
  return [...byEvidence].map(([evidence, operations]) => ({ operations, evidence }))
}

/** Rules and properties whose verdict differs between targets (only where every target has one). */
export function disagreements(r: ConformanceReport): Disagreement[] {
  if (r.targets.length < 2) return []
  const out: Disagreement[] = []
  for (const rule of r.catalogue.rules) {
    const statuses = r.targets.map((t) => t.rules.find((x) => x.id === rule.id)?.status ?? '')
    // a rule one mode does not assert is not a disagreement about the implementation
    const judged = statuses.filter((s) => s === 'passed' || s === 'failed')
    if (judged.length >= 2 && new Set(judged).size > 1) out.push({ kind: 'rule', id: rule.id, statuses })
  }
  const propertyIds = [...new Set(r.targets.flatMap((t) => t.properties.map((p) => p.id)))]
  for (const id of propertyIds) {
    const statuses = r.targets.map((t) => t.properties.find((p) => p.id === id)?.status ?? '')
    const judged = statuses.filter((s) => s === 'passed' || s === 'failed')
    if (judged.length >= 2 && new Set(judged).size > 1) out.push({ kind: 'property', id, statuses })
  }
  return out
}
