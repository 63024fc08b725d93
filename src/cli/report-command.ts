// `conformance report merge a.json b.json … [--out DIR]`: one matrix from the JSON reports of several
// targets and shards, with every format regenerated from the merged document.
import { consoleSummary } from '../report/console-summary'
import { DuplicateInputError, mergeReports, readReportFile } from '../report/merge'
import { writeReports, type ReportFileFormat } from '../report/write-reports'
import { EXIT, UsageError } from '../exit-codes'
import { PROPERTY_IDS } from '../engine/property-registry'

export const DEFAULT_MERGE_OUT = 'out/merged'

export function reportMergeCommand(
  files: readonly string[],
  opts: { out: string; reports: ReportFileFormat[] },
  io: { out: (text: string) => void; warn: (line: string) => void },
): number {
  if (files.length === 0) throw new UsageError('report merge: give at least one JSON report')
  const inputs = files.map((f) => {
    try {
      return readReportFile(f)
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
  })
  let merged: ReturnType<typeof mergeReports>
  try {
    merged = mergeReports(inputs, opts.out, { order: PROPERTY_IDS })
  } catch (e) {
    if (e instanceof DuplicateInputError) throw new UsageError(`report merge: ${e.message}`)
    throw e
  }
  const { report, warnings } = merged
  for (const w of warnings) io.warn(`conformance: ${w}`)
  const written = writeReports(opts.out, report, opts.reports)
  io.out(consoleSummary(report, { reports: written }))
  // Merging succeeded; the verdicts are in the reports (each target's own job carries its exit code).
  return EXIT.ok
}
