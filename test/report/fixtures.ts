// Reports of real runs, committed so rendering tests need no run (how each was made: fixtures/README.md),
// and one built from them: `consistency`, observed consistency on top of the clean run (consistency-fixture.ts).
import { readFileSync } from 'node:fs'
import type { ConformanceReport } from '../../src/report/report-types'
import { consistencyReport } from './consistency-fixture'

export const FIXTURES = {
  /** `run --target stub --seed 7`: everything passes. */
  clean: 'stub-clean.report.json',
  /** the same with three planted quirks: checksum-not-checked, list-versions-ascending, missing-view-wrong-class. */
  quirks: 'stub-three-quirks.report.json',
  /** `report merge` of the clean stub run and an endpoint run against a stub server with two quirks. */
  merged: 'merged-stub-emulator.report.json',
  /** a run against moto's server (no view operations), with the not-implemented verdicts filled in by hand. */
  moto: 'moto-unimplemented.report.json',
} as const

/**
 * A fixture name: a committed report, or `consistency` (the clean run as a strongly consistent stub beside an
 * eventually consistent emulator, 2 s window).
 */
export type FixtureName = keyof typeof FIXTURES | 'consistency'

export function fixture(name: FixtureName): ConformanceReport {
  if (name === 'consistency') return consistencyReport(fixture('clean'))
  return JSON.parse(readFileSync(new URL(`./fixtures/${FIXTURES[name]}`, import.meta.url), 'utf8')) as ConformanceReport
}
