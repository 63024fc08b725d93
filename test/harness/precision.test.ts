// Precision, the fast slice (the full sweep is bench/precision.ts): the complete default-mode run over HTTP
// against stubs that answer the undocumented questions differently from the reference model must report
// zero failures — a handful of full combinations that together serve every value of every choice (Pact
// interactions that still pin an open value are listed in CONTRACT_PINS and counted apart). And the
// learning that makes this possible must not swallow what a mode asserts: strict mode holds R26.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { monotonicVersions } from '../../src/properties/monotonic-versions'
import { PROPERTY_IDS } from '../../src/engine/property-registry'
import { runProperty } from '../../src/engine/runners/sequential'
import { CHOICE_OPTIONS, type ChoiceName } from '../../src/spec'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'
import { describeChoices, oneAtATime, pairwiseCombinations, runCase } from '../../bench/support/precision-sweep'

process.env.PACT_DO_NOT_TRACK = 'true'
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const NAMES = Object.keys(CHOICE_OPTIONS) as ChoiceName[]

/** The fewest combinations of the pairwise set that serve every value of every choice at least once. */
function everyValueOnce(seed: number) {
  const all = pairwiseCombinations(seed, 0)
  const missing = new Set(NAMES.flatMap((n) => CHOICE_OPTIONS[n].map((v) => `${n}=${v}`)))
  const chosen = []
  while (missing.size > 0) {
    const best = all.reduce((a, b) =>
      NAMES.filter((n) => missing.has(`${n}=${b[n]}`)).length > NAMES.filter((n) => missing.has(`${n}=${a[n]}`)).length
        ? b
        : a,
    )
    for (const n of NAMES) missing.delete(`${n}=${best[n]}`)
    chosen.push(best)
  }
  return chosen
}

describe('sweep sets', () => {
  it('one-at-a-time serves every non-default value; the pairwise set covers every pair of values of two choices', () => {
    const values = NAMES.reduce((n, name) => n + CHOICE_OPTIONS[name].length - 1, 0)
    expect(oneAtATime()).toHaveLength(values)
    const combos = pairwiseCombinations(20261130, 30)
    expect(combos.length).toBeGreaterThanOrEqual(30)
    for (const [i, a] of NAMES.entries()) {
      for (const b of NAMES.slice(i + 1)) {
        for (const x of CHOICE_OPTIONS[a])
          for (const y of CHOICE_OPTIONS[b]) {
            expect(
              combos.some((c) => c[a] === x && c[b] === y),
              `${a}=${x} with ${b}=${y}`,
            ).toBe(true)
          }
      }
    }
  })
})

describe('zero false positives on stubs serving other legal choices (over HTTP)', () => {
  const combos = everyValueOnce(20261130)
  for (const [i, choices] of combos.entries()) {
    // contract verification does not depend on the seed or the choices' order: it runs with the first set
    it(`combination ${i + 1}/${combos.length}: the default run reports no failure`, async () => {
      const v = await runCase({
        label: describeChoices(choices),
        choices,
        seed: 42 + i,
        runs: 4,
        // the stub is strongly consistent: an answer that differs from the model's (an open question answered
        // otherwise) is read again until the window W ends and comes back the same, so a short W changes no
        // verdict, only how long each such read waits (bench/precision.ts runs at the default 5 s)
        convergence: '500ms',
        ...(i === 0 ? {} : { only: PROPERTY_IDS.filter((p) => p !== 'contracts') }),
      })
      expect(v.failures, describeChoices(choices)).toEqual([])
      // a Pact interaction that pins a value these choices answer otherwise fails the run (CONTRACT_PINS)
      expect(v.exitCode).toBe(v.pinnedContractFailures.length ? 1 : 0)
    }, 120_000)
  }
})

describe('what a mode asserts is not learned away', () => {
  let target: Target
  beforeAll(async () => {
    target = await createTarget({
      target: 'stub',
      stub: { modelOptions: { choices: { versionNumbering: 'reuse-after-highest-deleted' } } },
    })
  })
  afterAll(async () => target.close())

  it('R26 default mode accepts a number reissued after the highest version was deleted; strict mode reports it', async () => {
    const lenient = await runProperty(monotonicVersions, target, {
      seed: 20261126,
      numRuns: 100,
      mode: { strict: false },
    })
    expect(lenient.status).toBe('passed')
    const strict = await runProperty(monotonicVersions, target, {
      seed: 20261126,
      numRuns: 100,
      mode: { strict: true },
    })
    expect(strict.status).toBe('failed')
    expect(['R26', 'R26a']).toContain(strict.failure!.rule)
  }, 60_000)
})
