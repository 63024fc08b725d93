// The exit code of a finished run (src/exit-codes.ts): 1 when a target FAILED, 0 otherwise; held against an
// expectations file, 1 only for an unexpected failure, or an unexpected pass unless --allow-unexpected-pass.
import { EXIT } from '../exit-codes'
import { hasFailures } from '../report/json-report'
import type { ConformanceReport } from '../report/report-types'
import { unexpectedCount } from './evaluate'

export function runExitCode(report: ConformanceReport): number {
  const failed = report.targets.some((t) =>
    t.expectations ? unexpectedCount(t.expectations) > 0 : hasFailures({ ...report, targets: [t] }),
  )
  return failed ? EXIT.failures : EXIT.ok
}
