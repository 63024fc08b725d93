// Calibration against a target the model did not produce: the alternative emulator (test/support/alt-emulator,
// written from the API reference, answers that differ from the model's defaults and by context). One recording
// of the calibration plan must settle no choice wrongly, and the stub serving the profile must answer an
// independent seeded sequence (parity --sequence) alike at least 95 % of the time — far more than uncalibrated.
// What stays different is the AWS-managed views' content (each implementation has its own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parityCommands } from '../../src/cli/recording-commands'
import { calibrate } from '../../src/choices/calibrate-from-recordings'
import { record } from '../../src/harness/recording'
import { sequenceParity } from '../../src/harness/sequence-parity'
import { CALIBRATION_PLAN, NOT_OBSERVABLE } from '../../src/properties/calibration-plan'
import type { ChoicesProfile } from '../../src/choices/profile'
import { startStubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import { expectedChoices } from '../support/alt-emulator/expected-choices'
import { startAltEmulator, type AltEmulator } from '../support/alt-emulator/server'

let alt: AltEmulator
let profile: ChoicesProfile
beforeAll(async () => {
  alt = await startAltEmulator({ answers: 'A' })
  const target = await createTarget({ target: alt.url })
  try {
    profile = await calibrate([{ file: 'alt-A.json', recording: await record(target, CALIBRATION_PLAN, 1) }])
  } finally {
    await target.close()
  }
}, 180_000)
afterAll(() => alt?.close())

async function alike(choicesProfile: ChoicesProfile | undefined): Promise<number> {
  const stub = await startStubServer({ coreOptions: choicesProfile ? { choicesProfile } : {} })
  const a = await createTarget({ target: stub.url })
  const b = await createTarget({ target: alt.url })
  try {
    const p = await sequenceParity(a, b, parityCommands(11, 150), 11)
    return p.alike / p.steps
  } finally {
    await a.close()
    await b.close()
    await stub.close()
  }
}

describe('calibration against the alternative emulator (answer set A)', () => {
  it('settles no choice wrongly, and leaves unsettled only what it cannot see', () => {
    const truth = expectedChoices(alt.answers) as Record<string, string>
    const wrong = Object.entries(profile.settled)
      .filter(([name, s]) => s.value !== truth[name])
      .map(([name, s]) => `${name}=${s.value} (the emulator: ${truth[name]})`)
    expect(wrong).toEqual([])
    for (const u of profile.unsettled) {
      expect(u.reason, `${u.choice}: ${u.detail}`).toBe('no-evidence')
      expect(u.candidates).toContain(truth[u.choice])
    }
    // what the plan cannot see, plus what this emulator's other answers hide (its lists never mix types)
    expect(profile.unsettled.map((u) => u.choice).sort()).toEqual(
      [...Object.keys(NOT_OBSERVABLE), 'listViewsTypeOrder'].sort(),
    )
  })

  it('the calibrated stub answers an independent sequence alike ≥ 95 %, the uncalibrated one far less', async () => {
    const calibrated = await alike(profile)
    const uncalibrated = await alike(undefined)
    expect(calibrated).toBeGreaterThanOrEqual(0.95)
    expect(uncalibrated).toBeLessThan(0.5)
  }, 120_000)
})
