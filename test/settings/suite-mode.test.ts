// The vitest property suites run in the mode the settings name: with CONFORMANCE_STRICT=1 every property
// run gets { strict: true } (observed through a stand-in for runProperty), with nothing set the default mode.
import { describe, expect, it } from 'vitest'
import type { SequentialProperty, PropertyResult } from '../../src/harness/property-types'
import type { runProperty } from '../../src/engine/runners/sequential'
import { deleteSemantics } from '../../src/properties/delete'
import { suiteSettings } from '../../src/settings'
import { propertySuite } from '../properties/support/suite'

const seen: { label: string; seed: number; strict: boolean }[] = []

function recordingRun(label: string): typeof runProperty {
  return async (def: SequentialProperty, _target, opts) => {
    seen.push({ label, seed: opts.seed, strict: opts.mode?.strict ?? false })
    return {
      property: def.id,
      title: def.title,
      rules: def.rules,
      status: 'passed',
      seed: opts.seed,
      numRuns: 1,
      commandsExecuted: 2,
      durationMs: 0,
    } as PropertyResult
  }
}

propertySuite(
  deleteSemantics,
  suiteSettings({ CONFORMANCE_STRICT: '1', CONFORMANCE_SEEDS: '11,12' }),
  recordingRun('strict'),
)
propertySuite(deleteSemantics, suiteSettings({}), recordingRun('default'))

describe('the mode the suites passed', () => {
  it('CONFORMANCE_STRICT=1: strict for every seed; unset: default mode', () => {
    expect(seen).toEqual([
      { label: 'strict', seed: 11, strict: true },
      { label: 'strict', seed: 12, strict: true },
      { label: 'default', seed: 1, strict: false },
    ])
  })
})
