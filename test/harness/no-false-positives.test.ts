// The whole sequential property set passes against the correct stub, in default mode and in strict mode:
// the harness must not cry wolf. A deterministic slice (the first seeds of the sweep's list); the sweep over
// 20 seeds and 5 strict ones is bench/no-false-positives.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'
import { cleanStubFailures, cleanStubSeeds } from '../../bench/support/clean-stub-sweep'

let target: Target
beforeAll(async () => {
  target = await createTarget({ target: 'stub' })
})
afterAll(async () => target.close())

describe('no false positives on the correct stub', () => {
  for (const [strict, seeds] of [
    [false, 2],
    [true, 1],
  ] as const) {
    it(`all properties pass over ${seeds} seed(s) (${strict ? 'strict' : 'default'} mode)`, async () => {
      expect(await cleanStubFailures(target, cleanStubSeeds(seeds), strict, 25)).toEqual([])
    })
  }
})
