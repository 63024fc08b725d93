// The `conformance` command line (importable: `main(argv)` runs it in-process and returns the exit code):
// parses flags (commander), merges them with env and a config file (src/settings/), calls one subcommand
// and exits with its code (the table: src/exit-codes.ts).
//   run · replay · serve · sweep · report merge
import { Command, CommanderError } from 'commander'
import { QUIRK_NAMES } from '../model/quirks'
import { DEFAULT_REPORTS, REPORT_FILE_FORMATS, RUN_REPORT_FORMATS } from '../report/write-reports'
import {
  asBoolean,
  asDuration,
  asInteger,
  asList,
  asPositiveNumber,
  asReportFormats,
  asSeed,
  asString,
  settingSource,
  targetSettings,
  type RawSettings,
} from '../settings'
import { PACKAGE_VERSION } from '../package-files'
import { EXIT, oneLine, UnreachableError, UsageError } from '../exit-codes'
import { PROPERTY_IDS } from '../engine/property-registry'
import { replayCommand } from './replay-command'
import { DEFAULT_MERGE_OUT, reportMergeCommand } from './report-command'
import { runWithStandardHandlers } from '../presentation/standard-handlers'
import { DEFAULT_OUT, DEFAULT_REGRESSIONS, runSettings } from '../engine/run-settings'
import { defineServeCommand } from './serve-command'
import { calibrateCommand, DEFAULT_PROFILE_OUT } from './calibrate-command'
import { DEFAULT_GATE_OUT, sdkGateCommand } from '../sdk-gate/command'
import { DEFAULT_GATE_SEED } from '../sdk-gate/corpus'
import { parityCommand, recordCommand, sequenceParityCommand } from './recording-commands'
import { DEFAULT_RECORDINGS } from '../choices/run-mode'
import { sweepCommand } from './sweep-command'
import { defineExpectationsCommand } from './expectations-command'
import { defineHistoryCommand } from './history-command'

// The SDK's Node 20 support warning says nothing about conformance; it is emitted per client, so setting
// this before any target is built is early enough.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const out = (text: string) => void process.stdout.write(text + '\n')
const warn = (line: string) => void process.stderr.write(line + '\n')

/** The options every target-using subcommand shares. */
function targetOptions(cmd: Command, targets: string): Command {
  return cmd
    .option('--target <target>', `${targets} (env CONFORMANCE_TARGET)`)
    .option('--instance-id <id>', 'Connect instance id (env CONFORMANCE_INSTANCE_ID)')
    .option('--region <region>', 'AWS region (env CONFORMANCE_REGION, AWS_REGION)')
    .option('--profile <name>', 'AWS profile for --target aws (env AWS_PROFILE)')
    .option(
      '--tps <n>',
      'requests/s per API for endpoint/aws targets, as Connect throttles per API (default 2; env CONFORMANCE_TPS)',
    )
    .option('--burst <n>', 'request burst per API for endpoint/aws targets (default 5; env CONFORMANCE_BURST)')
    .option(
      '--rate-share <fraction>',
      "use at most this fraction of each API's rate (default 0.5 for aws, 1 for endpoints; env CONFORMANCE_RATE_SHARE)",
    )
    .option('--config <file>', 'JSON config file; flags win over env, env over the file (env CONFORMANCE_CONFIG)')
    .option(
      '--consistency <model>',
      'eventual (default: what Connect documents; a stale read is read again until it converges) or strong (env CONFORMANCE_CONSISTENCY)',
    )
    .option(
      '--convergence <duration>',
      'the window W a change must become visible within under eventual, e.g. 5s (default 5s; env CONFORMANCE_CONVERGENCE)',
    )
}

function program(setCode: (code: number) => void): Command {
  const root = new Command('conformance')
    .description('Contract tests and fuzzing for the Amazon Connect Views API')
    .version(PACKAGE_VERSION, '--version', 'print the package version')
    .showSuggestionAfterError(true)
    .configureOutput({
      // Commander's own errors (unknown flag, missing argument) become the same single line as ours.
      outputError: (str, write) =>
        write(
          `conformance: ${str
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    })
    .exitOverride()

  targetOptions(
    root.command('run').description('replay regression bundles, then run the property suites against a target'),
    'stub (default), aws or an http(s) endpoint URL',
  )
    .option('--seed <n>', 'fast-check seed (default: random, printed; env CONFORMANCE_SEED)')
    .option('--runs <n>', 'runs per property (env CONFORMANCE_RUNS)')
    .option(
      '--lanes <n>',
      'exploring properties run at once on a rate-limited target, each on a lane of its own (default 4 when rate-limited, else 1; env CONFORMANCE_LANES)',
    )
    .option(
      '--time-budget <duration>',
      'total time for the properties instead of a run count, e.g. 5m (env CONFORMANCE_TIME_BUDGET)',
    )
    .option('--strict', 'also assert inferred rules (env CONFORMANCE_STRICT)')
    .option(
      '--probe-quotas <max-calls>',
      'R22: create views (or versions of one view) until a quota answer, at most this many calls, then clean up (off by default; env CONFORMANCE_PROBE_QUOTAS)',
    )
    .option('--only <property...>', `run only these properties: ${PROPERTY_IDS.join(', ')}`)
    .option('--quirk <name...>', `stub only: switch on named deviations: ${QUIRK_NAMES.join(', ')}`)
    .option(
      '--report <formats>',
      `reports to write, comma-separated: ${RUN_REPORT_FORMATS.join(',')} (default ${DEFAULT_REPORTS.join(',')})`,
    )
    .option('--out <dir>', `report folder (default ${DEFAULT_OUT})`)
    .option('--shard <i/n>', 'run the i-th of n round-robin slices of the property set')
    .option('--path <path>', 'replay one counterexample: the path a failure printed (with one --only property)')
    .option('--regressions <dir>', `committed bundles replayed first (default ${DEFAULT_REGRESSIONS})`)
    .option(
      '--recordings <dir>',
      `recordings of live AWS whose confirmed rules are asserted (default ${DEFAULT_RECORDINGS})`,
    )
    .option(
      '--choices-profile <file>',
      'a calibrated choices profile: the model serves its settled values, --strict asserts them',
    )
    .option(
      '--expectations <file>',
      "the target's known outcomes (conformance expectations write): exit 1 only on an unexpected result (env CONFORMANCE_EXPECTATIONS)",
    )
    .option('--allow-unexpected-pass', 'with --expectations: an unexpected pass is a warning, not exit 1')
    .action(async (opts: RawSettings) =>
      setCode(await runWithStandardHandlers(runSettings(settingSource(opts)), { stdout: process.stdout, warn })),
    )

  targetOptions(
    root
      .command('replay')
      .argument('<bundle>', 'a bundle file or a folder of them')
      .description('replay saved failures: FIXED / STILL FAILING / CANNOT REPLAY per bundle'),
    'stub (default), aws or an http(s) endpoint URL',
  )
    .option('--quirk <name...>', 'stub only: switch on named deviations')
    .action(async (bundle: string, opts: RawSettings) =>
      setCode(await replayCommand(bundle, targetSettings(settingSource(opts)), out)),
    )

  targetOptions(
    root
      .command('record')
      .description('record what a target answers to a seeded command sequence (normalised), for parity checks'),
    'stub (default), aws or an http(s) endpoint URL',
  )
    .option('--seed <n>', 'seed of the command sequence (default 1)', '1')
    .option('--commands <n>', 'generated commands (default 60)', '60')
    .option('--property <id>', 'whose command vocabulary to sample (default differential)', 'differential')
    .option('--plan <name>', 'record a fixed plan instead: calibration (every undocumented choice, twice, < 100 calls)')
    .option('--quirk <name...>', 'stub only: switch on named deviations')
    .requiredOption('--out <file>', 'recording file, e.g. recordings/aws-eu-west-2.json')
    .action(async (opts: RawSettings) =>
      setCode(
        await recordCommand(
          targetSettings(settingSource(opts)),
          {
            seed: asSeed({ value: opts.seed, source: '--seed' }),
            commands: asInteger({ value: opts.commands, source: '--commands' }, 1, 10_000),
            file: asString({ value: opts.out, source: '--out' }),
            property: asString({ value: opts.property, source: '--property' }),
            ...(opts.plan !== undefined ? { plan: asString({ value: opts.plan, source: '--plan' }) } : {}),
          },
          out,
        ),
      ),
    )

  root
    .command('calibrate')
    .argument('<recording...>', 'recordings of one target (conformance record)')
    .description('find which value of each undocumented choice the recorded target made; write a choices profile')
    .option('--out <file>', `profile file (default ${DEFAULT_PROFILE_OUT})`, DEFAULT_PROFILE_OUT)
    .action(async (files: string[], o: RawSettings) =>
      setCode(await calibrateCommand(files, { out: asString({ value: o.out, source: '--out' }) }, out)),
    )

  targetOptions(
    root
      .command('parity')
      .argument('[recording]', 'a recording made by `conformance record` (or --sequence with --against)')
      .description(
        'replay a recording against a target and diff its answers step by step; or, with --sequence, send one seeded sequence to two targets and print the share of answers alike',
      ),
    'stub (default), aws or an http(s) endpoint URL',
  )
    .option('--quirk <name...>', 'stub only: switch on named deviations')
    .option('--sequence <seed>', 'seed of a command sequence over all 13 operations, sent to --target and --against')
    .option('--against <target>', 'with --sequence: the second target (stub, aws or an http(s) endpoint URL)')
    .option('--commands <n>', 'with --sequence: generated commands (default 200)', '200')
    .option('--min-alike <share>', 'with --sequence: exit 1 below this share of answers alike, 0..1 (default 1)')
    .action(async (file: string | undefined, opts: RawSettings) => {
      const settings = targetSettings(settingSource(opts))
      if (opts.sequence === undefined) {
        if (file === undefined)
          throw new UsageError('parity: give a recording, or --sequence <seed> --against <target>')
        return setCode(await parityCommand(file, settings, out))
      }
      if (file !== undefined) throw new UsageError('parity: --sequence compares two targets; it takes no recording')
      if (opts.against === undefined) throw new UsageError('parity: --sequence needs --against <target>')
      const against = targetSettings(settingSource({ ...opts, target: opts.against, quirk: undefined }))
      setCode(
        await sequenceParityCommand(
          settings,
          against,
          {
            seed: asSeed({ value: opts.sequence, source: '--sequence' }),
            commands: asInteger({ value: opts.commands, source: '--commands' }, 1, 10_000),
            minAlike:
              opts.minAlike === undefined
                ? undefined
                : Math.min(1, asPositiveNumber({ value: opts.minAlike, source: '--min-alike' })),
          },
          out,
        ),
      )
    })

  root
    .command('sdk-diff')
    .description(
      'SDK-upgrade gate: compare a candidate @aws-sdk/client-connect with the pinned one (exit 0 no breaking difference, 1 breaking, 2 unavailable)',
    )
    .requiredOption('--candidate <version>', 'version, range or dist-tag of @aws-sdk/client-connect')
    .option('--out <dir>', `report folder (default ${DEFAULT_GATE_OUT})`, DEFAULT_GATE_OUT)
    .option('--seed <n>', `corpus seed (default ${DEFAULT_GATE_SEED})`, String(DEFAULT_GATE_SEED))
    .option('--no-schemas', 'skip generating and comparing JSON schemas from both d.ts')
    .option('--fresh', 'reinstall the candidate even if a cached install exists')
    .option('--install-root <dir>', 'where candidate installs live (default: a folder in the OS temp dir)')
    .option('--block-additive', 'fail on additive differences too (new operations, members, enum values)')
    .action(async (o: RawSettings) =>
      setCode(
        await sdkGateCommand({
          candidate: asString({ value: o.candidate, source: '--candidate' }),
          out: asString({ value: o.out, source: '--out' }),
          seed: asSeed({ value: o.seed, source: '--seed' }),
          schemas: o.schemas !== false,
          fresh: !!o.fresh,
          blockAdditive: !!o.blockAdditive,
          ...(o.installRoot === undefined
            ? {}
            : { installRoot: asString({ value: o.installRoot, source: '--install-root' }) }),
        }),
      ),
    )

  defineServeCommand(root, setCode, out)

  targetOptions(
    root.command('sweep').description('delete views earlier runs left behind (name cvc-* and the conformance-run tag)'),
    'aws or an http(s) endpoint URL',
  )
    .option('--dry-run', 'list what would go, delete nothing')
    .option('--min-age <duration>', 'leave runs younger than this alone (runs still going elsewhere), e.g. 2h')
    .option('--run-id <id>', 'only views of this run')
    .action(async (opts: RawSettings) => {
      const src = settingSource(opts)
      if (!src.get('target'))
        throw new UsageError('sweep: give --target aws or an endpoint URL (or CONFORMANCE_TARGET)')
      setCode(
        await sweepCommand(
          targetSettings(src),
          {
            dryRun: src.parsed('dryRun', asBoolean) ?? false,
            minAgeMs: src.parsed('minAge', asDuration),
            runId: opts.runId === undefined ? undefined : asString({ value: opts.runId, source: '--run-id' }),
          },
          out,
        ),
      )
    })

  const report = root.command('report').description('work with JSON reports')
  report
    .command('merge')
    .argument('<reports...>', 'JSON reports (report.json) of several targets or shards')
    .description('merge reports into one matrix and regenerate every format')
    .option('--out <dir>', `output folder (default ${DEFAULT_MERGE_OUT})`, DEFAULT_MERGE_OUT)
    .option('--report <formats>', `formats to write (default all: ${REPORT_FILE_FORMATS.join(',')})`)
    .action((files: string[], o: RawSettings) => {
      const reports =
        o.report === undefined
          ? [...REPORT_FILE_FORMATS]
          : asReportFormats({ value: asList({ value: o.report, source: '--report' }), source: '--report' })
      setCode(reportMergeCommand(files, { out: String(o.out), reports }, { out, warn }))
    })
  defineHistoryCommand(report, setCode, out, warn)
  defineExpectationsCommand(root, setCode, out, warn)
  return root
}

export async function main(argv: readonly string[]): Promise<number> {
  let code: number | undefined
  const cli = program((c) => {
    code = c
  })
  try {
    await cli.parseAsync([...argv])
    if (code === undefined) {
      cli.outputHelp({ error: true })
      return EXIT.usage
    }
    return code
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; everything else is a usage error (already printed).
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (e instanceof UsageError) {
      warn(oneLine('conformance', e))
      return EXIT.usage
    }
    if (e instanceof UnreachableError) {
      warn(oneLine('conformance', e))
      return EXIT.unreachable
    }
    warn(`conformance: internal error: ${(e as Error)?.stack ?? String(e)}`)
    return EXIT.internal
  }
}
