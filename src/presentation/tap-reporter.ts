// `--report tap`: the run as a TAP version 14 stream (https://testanything.org/tap-version-14-specification.html)
// in report.tap, for CI systems and tools that read TAP. One test point per replayed regression and per
// property, in run order; a failure carries its rule, message and reproduce line in a YAML block; what ended
// without a verdict (inconclusive, not run, interrupted, a bundle that cannot replay) is a SKIP, never "ok".
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExpectationEntry, PropertyReport, RegressionReport, TargetReport } from '../report/report-types'
import {
  acceptingEntry,
  interactionFailureEntry,
  judgedPerInteraction,
  propertyFailureEntry,
  regressionFailureEntry,
} from '../expectations/evaluate'
import { expectationsConsoleLines, expectationsLine } from '../report/expectations-render'
import { scoreLine } from '../report/score'
import type { EventHandler } from '../engine/events'

export const TAP_FILE = 'report.tap'

/** One line of TAP: description text may not contain "#" unescaped or a line break. */
const text = (s: string) => s.split('\n')[0]!.replace(/\\/g, '\\\\').replace(/#/g, '\\#')
/** YAML block lines; JSON strings are valid YAML double-quoted scalars. */
const yaml = (fields: Record<string, string | undefined>) => [
  '  ---',
  ...Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
  '  ...',
]

/** A failure the expectations list is TAP's expected failure: `not ok … # TODO`. */
function todo(t: TargetReport | undefined, entries: (ExpectationEntry | undefined)[]): string {
  if (!t?.expectations || entries.length === 0) return ''
  const known = entries.map((e) => acceptingEntry(t, e))
  if (known.some((k) => !k)) return ''
  return ` # TODO expected failure (${t.expectations.file}): ${text(known[0]!.reason)}`
}

function regressionPoint(n: number, r: RegressionReport, t?: TargetReport): string[] {
  const head = `regression ${text(r.file)} (${r.property})`
  if (r.verdict === 'FIXED') return [`ok ${n} - ${head}`]
  if (r.verdict === 'CANNOT REPLAY') return [`ok ${n} - ${head} # SKIP cannot replay: ${text(r.detail)}`]
  return [`not ok ${n} - ${head}${todo(t, [regressionFailureEntry(r)])}`, ...yaml({ rule: r.rule, message: r.detail })]
}

function propertyPoint(n: number, p: PropertyReport, t?: TargetReport): string[] {
  const head = `${p.id}: ${text(p.title)}`
  if (p.status === 'passed') return [`ok ${n} - ${head}`]
  if (p.status === 'failed') {
    const f = p.failure
    const entries = judgedPerInteraction(p)
      ? p.interactions!.filter((i) => i.status === 'failed').map(interactionFailureEntry)
      : [propertyFailureEntry(p)]
    return [
      `not ok ${n} - ${head}${todo(t, entries)}`,
      ...yaml({ rule: f?.rule, message: f?.message, seed: String(p.seed), reproduce: f?.reproduce, bundle: f?.bundle }),
    ]
  }
  return [`ok ${n} - ${head} # SKIP ${p.status}${p.note ? `: ${text(p.note)}` : ''}`]
}

export function tapReporter(out: string): EventHandler {
  const points: ((n: number, t?: TargetReport) => string[])[] = []
  return {
    RegressionReplayed: ({ regression }) => {
      points.push((n, t) => regressionPoint(n, regression, t))
    },
    // the report line, not a copy: a bundle written after this event still shows up in it
    PropertyFinished: ({ report }) => {
      points.push((n, t) => propertyPoint(n, report, t))
    },
    RunFinished: ({ report }, emit) => {
      const t = report.targets[0]
      // properties the run never reached (interrupt) are in the report only
      const seen = points.length - (t?.regressions.length ?? 0)
      for (const p of t?.properties.slice(seen) ?? []) points.push((n) => propertyPoint(n, p))
      const lines = [
        'TAP version 14',
        `1..${points.length}`,
        // held against expectations, the counts (and the score) lead as comments; a plain run's stream is unchanged
        ...(t?.expectations
          ? [
              `# expectations: ${expectationsLine(t.expectations)}`,
              ...(t.score ? [`# score: ${scoreLine(t.score)}`] : []),
            ]
          : []),
        ...points.flatMap((point, i) => point(i + 1, t)),
        ...(t ? expectationsConsoleLines(t, '    ').map((l) => `# ${l}`) : []),
      ]
      const file = join(out, TAP_FILE)
      writeFileSync(file, lines.join('\n') + '\n')
      emit({ type: 'ReportWritten', format: 'tap', file })
    },
  }
}
