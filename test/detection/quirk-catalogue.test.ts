// Detection power, one seed per quirk: against a stub carrying each quirk of the catalogue, the default run's
// properties, in the run's order, at the run's settings (default mode with the rules committed recordings
// confirm, one seed), must fail naming a rule the quirk really breaks — also against a stub whose answers to
// the undocumented questions all differ from the reference model's. And the whole `conformance run` on the
// correct stub passes. Every quirk added to src/model/quirks.ts is picked up here with no edit.
// This is the harness's mutation score, asserted; the sweep over ten seeds per quirk, with time to kill, is
// bench/detection.ts (`npm run bench:detection`), and the correct stub over many seeds is bench/precision.ts.
import { describe, expect, it } from 'vitest'
import { ALL_PROPERTIES } from '../../src/engine/property-registry'
import { confirmedRules } from '../../src/choices/run-mode'
import { QUIRK_NAMES, QUIRKS, type QuirkName } from '../../src/model/quirks'
import { CHOICE_OPTIONS } from '../../src/spec'
import { probeImplementation } from '../../src/targets/implementation-probe'
import { probeFinding } from '../../src/engine/probe-finding'
import { createTarget } from '../../src/targets/create-target'
import { conformanceRunOnStub } from '../../bench/support/stub-run'

const SEED = 20261126
/** What `conformance run` asserts by default: not strict, plus the inferred rules live recordings confirmed. */
const MODE = {
  strict: false,
  confirmed: confirmedRules(),
  // the run's default model; the in-process stub is strongly consistent, so W only bounds how long an answer
  // that looks stale (a lost delete, a version not listed yet) is read again before it fails: 500 ms keeps every
  // failing shrinking step short
  consistency: { model: 'eventual' as const, windowMs: 500 },
}

/**
 * The run's steps one after another, as the engine runs them on a stub, until one fails citing a rule the
 * quirk breaks (wire quirks count R32/R33/R34 wire checks): the failures seen on the way, `property:rule`.
 * Stopping there is the only difference from a whole run, whose later properties cannot undo a failure.
 */
async function failuresUntilCaught(quirk: QuirkName, choices?: Record<string, string>): Promise<string[]> {
  const breaks = QUIRKS[quirk].breaks as readonly string[]
  const target = await createTarget({
    target: 'stub',
    stub: { modelOptions: { quirks: [quirk], ...(choices ? { choices } : {}) } },
  })
  const failed: string[] = []
  try {
    // as a run does: the implementation probe first (what it finds wrong is a failure like a property's)
    const finding = probeFinding(await probeImplementation(target), SEED, 0)
    if (finding) failed.push(`${finding.property}:${finding.failure!.rule}`)
    if (finding && breaks.includes(finding.failure!.rule)) return failed
    for (const prop of checkersFirst(breaks)) {
      const r = await prop.run(target, { seed: SEED, mode: MODE })
      if (r.status !== 'failed') continue
      failed.push(`${prop.id}:${r.failure!.rule}`)
      if (breaks.includes(r.failure!.rule)) break
    }
  } finally {
    await target.close()
  }
  return failed
}

/**
 * The run's properties, those that check a rule the quirk breaks first (each group in the run's order): a
 * passing property cannot hide a failure of another, and every sequence starts on a freshly reset stub, so
 * the order changes which property fails first, not whether one fails citing a broken rule; the properties
 * that check other rules pass on the way in the run's order and cost time for nothing here.
 */
function checkersFirst(breaks: readonly string[]) {
  const checks = (p: (typeof ALL_PROPERTIES)[number]) => p.rules.some((r) => breaks.includes(r))
  return [...ALL_PROPERTIES.filter(checks), ...ALL_PROPERTIES.filter((p) => !checks(p))]
}

function caughtByItsRules(quirk: QuirkName, failed: string[]): void {
  const breaks = QUIRKS[quirk].breaks as readonly string[]
  expect(
    failed.filter((f) => breaks.includes(f.split(':')[1]!)),
    `failed: ${failed.join(', ') || 'nothing'}`,
  ).not.toEqual([])
}

describe('every quirk in the catalogue is killed at default settings', () => {
  for (const quirk of QUIRK_NAMES) {
    it(`${quirk} (${QUIRKS[quirk].breaks.join(', ')})`, async () => {
      caughtByItsRules(quirk, await failuresUntilCaught(quirk))
    })
  }
})

/**
 * A stub that answers every undocumented question with its last option (none of them the model's default):
 * the harness has to learn those answers (src/choices/learn-during-run.ts) and must still see each bug.
 */
const OTHER_CHOICES = Object.fromEntries(
  Object.entries(CHOICE_OPTIONS).map(([name, options]) => [name, options[options.length - 1]!]),
)

describe('every quirk is still killed when the stub answers every open question differently', () => {
  for (const quirk of QUIRK_NAMES) {
    it(`${quirk} under non-default choices`, async () => {
      caughtByItsRules(quirk, await failuresUntilCaught(quirk, OTHER_CHOICES))
    })
  }
})

describe('the correct stub', () => {
  it('passes the whole `conformance run` (contracts included) with zero failures', async () => {
    const r = await conformanceRunOnStub(['--seed', '42'])
    expect(r.properties.filter((p) => p.status === 'failed').map((p) => p.id)).toEqual([])
    expect(r.properties.map((p) => p.id)).toEqual(ALL_PROPERTIES.map((p) => p.id))
    expect(r.code).toBe(0)
  })
})
