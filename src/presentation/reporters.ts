// Every report format `--report` accepts, each an event handler writing into the output folder. Adding a
// reporter: one handler file, one line here, its name in RUN_REPORT_FORMATS (src/report/write-reports.ts).
import type { EventHandler } from '../engine/events'
import type { ReportFormat } from '../report/write-reports'
import { reportFileWriter } from './report-files'
import { tapReporter } from './tap-reporter'

export const REPORTERS = {
  json: reportFileWriter('json'),
  junit: reportFileWriter('junit'),
  md: reportFileWriter('md'),
  html: reportFileWriter('html'),
  tap: tapReporter,
} satisfies Record<ReportFormat, (out: string) => EventHandler>
