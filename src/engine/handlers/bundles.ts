// Writes a replay bundle for every property that failed (not for one cut short by an interrupt) and
// announces it (BundleWritten): the reports link it, the summary counts it. This run's bundles replace the
// last run's, since a stale bundle would read as a new failure; the folder is cleared once the committed
// regressions have been replayed (they may live in this very folder).
import { rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { bundleFromResult, writeBundle } from '../../harness/replay'
import type { Mode } from '../../harness/projection'
import type { EventHandler } from '../events'
import { replayLine } from '../reproduce'
import type { RunSettings } from '../run-settings'

export function bundlesFolder(s: Pick<RunSettings, 'out'>): string {
  return join(s.out, 'bundles')
}

export function bundleWriter(s: RunSettings, mode: Mode): EventHandler {
  const dir = bundlesFolder(s)
  let cleared = false
  const clear = () => {
    if (!cleared && resolve(s.regressions) !== resolve(dir)) rmSync(dir, { recursive: true, force: true })
    cleared = true
  }
  let target: Parameters<typeof bundleFromResult>[1] | undefined
  return {
    RunStarted: (e) => {
      target = e.target
    },
    PropertyStarted: clear,
    PropertyFinished: ({ property, result, report, interrupted }, emit) => {
      if (result.status !== 'failed' || interrupted || !target || !report.failure || property.bundles === false) return
      clear()
      const file = writeBundle(dir, bundleFromResult(result, target, mode, report.failure.reproduce))
      emit({
        type: 'BundleWritten',
        property: result.property,
        file,
        relative: relative(s.out, file),
        replay: replayLine(s, file),
      })
    },
    RunFinished: clear,
  }
}
