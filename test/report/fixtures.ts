// Reports of real runs, committed so rendering tests need no run (how each was made: fixtures/README.md).
import { readFileSync } from 'node:fs'
import type { ConformanceReport } from '../../src/report/report-types'

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

export function fixture(name: keyof typeof FIXTURES): ConformanceReport {
  return JSON.parse(readFileSync(new URL(`./fixtures/${FIXTURES[name]}`, import.meta.url), 'utf8')) as ConformanceReport
}
