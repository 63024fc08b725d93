// Builds the machine-readable report (report-types.ts) from one run's results and writes it. Derived
// parts (rule verdicts, coverage, totals) are computed by finishTarget from the rest of the target entry,
// which merge.ts reuses so a merged matrix is derived exactly like a single run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { PACKAGE_NAME, PACKAGE_VERSION } from '../package-files'
import { describeCmd, type Cmd } from '../harness/commands'
import type { PropertyResult } from '../harness/property-types'
import { isAsserted, OPERATION_NAMES, OPERATIONS, RULES, type Confidence } from '../spec'
import type { ImplementationLedger } from '../targets/implementation'
import type { CallStats } from '../targets/call-stats'
import { summariseConsistency } from './consistency-summary'
import { errorCoverage } from './error-coverage'
import { failureGroups } from './failure-groups'
import {
  REPORT_FORMAT,
  type CatalogueRule,
  type ConformanceReport,
  type PropertyReport,
  type RegressionReport,
  type RuleReport,
  type RuleStatus,
  type TargetReport,
  type TargetStats,
  type Totals,
} from './report-types'
import { conformanceScore } from './score'
import { evaluateExpectations, type ExpectationsInput } from '../expectations/evaluate'
import { targetVerdict } from './verdict'

export const TOOL = { name: PACKAGE_NAME, version: PACKAGE_VERSION }

export function specCatalogue(): ConformanceReport['catalogue'] {
  return {
    rules: RULES.map((r) => ({ id: r.id, statement: r.statement, source: r.source, confidence: r.confidence })),
    operations: OPERATION_NAMES.map((name) => ({ name, declaredErrors: [...OPERATIONS[name].errors] })),
  }
}

/** The matrix column key: what distinguishes two runs that must not be merged into one column. */
export function targetId(t: { label: string; quirks: readonly string[]; mode: { strict: boolean } }): string {
  return `${t.label}${t.quirks.length ? ` +${t.quirks.join(' +')}` : ''}${t.mode.strict ? ' (strict)' : ''}`
}

export interface PropertyExtras {
  /** Rules the property checks (its own plus the wire basics). */
  rules: readonly string[]
  bundle?: string
  reproduce: string
  replay?: string
  /** SIGINT arrived while it ran: its result is partial and is not a verdict. */
  interrupted?: boolean
}

export function propertyReport(r: PropertyResult, x: PropertyExtras): PropertyReport {
  const base: PropertyReport = {
    id: r.property,
    title: r.title,
    rules: [...x.rules],
    status: x.interrupted ? 'interrupted' : r.status,
    seed: r.seed,
    ...(r.path ? { path: r.path } : {}),
    numRuns: r.numRuns,
    commandsExecuted: r.commandsExecuted,
    durationMs: r.durationMs,
    ...(r.assertions ? { assertions: { ...r.assertions } as Record<string, number> } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.interactions ? { interactions: r.interactions.map((i) => ({ ...i })) } : {}),
  }
  if (!r.failure || x.interrupted) return base
  const f = r.failure
  base.failure = {
    rule: f.rule,
    message: f.message,
    step: f.step,
    commands: f.commands,
    counterexample: f.commands.map((c: Cmd) => describeCmd(c)),
    ...(x.bundle ? { bundle: x.bundle } : {}),
    reproduce: x.reproduce,
    ...(x.replay ? { replay: x.replay } : {}),
  }
  return base
}

/**
 * Adds assertions executed outside the property's own checks while it ran (R23 on the 429s Target.send
 * retried, src/targets/answer-class.ts) to its report: they executed against the target during its calls.
 */
export function addAssertions(
  report: PropertyReport,
  extra: Readonly<Partial<Record<string, number>>>,
): PropertyReport {
  const entries = Object.entries(extra).filter(([, n]) => (n ?? 0) > 0) as [string, number][]
  if (!entries.length) return report
  const merged: Record<string, number> = { ...report.assertions }
  for (const [rule, n] of entries) merged[rule] = (merged[rule] ?? 0) + n
  report.assertions = Object.fromEntries(
    Object.entries(merged).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
  )
  return report
}

export function notRunProperty(
  p: { id: string; title: string; rules: readonly string[] },
  seed: number,
): PropertyReport {
  return {
    id: p.id,
    title: p.title,
    rules: [...p.rules],
    status: 'not-run',
    seed,
    numRuns: 0,
    commandsExecuted: 0,
    durationMs: 0,
  }
}

export function statsOf(s: CallStats, impl?: ImplementationLedger): TargetStats {
  return {
    calls: s.calls,
    throttleRetries: s.throttleRetries,
    throttled: s.throttled,
    throttledByOperation: { ...s.throttledByOperation } as Record<string, number>,
    serverErrors: s.serverErrors,
    byOperation: { ...s.byOperation } as Record<string, number>,
    errorsByOperation: Object.fromEntries(Object.entries(s.errorsByOperation).map(([op, e]) => [op, { ...e }])),
    ...(s.noAnswer?.tries
      ? { noAnswer: { ...s.noAnswer, byOperation: { ...s.noAnswer.byOperation } as Record<string, number> } }
      : {}),
    ...(impl
      ? {
          succeededByOperation: { ...impl.succeeded } as Record<string, number>,
          notImplemented: Object.fromEntries([...impl.missing].map(([op, e]) => [op, { ...e }])),
          ...(impl.probe ? { probe: { ...impl.probe } } : {}),
        }
      : {}),
  }
}

/**
 * A target entry without its derived parts; finishTarget adds rules, coverage, totals, observed consistency,
 * the score and the results against the expectations (from the entries alone, so a merge derives them again).
 */
export type TargetCore = Omit<
  TargetReport,
  'id' | 'rules' | 'coverage' | 'totals' | 'consistency' | 'score' | 'expectations'
> & {
  expectations?: ExpectationsInput
}

export function finishTarget(core: TargetCore, catalogue: ConformanceReport['catalogue']): TargetReport {
  const { expectations: expectationsInput, ...rest } = core
  const rules = ruleReports(catalogue.rules, core.properties, core.regressions, core.mode)
  const t: TargetReport = {
    id: targetId(core),
    ...rest,
    rules,
    coverage: errorCoverage(catalogue.operations, core.stats),
    totals: totalsOf(core, catalogue, rules),
  }
  // derived from the rest, like rules and totals, so a merged column is grouped exactly like a single run
  t.failureGroups = failureGroups(t)
  // likewise: a merged column summarises its shards' united observations
  delete t.consistency
  if (core.consistencyObservations) t.consistency = summariseConsistency(core.consistencyObservations, core)
  const score = conformanceScore(
    t,
    catalogue.operations.map((o) => o.name),
  )
  const expectations = expectationsInput ? evaluateExpectations(t, expectationsInput) : undefined
  // what every reader wants first: the score and the counts against the expectations
  const { id, ...body } = t
  return { id, score, ...(expectations ? { expectations } : {}), ...body }
}

function totalsOf(core: TargetCore, catalogue: ConformanceReport['catalogue'], rules: TargetReport['rules']): Totals {
  const ps = core.properties
  const count = (s: PropertyReport['status']) => ps.filter((p) => p.status === s).length
  const rulesChecked: Record<Confidence, number> = { documented: 0, inferred: 0, 'unknown-choice': 0 }
  for (const r of rules) if (r.status === 'passed' || r.status === 'failed') rulesChecked[r.confidence]++
  const failing = [
    ...rules.filter((r) => r.status === 'failed').map((r) => r.id),
    ...uncataloguedFailureRules(catalogue.rules, ps, core.regressions),
  ]
  return {
    properties: ps.length,
    passed: count('passed'),
    failed: count('failed'),
    interrupted: count('interrupted'),
    notRun: count('not-run'),
    inconclusive: count('inconclusive'),
    sequences: ps.reduce((n, p) => n + p.numRuns, 0),
    commands: ps.reduce((n, p) => n + p.commandsExecuted, 0),
    operationsExercised: catalogue.operations.filter((o) => (core.stats.byOperation[o.name] ?? 0) > 0).length,
    operations: catalogue.operations.length,
    operationsNotImplemented: Object.keys(core.stats.notImplemented ?? {}).sort(),
    rulesChecked,
    failingRules: failing,
  }
}

export function newReport(targets: TargetReport[], catalogue = specCatalogue(), now = new Date()): ConformanceReport {
  return { format: REPORT_FORMAT, generatedAt: now.toISOString(), tool: TOOL, catalogue, targets }
}

/**
 * Whether any target's verdict is FAILED (what exit code 1 means): a failing property, a regression still
 * failing, or an operation the target does not implement. INCONCLUSIVE (a budget) is not a failure.
 */
/** The report of one run on one target, assembled from what the run recorded. */
export function runReport(record: TargetCore): ConformanceReport {
  return newReport([finishTarget(record, specCatalogue())])
}

export function hasFailures(report: ConformanceReport): boolean {
  return report.targets.some((t) => targetVerdict(t) === 'FAILED')
}

export function writeJsonReport(file: string, report: ConformanceReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
}

// A rule's verdict for one target, derived only from what the report itself holds (property results with
// their executed-assertion counts, regression verdicts, the mode), so a merged report recomputes exactly what
// each shard would have said. "passed" needs at least one assertion about the rule that executed against the
// target and could have failed; a rule no executed assertion checked is "not exercised".
/** Assertions about `rule` that executed against the target in `p` (a property that counted none checked nothing). */
function assertionsIn(p: PropertyReport, rule: string): number {
  return p.assertions?.[rule] ?? 0
}

export function ruleReports(
  catalogue: readonly CatalogueRule[],
  properties: readonly PropertyReport[],
  regressions: readonly RegressionReport[],
  mode: { strict: boolean; confirmed?: readonly string[] },
): RuleReport[] {
  const asserted = { strict: mode.strict, confirmed: new Set(mode.confirmed ?? []) }
  return catalogue.map((r) => {
    // a rule is checked by a property only if an assertion about it executed there, whatever the property lists
    const checkedBy = properties.filter((p) => assertionsIn(p, r.id) > 0).map((p) => p.id)
    const assertions = properties.reduce((n, p) => n + assertionsIn(p, r.id), 0)
    // a contract step fails once, blamed on its first failing interaction; every failed interaction counts for its rules
    const failures =
      properties.filter((p) => !p.interactions?.length && p.failure?.rule === r.id && p.status === 'failed').length +
      properties.reduce(
        (n, p) =>
          n + (p.interactions ?? []).filter((i) => i.status === 'failed' && (i.rules ?? []).includes(r.id)).length,
        0,
      ) +
      regressions.filter((g) => g.verdict === 'STILL FAILING' && g.rule === r.id).length
    let status: RuleStatus
    // A failure is reported even for a rule this mode would not assert: the check that fired decided it was.
    if (failures > 0) status = 'failed'
    else if (!isAsserted({ ...r, operations: [] }, asserted)) status = 'not-asserted-in-this-mode'
    else if (checkedBy.length > 0) status = 'passed'
    else status = 'not-exercised'
    return { id: r.id, confidence: r.confidence, status, checkedBy, failures, assertions }
  })
}

/** Rules named by failures that are not in the catalogue (e.g. "harness" for an exception inside a run). */
export function uncataloguedFailureRules(
  catalogue: readonly CatalogueRule[],
  properties: readonly PropertyReport[],
  regressions: readonly RegressionReport[],
): string[] {
  const known = new Set(catalogue.map((r) => r.id))
  const named = [
    ...properties.filter((p) => p.status === 'failed').map((p) => p.failure?.rule),
    ...regressions.filter((g) => g.verdict === 'STILL FAILING').map((g) => g.rule),
  ]
  return [...new Set(named.filter((r): r is string => !!r && !known.has(r)))].sort()
}
