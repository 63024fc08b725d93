// The mode of a run: strict or default, the inferred rules committed live recordings confirm, and the
// choices a calibrated profile settled. `--choices-profile FILE` for `run` (and `--choices FILE` for `serve`)
// is a profile written by `conformance calibrate`. The reference model serves its settled values in every mode (it is the best knowledge of
// the target there is); in strict mode the rules resting only on settled choices are asserted too, as if a
// live recording had confirmed them (src/spec/rules.ts isAsserted), so the target is held to the values
// the recording showed. A bad file is a usage error (exit 2), one line.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { confirmedByLiveRecordings, readRecording } from '../harness/recording'
import type { Mode } from '../harness/projection'
import { packagePath } from '../package-files'
import { profileChoices, readChoicesProfile, rulesSettledBy, type ChoicesProfile } from './profile'
import { UsageError } from '../exit-codes'

export function loadProfile(file: string, source: string): ChoicesProfile {
  try {
    return readChoicesProfile(file)
  } catch (e) {
    throw new UsageError(`${source}: ${(e as Error).message.split('\n')[0]}`)
  }
}

/** The run's mode with the profile applied (unchanged without one). */
export function withChoicesProfile<M extends Mode>(mode: M, file: string | undefined): M & Pick<Mode, 'choices'> {
  if (!file) return mode
  const profile = loadProfile(file, '--choices-profile')
  const confirmed = new Set(mode.confirmed ?? [])
  if (mode.strict) for (const id of rulesSettledBy(profile)) confirmed.add(id)
  return { ...mode, confirmed, choices: profileChoices(profile) }
}

/** The recordings committed with the package (found relative to it). */
export const DEFAULT_RECORDINGS = packagePath('fixtures/recordings')

/** Rules confirmed by the live-AWS recordings committed in `dir` (none when the folder is absent). */
export function confirmedRules(dir = DEFAULT_RECORDINGS): Set<string> {
  if (!existsSync(dir)) return new Set()
  const recordings = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readRecording(join(dir, f)))
  return confirmedByLiveRecordings(recordings)
}
