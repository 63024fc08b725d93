// The closing summary on the console (src/report/console-summary.ts), printed once the report files are
// written: it names them and the bundles this run wrote.
import { consoleSummary } from '../report/console-summary'
import type { ProgressStream } from '../report/progress'
import type { EventHandler } from '../engine/events'

export function consoleSummaryHandler(stream: ProgressStream, bundlesDir: string): EventHandler {
  const files: string[] = []
  let bundles = 0
  return {
    BundleWritten: () => {
      bundles++
    },
    ReportWritten: ({ file }) => {
      files.push(file)
    },
    // after RunFinished: by now every report file is written
    RunClosed: ({ report, stoppedBecause }) => {
      stream.write(
        consoleSummary(report, {
          reports: files,
          bundles: { dir: bundlesDir, count: bundles },
          ...(stoppedBecause ? { stoppedBecause } : {}),
        }) + '\n',
      )
    },
  }
}
