// Writes a replay bundle for every property that failed (not for one cut short by an interrupt) and
// announces it (BundleWritten): the reports link it, the summary counts it, and at the end each failure
// group's diff is read from its bundle into the report. This run's bundles replace the
// last run's, since a stale bundle would read as a new failure; the folder is cleared once the committed
// regressions have been replayed (they may live in this very folder).
import { rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { bundleFromResult, writeBundle } from '../harness/replay'
import { attachDiffs } from '../report/failure-groups'
import type { EventHandler, EventOf } from '../engine/events'
import { replayLine } from '../engine/reproduce'
import type { RunSettings } from '../engine/run-settings'

export function bundlesFolder(s: Pick<RunSettings, 'out'>): string {
  return join(s.out, 'bundles')
}

export function bundleWriter(s: RunSettings): EventHandler {
  const dir = bundlesFolder(s)
  let cleared = false
  const clear = () => {
    if (!cleared && resolve(s.regressions) !== resolve(dir)) rmSync(dir, { recursive: true, force: true })
    cleared = true
  }
  let run: Pick<EventOf<'RunStarted'>, 'target' | 'mode'> | undefined
  return {
    RunStarted: (e) => {
      run = e
    },
    PropertyStarted: clear,
    PropertyFinished: ({ bundles, result, report, interrupted }, emit) => {
      if (result.status !== 'failed' || interrupted || !run || !report.failure || !bundles) return
      clear()
      const file = writeBundle(dir, bundleFromResult(result, run.target, run.mode, report.failure.reproduce))
      emit({
        type: 'BundleWritten',
        property: result.property,
        file,
        relative: relative(s.out, file),
        replay: replayLine(s, file),
      })
    },
    // each failure group's diff, from the bundles written, before the report files and the summary are
    // written from the same report (this handler is registered before them)
    RunFinished: ({ report }) => {
      clear()
      attachDiffs(report, s.out)
    },
  }
}
