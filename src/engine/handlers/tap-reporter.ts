// `--report tap`: the run as a TAP version 14 stream (https://testanything.org/tap-version-14-specification.html)
// in report.tap, for CI systems and tools that read TAP. One test point per replayed regression and per
// property, in run order; a failure carries its rule, message and reproduce line in a YAML block; what ended
// without a verdict (inconclusive, not run, interrupted, a bundle that cannot replay) is a SKIP, never "ok".
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PropertyReport, RegressionReport } from '../../report/report-types'
import type { EventHandler } from '../events'

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

function regressionPoint(n: number, r: RegressionReport): string[] {
  const head = `regression ${text(r.file)} (${r.property})`
  if (r.verdict === 'FIXED') return [`ok ${n} - ${head}`]
  if (r.verdict === 'CANNOT REPLAY') return [`ok ${n} - ${head} # SKIP cannot replay: ${text(r.detail)}`]
  return [`not ok ${n} - ${head}`, ...yaml({ rule: r.rule, message: r.detail })]
}

function propertyPoint(n: number, p: PropertyReport): string[] {
  const head = `${p.id}: ${text(p.title)}`
  if (p.status === 'passed') return [`ok ${n} - ${head}`]
  if (p.status === 'failed') {
    const f = p.failure
    return [
      `not ok ${n} - ${head}`,
      ...yaml({ rule: f?.rule, message: f?.message, seed: String(p.seed), reproduce: f?.reproduce, bundle: f?.bundle }),
    ]
  }
  return [`ok ${n} - ${head} # SKIP ${p.status}${p.note ? `: ${text(p.note)}` : ''}`]
}

export function tapReporter(out: string): EventHandler {
  const points: ((n: number) => string[])[] = []
  return {
    RegressionReplayed: ({ regression }) => {
      points.push((n) => regressionPoint(n, regression))
    },
    // the report line, not a copy: a bundle written after this event still shows up in it
    PropertyFinished: ({ report }) => {
      points.push((n) => propertyPoint(n, report))
    },
    RunFinished: ({ report }, emit) => {
      // properties the run never reached (interrupt) are in the report only
      const seen = points.length - (report.targets[0]?.regressions.length ?? 0)
      for (const p of report.targets[0]?.properties.slice(seen) ?? []) points.push((n) => propertyPoint(n, p))
      const lines = ['TAP version 14', `1..${points.length}`, ...points.flatMap((point, i) => point(i + 1))]
      const file = join(out, TAP_FILE)
      writeFileSync(file, lines.join('\n') + '\n')
      emit({ type: 'ReportWritten', format: 'tap', file })
    },
  }
}
