// The report files a run writes when it ends (JSON, JUnit, Markdown and HTML matrix): one handler per
// format, each announcing the file it wrote. The same writers serve `report merge` (src/report/write-reports.ts).
import { join } from 'node:path'
import { REPORT_FILES, REPORT_WRITERS, type ReportFileFormat } from '../report/write-reports'
import type { EventHandler } from '../engine/events'

export function reportFileWriter(format: ReportFileFormat): (out: string) => EventHandler {
  return (out) => ({
    RunFinished: ({ report }, emit) => {
      const file = join(out, REPORT_FILES[format])
      REPORT_WRITERS[format](file, report)
      emit({ type: 'ReportWritten', format, file })
    },
  })
}
