// The settings of a run (`conformance run`, the run API, the vitest suites that start the engine), read from
// a setting source (flags > environment > config file, src/settings/) and validated: an unusable value
// is a UsageError, one readable line.
import { UsageError } from '../exit-codes'
import { packagePath } from '../package-files'
import {
  asBoolean,
  asDuration,
  asInteger,
  asList,
  asReportFormats,
  asSeed,
  asShard,
  asString,
  targetSettings,
  type SettingSource,
  type Shard,
  type TargetSettings,
} from '../settings'
import { DEFAULT_RECORDINGS } from '../choices/run-mode'
import { ExpectationsError, readExpectations, type ExpectationsFile } from '../expectations/expectations-file'
import { DEFAULT_REPORTS, RUN_REPORT_FORMATS, type ReportFormat } from '../report/write-reports'
import { PROPERTY_IDS } from './property-registry'

export const DEFAULT_OUT = 'out'
/** The bundles committed with the package (found relative to it, not to the current folder). */
export const DEFAULT_REGRESSIONS = packagePath('fixtures/regressions')
/** With a time budget the budget ends a property, not a run count. */
export const UNBOUNDED_RUNS = 1_000_000

/** More lanes than exploring properties buys nothing. */
const MAX_LANES = 16

export interface RunSettings extends TargetSettings {
  seed: number
  runs?: number
  timeBudgetMs?: number
  strict: boolean
  only?: string[]
  reports: ReportFormat[]
  out: string
  shard?: Shard
  path?: string
  regressions: string
  /** Folder of recordings; those made against live AWS confirm inferred rules. */
  recordings: string
  /** A calibrated choices profile: the model serves it, strict mode asserts what it settled. */
  choicesProfile?: string
  /** Exploring properties run at once on a rate-limited target (absent: the engine's default, defaultLanes). */
  lanes?: number
  /** The target's known outcomes: only unexpected results fail the run. */
  expectations?: ExpectationsFile
  /** With expectations: an unexpected pass is a warning, not a failure. */
  allowUnexpectedPass: boolean
}

export function runSettings(src: SettingSource, randomSeed = () => Math.floor(Math.random() * 2 ** 31)): RunSettings {
  const runs = src.parsed('runs', (s) => asInteger(s, 1, UNBOUNDED_RUNS))
  const timeBudgetMs = src.parsed('timeBudget', asDuration)
  if (runs !== undefined && timeBudgetMs !== undefined)
    throw new UsageError(
      `${src.get('runs')!.source} and ${src.get('timeBudget')!.source} exclude each other: give a run count or a time budget`,
    )
  const only = src.parsed('only', (s) => [...new Set(asList(s))])
  if (only && only.length === 0) throw new UsageError(`${src.get('only')!.source}: needs at least one property id`)
  return {
    ...targetSettings(src),
    seed: src.parsed('seed', asSeed) ?? randomSeed(),
    runs,
    timeBudgetMs,
    only,
    strict: src.parsed('strict', asBoolean) ?? false,
    reports: src.parsed('report', (s) => asReportFormats(s, RUN_REPORT_FORMATS)) ?? [...DEFAULT_REPORTS],
    out: src.parsed('out', asString) ?? DEFAULT_OUT,
    shard: src.parsed('shard', asShard),
    path: src.parsed('path', asString),
    regressions: src.parsed('regressions', asString) ?? DEFAULT_REGRESSIONS,
    recordings: src.parsed('recordings', asString) ?? DEFAULT_RECORDINGS,
    choicesProfile: src.parsed('choicesProfile', asString),
    lanes: src.parsed('lanes', (v) => asInteger(v, 1, MAX_LANES)),
    expectations: src.parsed('expectations', (v) => {
      try {
        return readExpectations(asString(v), PROPERTY_IDS)
      } catch (e) {
        if (e instanceof ExpectationsError) throw new UsageError(`${v.source}: ${e.message}`)
        throw e
      }
    }),
    allowUnexpectedPass: src.parsed('allowUnexpectedPass', asBoolean) ?? false,
  }
}
