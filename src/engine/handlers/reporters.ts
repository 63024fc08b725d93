// Every report format `--report` accepts, each an event handler writing into the output folder. Adding a
// reporter: one handler file, one line here.
import type { EventHandler } from '../events'
import { reportFileWriter } from './report-files'
import { tapReporter } from './tap-reporter'

export const REPORTERS = {
  json: reportFileWriter('json'),
  junit: reportFileWriter('junit'),
  md: reportFileWriter('md'),
  html: reportFileWriter('html'),
  tap: tapReporter,
} satisfies Record<string, (out: string) => EventHandler>

export type ReportFormat = keyof typeof REPORTERS
export const RUN_REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[]
/** Written when --report is not given. */
export const DEFAULT_REPORTS: readonly ReportFormat[] = ['json', 'junit', 'md', 'html']
