// `--choices-profile FILE` for `run` (and `--choices FILE` for `serve`): a profile written by `conformance
// calibrate`. The reference model serves its settled values in every mode (it is the best knowledge of
// the target there is); in strict mode the rules resting only on settled choices are asserted too, as if a
// live recording had confirmed them (src/spec/rules.ts isAsserted), so the target is held to the values
// the recording showed. A bad file is a usage error (exit 2), one line.
import type { Mode } from '../harness/projection'
import { profileChoices, readChoicesProfile, rulesSettledBy, type ChoicesProfile } from '../spec/choices-profile'
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
