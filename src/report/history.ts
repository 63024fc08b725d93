// History across runs (`conformance report history`), after wpt.fyi: each target's score run by run, the
// rules and operations that flipped (with the run that first showed the new state), and the runs night by
// night. Read from JSON reports only, so the nightly keeps nothing but its merged report.json per night.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readReportFile } from './merge'
import {
  REPORT_FORMAT,
  type ConformanceReport,
  type ConformanceScore,
  type OperationScore,
  type RuleStatus,
  type TargetReport,
  type TargetVerdict,
} from './report-types'
import { scoreOf } from './score'
import { targetVerdict } from './verdict'

export interface HistoryRun {
  /** The report file it came from. */
  file: string
  target: string
  kind: TargetReport['kind']
  /** When the run started (ISO). */
  at: string
  /** Its UTC date: the night it belongs to. */
  night: string
  verdict: TargetVerdict
  score: ConformanceScore
  expectations?: { file: string; expected: number; unexpectedFailures: number; unexpectedPasses: number }
  rules: Record<string, RuleStatus>
  operations: Record<string, OperationScore['implementation']>
  seed: number
  strict: boolean
}

export interface Flip {
  target: string
  kind: 'rule' | 'operation'
  id: string
  from: string
  to: string
  /** The first run that showed the new state. */
  at: string
  night: string
  file: string
  /** The target's latest run that judged it still shows the new state. */
  current: boolean
}

export interface History {
  runs: HistoryRun[]
  /** Target ids, in order of first appearance. */
  targets: string[]
  /** Newest first. */
  flips: Flip[]
  /** UTC dates with at least one run, newest first. */
  nights: string[]
  /** Rule statements by id (from the newest report), for tooltips. */
  statements: Record<string, string>
}

/** Report files under the given paths: files as given, folders searched for JSON reports (other JSON is skipped). */
export function findReports(
  paths: readonly string[],
  warn: (line: string) => void,
): { file: string; report: ConformanceReport }[] {
  const out: { file: string; report: ConformanceReport }[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.json')) {
        let format: unknown
        try {
          format = (JSON.parse(readFileSync(p, 'utf8')) as { format?: unknown })?.format
        } catch {
          continue // not JSON: not a report
        }
        if (format !== REPORT_FORMAT) continue // a replay bundle, a recording, …
        try {
          out.push(readReportFile(p))
        } catch (e) {
          warn(`skipped ${(e as Error).message}`)
        }
      }
    }
  }
  for (const p of paths) {
    let isDir: boolean
    try {
      isDir = statSync(p).isDirectory()
    } catch {
      throw new Error(`${p}: no such file or folder`)
    }
    if (isDir) walk(p)
    else out.push(readReportFile(p))
  }
  return out
}

function runOf(file: string, r: ConformanceReport, t: TargetReport): HistoryRun {
  const ops = r.catalogue.operations.map((o) => o.name)
  const score = scoreOf(t, ops)
  const x = t.expectations
  return {
    file,
    target: t.id,
    kind: t.kind,
    at: t.startedAt,
    night: t.startedAt.slice(0, 10),
    verdict: targetVerdict(t),
    score,
    ...(x
      ? {
          expectations: {
            file: x.file,
            expected: x.expected,
            unexpectedFailures: x.unexpectedFailures.length,
            unexpectedPasses: x.unexpectedPasses.length,
          },
        }
      : {}),
    rules: Object.fromEntries(t.rules.map((x) => [x.id, x.status])),
    operations: Object.fromEntries(score.byOperation.map((o) => [o.operation, o.implementation])),
    seed: t.seed,
    strict: t.mode.strict,
  }
}

/** Only judged states flip: a rule not exercised one night (a budget) is not a change. */
const JUDGED: Record<Flip['kind'], ReadonlySet<string>> = {
  rule: new Set(['passed', 'failed']),
  operation: new Set(['implemented', 'not-implemented']),
}

function flipsOf(runs: readonly HistoryRun[]): Flip[] {
  const flips: Flip[] = []
  const byTarget = new Map<string, HistoryRun[]>()
  for (const r of runs) byTarget.set(r.target, [...(byTarget.get(r.target) ?? []), r])
  for (const [target, list] of byTarget) {
    for (const kind of ['rule', 'operation'] as const) {
      const last = new Map<string, string>()
      const mine: Flip[] = []
      for (const r of list) {
        const states = kind === 'rule' ? r.rules : r.operations
        for (const [id, state] of Object.entries(states)) {
          if (!JUDGED[kind].has(state)) continue
          const before = last.get(id)
          if (before !== undefined && before !== state)
            mine.push({
              target,
              kind,
              id,
              from: before,
              to: state,
              at: r.at,
              night: r.night,
              file: r.file,
              current: false,
            })
          last.set(id, state)
        }
      }
      // current: the last flip of each id, when the latest judged state is still the one it flipped to
      const lastFlip = new Map<string, Flip>()
      for (const f of mine) lastFlip.set(f.id, f)
      for (const f of lastFlip.values()) f.current = last.get(f.id) === f.to
      flips.push(...mine)
    }
  }
  return flips.sort(
    (a, b) =>
      b.at.localeCompare(a.at) || a.target.localeCompare(b.target) || a.id.localeCompare(b.id, 'en', { numeric: true }),
  )
}

export function buildHistory(inputs: readonly { file: string; report: ConformanceReport }[]): History {
  const seen = new Set<string>()
  const runs: HistoryRun[] = []
  for (const { file, report } of inputs) {
    for (const t of report.targets) {
      // the same run given twice (a folder and a file in it, two copies) is one run
      const key = `${t.id}\u0000${t.startedAt}\u0000${t.seed}\u0000${t.shards.join(',')}`
      if (seen.has(key)) continue
      seen.add(key)
      runs.push(runOf(file, report, t))
    }
  }
  runs.sort((a, b) => a.at.localeCompare(b.at) || a.target.localeCompare(b.target))
  const targets = [...new Set(runs.map((r) => r.target))]
  const newest = [...inputs].sort((a, b) => b.report.generatedAt.localeCompare(a.report.generatedAt))[0]
  return {
    runs,
    targets,
    flips: flipsOf(runs),
    nights: [...new Set(runs.map((r) => r.night))].sort().reverse(),
    statements: Object.fromEntries((newest?.report.catalogue.rules ?? []).map((r) => [r.id, r.statement])),
  }
}
