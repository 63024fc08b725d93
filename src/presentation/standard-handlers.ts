// What a run shows and writes, subscribed to the engine's events: progress on the console, a replay bundle per
// failure, each requested report file, the closing summary. The CLI and the run API start every run through
// runWithStandardHandlers; the engine itself (src/engine/run.ts) draws and writes nothing.
import type { EventHandler } from '../engine/events'
import { runEngine, type RunIo } from '../engine/run'
import type { RunSettings } from '../engine/run-settings'
import { bundlesFolder, bundleWriter } from './bundles'
import { consoleSummaryHandler } from './console-summary'
import { progressHandler } from './progress'
import { REPORTERS } from './reporters'

/** The handlers a run registers from its settings: progress, bundles, each requested report, the summary. */
export function standardHandlers(s: RunSettings, io: RunIo): EventHandler[] {
  return [
    progressHandler(io.stdout),
    bundleWriter(s),
    ...s.reports.map((format) => REPORTERS[format](s.out)),
    consoleSummaryHandler(io.stdout, bundlesFolder(s)),
  ]
}

/** A whole run with the standard handlers, then `extra` ones; answers its exit code. */
export function runWithStandardHandlers(
  s: RunSettings,
  io: RunIo,
  extra: readonly EventHandler[] = [],
): Promise<number> {
  return runEngine(s, io, [...standardHandlers(s, io), ...extra])
}
