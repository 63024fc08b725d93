// The settings of a run (`conformance run`, the run API, the vitest suites that start the engine), read from
// a setting source (flags > environment > config file, src/cli/config.ts) and validated: an unusable value
// is a UsageError, one readable line.
import { packagePath } from '../package-files'
import { asBoolean, asDuration, asInteger, asList, asReportFormats, asShard, asString, type SettingSource } from '../cli/config'
import { UsageError } from '../cli/exit-codes'
import { DEFAULT_RECORDINGS } from '../cli/recording-commands'
import { targetSettings, type TargetSettings } from '../cli/target-settings'
import { DEFAULT_REPORTS, RUN_REPORT_FORMATS, type ReportFormat } from './handlers/reporters'
import type { Shard } from './property-set'

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
}

export function runSettings(src: SettingSource, randomSeed = () => Math.floor(Math.random() * 2 ** 31)): RunSettings {
  const get = (n: string) => src.get(n)
  const runs = get('runs') ? asInteger(get('runs')!, 1, UNBOUNDED_RUNS) : undefined
  const timeBudgetMs = get('timeBudget') ? asDuration(get('timeBudget')!) : undefined
  if (runs !== undefined && timeBudgetMs !== undefined) throw new UsageError(`${get('runs')!.source} and ${get('timeBudget')!.source} exclude each other: give a run count or a time budget`)
  const only = get('only') ? [...new Set(asList(get('only')!))] : undefined
  if (only && only.length === 0) throw new UsageError(`${get('only')!.source}: needs at least one property id`)
  return {
    ...targetSettings(src),
    seed: get('seed') ? asInteger(get('seed')!, 0, 2 ** 32 - 1) : randomSeed(),
    runs, timeBudgetMs, only,
    strict: get('strict') ? asBoolean(get('strict')!) : false,
    reports: get('report') ? asReportFormats(get('report')!, RUN_REPORT_FORMATS) : [...DEFAULT_REPORTS],
    out: get('out') ? asString(get('out')!) : DEFAULT_OUT,
    shard: get('shard') ? asShard(get('shard')!) : undefined,
    path: get('path') ? asString(get('path')!) : undefined,
    regressions: get('regressions') ? asString(get('regressions')!) : DEFAULT_REGRESSIONS,
    recordings: get('recordings') ? asString(get('recordings')!) : DEFAULT_RECORDINGS,
    choicesProfile: get('choicesProfile') ? asString(get('choicesProfile')!) : undefined,
    lanes: get('lanes') ? asInteger(get('lanes')!, 1, MAX_LANES) : undefined,
  }
}
