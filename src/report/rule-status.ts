// A rule's verdict for one target, derived only from what the report itself holds (property results with
// their executed-assertion counts, regression verdicts, the mode), so a merged report recomputes exactly what
// each shard would have said. "passed" needs at least one assertion about the rule that executed against the
// target and could have failed; a rule no executed assertion checked is "not exercised".
import { isAsserted } from '../spec'
import type { CatalogueRule, PropertyReport, RegressionReport, RuleReport, RuleStatus } from './report-types'

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
