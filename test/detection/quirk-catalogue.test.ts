// Detection power: `conformance run` (in-process, default settings) against a stub carrying each quirk of
// the catalogue must fail, naming a rule the quirk really breaks; against the correct stub it must pass
// over several seeds. This is the harness's mutation score, asserted — also against a stub whose answers to
// the undocumented questions all differ from the reference model's.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { SEQUENTIAL_PROPERTIES } from '../../src/properties'
import { runConcurrencyProperty } from '../../src/engine/runners/concurrent'
import { runProperty } from '../../src/engine/runners/sequential'
import { QUIRK_NAMES, QUIRKS } from '../../src/model/quirks'
import { CHOICE_OPTIONS } from '../../src/spec'
import { createTarget } from '../../src/targets/create-target'

interface TargetReport {
  properties: { id: string; status: string; failure?: { rule: string } }[]
}

async function conformanceRun(
  args: string[],
): Promise<{ code: number; failedRules: string[]; failedProperties: string[] }> {
  const out = mkdtempSync(join(tmpdir(), 'cvc-detect-'))
  const code = await main([
    'node',
    'conformance',
    'run',
    '--target',
    'stub',
    '--report',
    'json',
    '--out',
    out,
    '--regressions',
    join(out, 'none'),
    // The in-process stub is strongly consistent, so W only bounds how long an answer that looks stale (a lost
    // delete, a version not listed yet) is read again before it fails; 500 ms keeps every shrinking step short.
    '--convergence',
    '500ms',
    ...args,
  ])
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { targets: TargetReport[] }
  const failed = report.targets[0].properties.filter((p) => p.status === 'failed')
  return {
    code,
    failedRules: [...new Set(failed.map((p) => p.failure!.rule))],
    failedProperties: failed.map((p) => p.id),
  }
}

describe('every quirk in the catalogue is killed at default settings', () => {
  for (const quirk of QUIRK_NAMES) {
    it(`${quirk} (${QUIRKS[quirk].breaks.join(', ')})`, async () => {
      const r = await conformanceRun(['--quirk', quirk, '--seed', '20261126'])
      expect(r.code).toBe(1)
      // the rule that caught it is one the quirk breaks (R32/R33/R34 wire checks count for wire quirks)
      expect(
        r.failedRules.filter((x) => (QUIRKS[quirk].breaks as readonly string[]).includes(x)),
        `caught by ${r.failedProperties.join(', ')} citing ${r.failedRules.join(', ')}`,
      ).not.toEqual([])
    }, 120_000) // a quirk that looks like staleness waits W on every failing shrinking step
  }
})

/**
 * A stub that answers every undocumented question with its last option (none of them the model's default):
 * the harness has to learn those answers (src/harness/choice-learning.ts) and must still see each bug.
 */
const OTHER_CHOICES = Object.fromEntries(
  Object.entries(CHOICE_OPTIONS).map(([name, options]) => [name, options[options.length - 1]]),
)

describe('every quirk is still killed when the stub answers every open question differently', () => {
  for (const quirk of QUIRK_NAMES) {
    it(`${quirk} under non-default choices`, async () => {
      const target = await createTarget({
        target: 'stub',
        stub: { modelOptions: { quirks: [quirk], choices: OTHER_CHOICES } },
      })
      try {
        const mode = { strict: false }
        const breaks = QUIRKS[quirk].breaks as readonly string[]
        const failed: string[] = []
        // as above: some failure cites a rule the quirk really breaks (the first such one ends the search)
        for (const def of SEQUENTIAL_PROPERTIES) {
          const r = await runProperty(def, target, { seed: 20261126, mode })
          if (r.status === 'failed') failed.push(`${def.id}:${r.failure!.rule}`)
          if (r.status === 'failed' && breaks.includes(r.failure!.rule)) break
        }
        if (!failed.some((f) => breaks.includes(f.split(':')[1]!))) {
          const c = await runConcurrencyProperty(target, { seed: 20261126, mode })
          if (c.status === 'failed') failed.push(`${c.property}:${c.failure!.rule}`)
        }
        expect(
          failed.filter((f) => breaks.includes(f.split(':')[1]!)),
          `failed: ${failed.join(', ')}`,
        ).not.toEqual([])
      } finally {
        await target.close()
      }
    })
  }
})

describe('the correct stub', () => {
  it('passes the whole run over several seeds with zero failures', async () => {
    for (const seed of [1, 7, 42, 1234, 99999]) {
      const r = await conformanceRun(['--seed', String(seed)])
      expect(r.failedProperties, `seed ${seed}`).toEqual([])
      expect(r.code).toBe(0)
    }
  }, 180_000) // five whole runs, contracts included: well over a minute on a busy 2-core machine
})
