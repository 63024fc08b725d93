// Verifies the Views API contract (contracts/pacts/) against a live endpoint: an emulator URL or AWS.
//   npx tsx scripts/verify-contracts.ts --target <url>|aws [--instance-id ID] [--region R] [--profile P]
//     [--pact FILE...] [--tps N] [--json FILE] [--remaining-ms N] [--provider-version V --publish-results]
//   npx tsx scripts/verify-contracts.ts --publish-pacts --consumer-version V [--consumer-branch B]
// Target, instance, region, profile and tps are read like `conformance run` reads them (src/settings/:
// flags > CONFORMANCE_TARGET, CONFORMANCE_INSTANCE_ID, CONFORMANCE_REGION/AWS_REGION, AWS_PROFILE,
// CONFORMANCE_TPS > config file). Provider states are arranged through the API on run-tagged views that
// are deleted afterwards; every replayed request is re-signed with SigV4 for the target. With
// PACT_BROKER_BASE_URL set (and no --pact), the pacts come from the broker. With --remaining-ms (counted
// from this process's start) no provider state is arranged once the time is up and the interactions left
// are reported not verified. Exit codes are the package's (src/exit-codes.ts): 0 nothing failed;
// 1 verification failed; 2 not runnable (no credentials, no instance id, bad arguments: one line);
// 4 internal error.
import { performance } from 'node:perf_hooks'
import { Command, Option } from 'commander'
import { EXIT, oneLine, UsageError } from '../src/exit-codes'
import { verifySettings, type RawSettings } from '../src/settings'
import type { PacingChannel } from '../src/targets/shared-pacing'
import { verifyContractsCommand } from '../src/verification/verify-command'

// Both are read when used (verifier start, client construction), not at import time.
process.env.PACT_DO_NOT_TRACK ??= 'true'
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const program = new Command('verify-contracts')
  .description('Verify the Connect Views API pact against an endpoint URL or live AWS (SigV4 re-signed)')
  .option('--target <url|aws>', 'an http(s) URL of an emulator/stub, or "aws" (env CONFORMANCE_TARGET)')
  .option(
    '--instance-id <id>',
    'Connect instance to arrange provider states in (required for aws; env CONFORMANCE_INSTANCE_ID)',
  )
  .option('--region <region>', 'region (env CONFORMANCE_REGION, AWS_REGION; default us-east-1)')
  .option('--profile <name>', 'AWS profile for the aws target (env AWS_PROFILE)')
  .option('--config <file>', 'JSON config file, as for conformance run (env CONFORMANCE_CONFIG)')
  .option('--pact <file...>', 'pact files (default: contracts/pacts/ committed pact)')
  .option('--tps <n>', 'requests per second per API on live targets (default 2; env CONFORMANCE_TPS)')
  .option('--burst <n>', 'request burst per API on live targets (default 5; env CONFORMANCE_BURST)')
  .option('--rate-share <fraction>', "use at most this fraction of each API's rate (default 0.5 for aws, 1 otherwise)")
  .option('--consistency <model>', 'eventual (default) or strong, as for conformance run (env CONFORMANCE_CONSISTENCY)')
  .option(
    '--convergence <duration>',
    'the window W arranged states may take to show (default 5s; env CONFORMANCE_CONVERGENCE)',
  )
  .option(
    '--stale-seen',
    'the target has shown stale answers: let every arranged state settle for W before verifying it',
  )
  .option('--json <file>', 'write per-interaction results as JSON')
  .option(
    '--paced-by-parent',
    'started by a conformance run over an IPC channel: take every call slot from its rate limiter (internal)',
  )
  .option(
    '--remaining-ms <n>',
    'time budget in ms from process start: interactions not reached by then are not verified',
  )
  .addOption(new Option('--log-level <level>', 'Pact log level').choices(['trace', 'debug', 'info', 'warn', 'error']))
  .option('--provider-version <v>', 'broker mode: provider version to publish results for')
  .option('--provider-branch <b>', 'broker mode: provider branch')
  .option('--publish-results', 'broker mode: publish verification results')
  .option('--publish-pacts', 'publish the pact files to the broker (PACT_BROKER_BASE_URL) and exit')
  .option('--consumer-version <v>', 'with --publish-pacts: consumer version')
  .option('--consumer-branch <b>', 'with --publish-pacts: consumer branch')
  .exitOverride((e) => process.exit(e.exitCode === 0 ? EXIT.ok : EXIT.usage))

program.parse()
let opts
try {
  opts = verifySettings(program.opts<RawSettings>())
} catch (e) {
  if (!(e instanceof UsageError)) throw e
  console.error(oneLine('verify-contracts', e))
  process.exit(EXIT.usage)
}
// performance.now() is the time since this process started: the caller's budget already runs during start-up.
if (opts.remainingMs !== undefined) opts.remainingMs = Math.max(0, opts.remainingMs - performance.now())
// the run that started this process goes on calling the same target: its limiter paces both
if (program.opts().pacedByParent === true && process.send) opts.pacedBy = process as PacingChannel
verifyContractsCommand(opts)
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    console.error(`verify-contracts: internal error: ${(e as Error).stack ?? String(e)}`)
    process.exit(EXIT.internal)
  })
