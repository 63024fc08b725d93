// The report formats a run or a merge can write, their file names in the output folder, and writing them.
import { join } from 'node:path'
import { attachDiffs } from './failure-groups'
import { writeJsonReport } from './json-report'
import { writeJunitReport } from './junit-report'
import { writeHtmlReport } from './matrix-html'
import { writeMarkdownReport } from './matrix-report'
import type { ConformanceReport } from './report-types'

/** The formats written as a file from the finished report: what a merge writes. */
export const REPORT_FILE_FORMATS = ['json', 'junit', 'md', 'html'] as const
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number]
/** Every format a run writes (`--report`): the file formats and TAP, written from the run's events (src/presentation/reporters.ts). */
export const RUN_REPORT_FORMATS = [...REPORT_FILE_FORMATS, 'tap'] as const
export type ReportFormat = (typeof RUN_REPORT_FORMATS)[number]
/** Written when --report is not given. */
export const DEFAULT_REPORTS: readonly ReportFormat[] = REPORT_FILE_FORMATS

export const REPORT_FILES: Readonly<Record<ReportFileFormat, string>> = {
  json: 'report.json',
  junit: 'junit.xml',
  md: 'matrix.md',
  html: 'matrix.html',
}

/**
 * "junit,json" or ["junit", "json"] → formats; an unknown name is a usage error. `known` is what the caller
 * can write: a merge writes the file formats, a run every reporter registered with the engine.
 */
export function parseReportFormats<F extends string = ReportFileFormat>(
  spec: string | readonly string[],
  known: readonly F[] = REPORT_FILE_FORMATS as unknown as readonly F[],
): F[] {
  const names = (typeof spec === 'string' ? [spec] : spec)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  if (names.length === 0) throw new Error(`--report needs at least one of ${known.join(', ')}`)
  const out: F[] = []
  for (const n of names) {
    const f = n === 'markdown' ? 'md' : n === 'xml' ? 'junit' : n
    if (!(known as readonly string[]).includes(f))
      throw new Error(`unknown report format "${n}" (known: ${known.join(', ')})`)
    if (!out.includes(f as F)) out.push(f as F)
  }
  return out
}

export const REPORT_WRITERS: Readonly<Record<ReportFileFormat, (file: string, r: ConformanceReport) => void>> = {
  json: writeJsonReport,
  junit: writeJunitReport,
  md: writeMarkdownReport,
  html: writeHtmlReport,
}

/**
 * Writes every requested format into outDir; returns the files written, in format order. First adds each
 * failure group's diff from the replay bundles under outDir, in place: the console summary printed after
 * this shows the same report that was written.
 */
export function writeReports(
  outDir: string,
  report: ConformanceReport,
  formats: readonly ReportFileFormat[],
): string[] {
  attachDiffs(report, outDir)
  return formats.map((f) => {
    const file = join(outDir, REPORT_FILES[f])
    REPORT_WRITERS[f](file, report)
    return file
  })
}
