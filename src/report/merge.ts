// Merges JSON reports of several targets and shards into one matrix. Entries with the same target id (label,
// quirks, mode) are one column: their property results and regressions are united and their call stats
// summed; rule verdicts, coverage and totals are then derived again exactly as for a single run.
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import { mergeConsistencyObservations } from './consistency-summary'
import { finishTarget, newReport, type TargetCore } from './json-report'
import type { ConformanceReport, PropertyReport, RegressionReport, TargetReport, TargetStats } from './report-types'
import { reportSchemaErrors } from './report-schema'

export interface ReportInput {
  file: string
  report: ConformanceReport
}

/** Reads and schema-checks one report; the error names the file and the first problems. */
export function readReportFile(file: string): ReportInput {
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file}: not a readable JSON report (${(e as Error).message.split('\n')[0]})`)
  }
  const errors = reportSchemaErrors(doc)
  if (errors.length) throw new Error(`${file}: not a conformance report (${errors.slice(0, 3).join('; ')})`)
  return { file, report: doc as ConformanceReport }
}

// Inputs never overlap (refuseOverlaps); this only decides between a property's verdicts should one slip through.
const STATUS_WEIGHT: Record<PropertyReport['status'], number> = {
  failed: 3,
  passed: 2,
  inconclusive: 1,
  interrupted: 1,
  'not-run': 0,
}
const VERDICT_WEIGHT: Record<RegressionReport['verdict'], number> = { 'STILL FAILING': 2, FIXED: 1, 'CANNOT REPLAY': 0 }

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n
}

function sumStats(all: TargetStats[]): TargetStats {
  const out: TargetStats = { calls: 0, throttleRetries: 0, serverErrors: 0, byOperation: {}, errorsByOperation: {} }
  for (const s of all) {
    out.calls += s.calls
    out.throttleRetries += s.throttleRetries
    if (s.throttled !== undefined) out.throttled = (out.throttled ?? 0) + s.throttled
    if (s.throttledByOperation) addCounts((out.throttledByOperation ??= {}), s.throttledByOperation)
    out.serverErrors += s.serverErrors
    addCounts(out.byOperation, s.byOperation)
    for (const [op, errs] of Object.entries(s.errorsByOperation)) addCounts((out.errorsByOperation[op] ??= {}), errs)
    // the probe's verdicts: every shard probes every operation, so a missing one is missing in the column
    if (s.succeededByOperation) addCounts((out.succeededByOperation ??= {}), s.succeededByOperation)
    if (s.notImplemented)
      for (const [op, ev] of Object.entries(s.notImplemented)) (out.notImplemented ??= {})[op] ??= ev
    if (s.consistencyRechecks) out.consistencyRechecks = (out.consistencyRechecks ?? 0) + s.consistencyRechecks
  }
  if (all.some((s) => s.succeededByOperation || s.notImplemented)) {
    out.succeededByOperation ??= {}
    out.notImplemented ??= {}
  }
  return out
}

/** Bundle paths are relative to their report's folder; re-anchor them on the merged report's folder. */
function rebase(p: PropertyReport, fromDir: string, toDir: string): PropertyReport {
  if (!p.failure?.bundle || isAbsolute(p.failure.bundle)) return p
  return { ...p, failure: { ...p.failure, bundle: relative(toDir, resolve(fromDir, p.failure.bundle)) || '.' } }
}

function mergeGroup(parts: { target: TargetReport; dir: string }[], outDir: string, warnings: string[]): TargetCore {
  const first = parts[0]!.target
  const properties = new Map<string, PropertyReport>()
  const regressions = new Map<string, RegressionReport>()
  for (const { target, dir } of parts) {
    for (const p of target.properties) {
      const seen = properties.get(p.id)
      if (!seen || STATUS_WEIGHT[p.status] > STATUS_WEIGHT[seen.status]) properties.set(p.id, rebase(p, dir, outDir))
    }
    for (const g of target.regressions) {
      const key = `${g.file}\u0000${g.property}`
      const seen = regressions.get(key)
      if (!seen || VERDICT_WEIGHT[g.verdict] > VERDICT_WEIGHT[seen.verdict]) regressions.set(key, g)
    }
  }
  const ts = parts.map((x) => x.target)
  // raw observations united; finishTarget summarises them again (percentiles do not add up across shards)
  const consistency = mergeConsistencyObservations(ts.map((t) => t.consistencyObservations))
  if (consistency.disagree)
    warnings.push(
      `${first.id}: its parts ran with different ${consistency.disagree}; the observed consistency unites them`,
    )
  return {
    kind: first.kind,
    label: first.label,
    region: first.region,
    instanceId: first.instanceId,
    quirks: first.quirks,
    mode: first.mode,
    seed: first.seed,
    budget: first.budget,
    shards: [...new Set(ts.flatMap((t) => t.shards))].sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0])),
    startedAt: ts.map((t) => t.startedAt).sort()[0]!,
    durationMs: Math.max(...ts.map((t) => t.durationMs)),
    interrupted: ts.some((t) => t.interrupted),
    properties: [...properties.values()],
    regressions: [...regressions.values()],
    stats: sumStats(ts.map((t) => t.stats)),
    ...(consistency.observations ? { consistencyObservations: consistency.observations } : {}),
    // the expectations the parts were held against: the merged column is held against them again
    ...(expectationsOf(ts) ? { expectations: expectationsOf(ts) } : {}),
  }
}

function expectationsOf(ts: readonly TargetReport[]): TargetCore['expectations'] {
  const x = ts.find((t) => t.expectations)?.expectations
  return x && { file: x.file, allowUnexpectedPass: x.allowUnexpectedPass, entries: x.entries }
}

/** Two inputs hold the same part of one column: merging them would count its calls and sequences twice. */
export class DuplicateInputError extends Error {}

/** What part of a column a report covers: its shard labels, or the whole property set when unsharded. */
function coverage(t: TargetReport): string {
  return t.shards.length ? `shard ${t.shards.join(', ')}` : 'an unsharded run'
}

/**
 * Refuses inputs that overlap within one column (same target id): the same file twice, two reports of the
 * same shard (e.g. a re-run's and the first run's), an unsharded run with anything else of that target, a
 * merged report together with its inputs, or shards of two different splits (1/2 and 1/3 share properties).
 */
function refuseOverlaps(inputs: readonly ReportInput[]): void {
  const seenFiles = new Map<string, string>()
  for (const i of inputs) {
    const abs = resolve(i.file)
    if (seenFiles.has(abs)) throw new DuplicateInputError(`${i.file} is given twice; merge each report once`)
    seenFiles.set(abs, i.file)
  }
  const parts = new Map<string, { file: string; target: TargetReport }[]>()
  for (const i of inputs) {
    for (const t of i.report.targets) {
      for (const other of parts.get(t.id) ?? []) {
        const o = other.target
        const splits = new Set([...t.shards, ...o.shards].map((s) => s.split('/')[1]))
        const overlap =
          t.shards.length === 0 ||
          o.shards.length === 0 ||
          splits.size > 1 ||
          t.shards.some((s) => o.shards.includes(s))
        if (overlap) {
          throw new DuplicateInputError(
            `${other.file} (${coverage(o)}) and ${i.file} (${coverage(t)}) both hold ${t.id} results for the same properties ` +
              '(a re-run of a shard, or a merged report with its inputs); merge each shard once',
          )
        }
      }
      parts.set(t.id, [...(parts.get(t.id) ?? []), { file: i.file, target: t }])
    }
  }
}

export interface MergeResult {
  report: ConformanceReport
  /** Things worth a line on stderr that do not stop the merge. */
  warnings: string[]
}

/** order: property ids in their canonical order (shards interleave them); unknown ids keep their place at the end. */
export function mergeReports(
  inputs: readonly ReportInput[],
  outDir: string,
  opts: { order?: readonly string[]; now?: Date } = {},
): MergeResult {
  if (inputs.length === 0) throw new Error('report merge needs at least one JSON report')
  refuseOverlaps(inputs)
  const warnings: string[] = []
  const catalogue = inputs[0]!.report.catalogue
  const ruleIds = catalogue.rules.map((r) => r.id).join(',')
  for (const i of inputs.slice(1)) {
    if (i.report.catalogue.rules.map((r) => r.id).join(',') !== ruleIds) {
      warnings.push(
        `${i.file}: written with a different rule catalogue; the matrix uses the one from ${inputs[0]!.file}`,
      )
    }
  }
  const groups = new Map<string, { target: TargetReport; dir: string }[]>()
  for (const i of inputs) {
    for (const t of i.report.targets) {
      const g = groups.get(t.id) ?? []
      if (g.length && g[0]!.target.seed !== t.seed)
        warnings.push(`${i.file}: ${t.id} ran with seed ${t.seed}, another part with ${g[0]!.target.seed}`)
      g.push({ target: t, dir: dirname(resolve(i.file)) })
      groups.set(t.id, g)
    }
  }
  const absOut = resolve(outDir)
  const rank = (id: string) => {
    const i = opts.order?.indexOf(id) ?? -1
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }
  const targets = [...groups.values()].map((parts) => {
    const core = mergeGroup(parts, absOut, warnings)
    core.properties.sort((a, b) => rank(a.id) - rank(b.id)) // stable: unknown ids keep encounter order
    return finishTarget(core, catalogue)
  })
  return { report: newReport(targets, catalogue, opts.now ?? new Date()), warnings }
}
