// `conformance run`: the settings are parsed (src/engine/run-settings.ts) and the engine runs
// (src/engine/run.ts); everything a run does and writes is there and in its event handlers.
import { runConformance, type RunIo } from '../engine/run'
import type { RunSettings } from '../engine/run-settings'

export { DEFAULT_OUT, DEFAULT_REGRESSIONS, runSettings, type RunSettings } from '../engine/run-settings'
export type { RunIo } from '../engine/run'

export function runCommand(s: RunSettings, io: RunIo): Promise<number> {
  return runConformance(s, io)
}
