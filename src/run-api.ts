// The run API of the library: `conformance run` called from code. Options are the command's flags in
// camelCase (quirks/reports as arrays); the environment and a config file still apply below them, exactly as
// for the command line (flags win over env, env over the file). The answer is the command's exit code
// (src/exit-codes.ts: 0 passed, 1 conformance failures, 3 target unreachable, 130/143 interrupted) with the JSON report it
// wrote; a bad option throws a ConformanceUsageError with the line the command would have printed.
import { UsageError } from './exit-codes'
import { main } from './cli/main'
import type { EventHandler } from './engine/events'
import type { RunIo } from './engine/run'
import { runWithStandardHandlers } from './presentation/standard-handlers'
import { runSettings } from './engine/run-settings'
import { settingSource, type RawSettings } from './settings'
import type { ConformanceReport } from './report/report-types'
import type { ReportFormat } from './report/write-reports'

export { UsageError as ConformanceUsageError }

export interface RunOptions {
  /** 'stub' (default), 'aws', or an http(s) endpoint URL. */
  target?: string
  instanceId?: string
  region?: string
  profile?: string
  seed?: number
  runs?: number
  /** e.g. '10s', '5m' (instead of runs). */
  timeBudget?: string
  strict?: boolean
  only?: string[]
  /** Stub only: named deviations (QUIRK_NAMES). */
  quirks?: string[]
  /** Default all: json, junit, md, html. */
  reports?: ReportFormat[]
  /** Report folder, default 'out'. */
  out?: string
  /** 'i/n' */
  shard?: string
  /** Regression bundles replayed first; default the ones shipped with the package. */
  regressions?: string
  /** Recordings whose confirmed rules are asserted; default the ones shipped with the package. */
  recordings?: string
  tps?: number
  burst?: number
  /** JSON config file (lowest precedence). */
  config?: string
  /** Exploring properties run at once on a rate-limited target. */
  lanes?: number
  /** The target's known outcomes (an expectations file): exit 1 only on an unexpected result. */
  expectations?: string
  /** With expectations: an unexpected pass is a warning, not exit 1. */
  allowUnexpectedPass?: boolean
  /**
   * Your own event handlers (e.g. a reporter): they hear every engine event (src/engine/events.ts), after
   * the built-in progress, bundle and report handlers.
   */
  handlers?: EventHandler[]
}

export interface RunOutcome {
  exitCode: number
  /** The run's report (the same that report.json holds), whatever formats were written. */
  report?: ConformanceReport
}

const FLAG_NAMES: Readonly<Partial<Record<keyof RunOptions, string>>> = { quirks: 'quirk', reports: 'report' }

/** Runs the regression bundles, the properties and the contracts against one target; see RunOptions. */
export async function runConformance(
  options: RunOptions = {},
  io: Partial<RunIo> & { env?: NodeJS.ProcessEnv } = {},
): Promise<RunOutcome> {
  const { handlers = [], ...settingOptions } = options
  const flags: RawSettings = {}
  for (const [k, v] of Object.entries(settingOptions))
    if (v !== undefined) flags[FLAG_NAMES[k as keyof RunOptions] ?? k] = v
  const settings = runSettings(settingSource(flags, io.env ?? process.env))
  let report: ConformanceReport | undefined
  const keepReport: EventHandler = {
    RunFinished: (e) => {
      report = e.report
    },
  }
  const exitCode = await runWithStandardHandlers(
    settings,
    { stdout: io.stdout ?? { write: () => true }, warn: io.warn ?? ((line) => void process.stderr.write(`${line}\n`)) },
    [keepReport, ...handlers],
  )
  return { exitCode, ...(report ? { report } : {}) }
}

/** The whole command line in-process: runCli(['run', '--target', 'stub']) answers the exit code. */
export function runCli(args: readonly string[]): Promise<number> {
  return main(['node', 'conformance', ...args])
}
