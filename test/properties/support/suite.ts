// Runs one property as a vitest suite against the target the settings name (src/settings/suite-settings.ts:
// CONFORMANCE_TARGET, default the embedded stub; CONFORMANCE_STRICT; CONFORMANCE_SEEDS, default 1 —
// the same variables, with the same meanings, as `conformance run`). A live target that is not configured
// is skipped with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SequentialProperty } from '../../../src/harness/property-types'
import { runProperty } from '../../../src/engine/runners/sequential'
import { suiteSettings, type SuiteSettings } from '../../../src/settings'
import { createTarget, TargetUnavailable } from '../../../src/targets/create-target'
import type { Target } from '../../../src/targets/target'

/** `run` is runProperty; a test of the suite itself passes a recording stand-in. */
export function propertySuite(
  def: SequentialProperty,
  settings: SuiteSettings = suiteSettings(),
  run: typeof runProperty = runProperty,
): void {
  describe(`${def.id} (${def.rules.join(', ')}): ${def.title}`, () => {
    let target: Target | undefined
    let skip: string | undefined
    beforeAll(async () => {
      try {
        target = await createTarget(settings.target)
      } catch (e) {
        if (e instanceof TargetUnavailable && e.reason === 'not-configured') skip = e.message
        else throw e
      }
    })
    afterAll(async () => target?.close())
    for (const seed of settings.seeds) {
      it(`holds for seed ${seed}`, async (ctx) => {
        if (skip) return ctx.skip(skip)
        const r = await run(def, target!, { seed, mode: settings.mode })
        expect(r.failure?.message ?? '', r.report).toBe('')
        expect(r.status).toBe('passed')
        expect(r.commandsExecuted).toBeGreaterThan(r.numRuns) // the runs really executed commands
      })
    }
  })
}
