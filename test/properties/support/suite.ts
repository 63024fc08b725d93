// Runs one property as a vitest suite against the target chosen by CONFORMANCE_TARGET (default: the
// embedded stub), over CONFORMANCE_SEEDS (comma-separated) or a few fixed seeds. A live target that is not
// configured is skipped with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PropertyDef } from '../../../src/engine/property-types'
import { runProperty } from '../../../src/engine/runners/sequential'
import { createTarget, targetConfigFromEnv, TargetUnavailable } from '../../../src/targets/create-target'
import type { Target } from '../../../src/targets/target'

export function seedsFromEnv(): number[] {
  const raw = process.env.CONFORMANCE_SEEDS
  return raw ? raw.split(',').map((s) => Number(s.trim())) : [1, 2, 3]
}

export function propertySuite(def: PropertyDef): void {
  describe(`${def.id} (${def.rules.join(', ')}): ${def.title}`, () => {
    let target: Target | undefined
    let skip: string | undefined
    beforeAll(async () => {
      try {
        target = await createTarget(targetConfigFromEnv())
      } catch (e) {
        if (e instanceof TargetUnavailable && e.reason === 'not-configured') skip = e.message
        else throw e
      }
    })
    afterAll(async () => target?.close())
    for (const seed of seedsFromEnv()) {
      it(`holds for seed ${seed}`, async (ctx) => {
        if (skip) return ctx.skip(skip)
        const r = await runProperty(def, target!, { seed, mode: { strict: process.env.CONFORMANCE_STRICT === 'true' } })
        expect(r.failure?.message ?? '', r.report).toBe('')
        expect(r.status).toBe('passed')
        expect(r.commandsExecuted).toBeGreaterThan(r.numRuns) // the runs really executed commands
      })
    }
  })
}
