// The whole sequential property set passes against the correct stub over 20 seeds (default mode), and
// over a few seeds in strict mode: the harness must not cry wolf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEQUENTIAL_PROPERTIES } from '../../src/properties'
import { runProperty } from '../../src/engine/runners/sequential'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

let target: Target
beforeAll(async () => {
  target = await createTarget({ target: 'stub' })
})
afterAll(async () => target.close())

describe('no false positives on the correct stub', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => 1000 + i * 7919)
  for (const strict of [false, true]) {
    it(`all properties pass over ${strict ? 5 : 20} seeds (${strict ? 'strict' : 'default'} mode)`, async () => {
      const failures: string[] = []
      for (const seed of strict ? seeds.slice(0, 5) : seeds) {
        for (const def of SEQUENTIAL_PROPERTIES) {
          const r = await runProperty(def, target, { seed, numRuns: 25, mode: { strict } })
          if (r.status !== 'passed') failures.push(`${def.id} seed ${seed}: ${r.failure?.rule} ${r.failure?.message}`)
        }
      }
      expect(failures).toEqual([])
    })
  }
})
