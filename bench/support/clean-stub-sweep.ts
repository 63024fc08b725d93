// The correct stub over seeds: the whole sequential property set must pass on every one, in default and in
// strict mode (the harness must not cry wolf). Used by test/harness/no-false-positives.test.ts (a few seeds)
// and bench/no-false-positives.ts (the sweep).
import { runProperty } from '../../src/engine/runners/sequential'
import { SEQUENTIAL_PROPERTIES } from '../../src/properties'
import type { Target } from '../../src/targets/target'

/** The i-th seed of the sweep: the same list whichever slice of it runs. */
export function cleanStubSeeds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 1000 + i * 7919)
}

/** Each property that did not pass, with its seed, rule and message (empty when all passed). */
export async function cleanStubFailures(
  target: Target,
  seeds: readonly number[],
  strict: boolean,
  numRuns: number,
): Promise<string[]> {
  const failures: string[] = []
  for (const seed of seeds) {
    for (const def of SEQUENTIAL_PROPERTIES) {
      const r = await runProperty(def, target, { seed, numRuns, mode: { strict } })
      if (r.status !== 'passed') failures.push(`${def.id} seed ${seed}: ${r.failure?.rule} ${r.failure?.message}`)
    }
  }
  return failures
}
