// `scripts/verify-contracts.ts`: verify the committed pact (or the broker's pacts) against a live endpoint.
// Exit codes (src/exit-codes.ts): 0 no interaction failed (with --remaining-ms some may be left not verified:
// the output says so); 1 verification failed; 2 not runnable (no credentials, no instance id, bad arguments or
// broker settings). The options arrive parsed (src/settings/verify-settings.ts); the PACT_* variables are
// Pact's own and read here.
import { writeFileSync } from 'node:fs'
import { EXIT } from '../exit-codes'
import { DEFAULT_REGION } from '../model/options'
import { createTarget, TargetUnavailable, targetKindOf } from '../targets/create-target'
import { ParentPacedLimiter, type PacingChannel } from '../targets/shared-pacing'
import { registerForSignalCleanup } from '../targets/signal-cleanup'
import type { Target } from '../targets/target'
import { brokerConfigFromEnv, publishPacts, type BrokerVerification } from './broker'
import { COMMITTED_PACT_FILE } from './pact-names'
import { formatResults } from './verification-results'
import { providerBaseUrlFor, verifyAgainstTarget } from './verify-target'

export interface VerifyCommandOptions {
  target?: string
  instanceId?: string
  region?: string
  profile?: string
  pact?: string[]
  tps?: number
  burst?: number
  /** Fraction of each API's rate to use (default: the target kind's, see createTarget). */
  rateShare?: number
  json?: string
  /** Time budget left, in ms: no provider state is arranged after it; the interactions left are not verified. */
  remainingMs?: number
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
  /** Broker mode only: publish verification results (needs providerVersion). */
  publishResults?: boolean
  providerVersion?: string
  providerBranch?: string
  /** Publish the pact files to the broker (consumer side) and exit. */
  publishPacts?: boolean
  consumerVersion?: string
  consumerBranch?: string
  /** Eventual consistency (the default): arranged states may take windowMs to show; staleSeen: the target has shown it. */
  consistency?: { windowMs: number; staleSeen?: boolean }
  /**
   * Started by a run that goes on calling the same target: take every call's slot from the run's limiter over
   * this process's IPC channel (src/targets/shared-pacing.ts) instead of pacing alone.
   */
  pacedBy?: PacingChannel
}

export interface CommandIo {
  out: (line: string) => void
  err: (line: string) => void
  env: NodeJS.ProcessEnv
}

const defaultIo: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env }

const CREDENTIALS_HELP =
  'Provide credentials for a sandbox account through the default chain: AWS_PROFILE=<profile> (or --profile), ' +
  'or AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), or SSO (aws sso login).'

export async function verifyContractsCommand(o: VerifyCommandOptions, io: CommandIo = defaultIo): Promise<number> {
  let broker
  try {
    broker = brokerConfigFromEnv(io.env)
  } catch (e) {
    io.err(`verify-contracts: ${(e as Error).message}`)
    return EXIT.usage
  }
  const pactFiles = o.pact?.length ? o.pact : [COMMITTED_PACT_FILE]

  if (o.publishPacts) {
    if (!broker) return usage(io, '--publish-pacts needs PACT_BROKER_BASE_URL (and PACT_BROKER_TOKEN)')
    if (!o.consumerVersion) return usage(io, '--publish-pacts needs --consumer-version')
    const published = await publishPacts({
      broker,
      consumerVersion: o.consumerVersion,
      ...(o.consumerBranch ? { branch: o.consumerBranch } : {}),
      pactFiles,
    })
    for (const p of published) io.out(`published ${p.file} → ${p.url} (${p.status})`)
    return EXIT.ok
  }

  if (!o.target) return usage(io, '--target <url>|aws is required')
  let kind
  try {
    kind = targetKindOf(o.target)
  } catch (e) {
    return usage(io, (e as Error).message)
  }
  if (kind === 'stub')
    return usage(io, 'the embedded stub has no URL to verify; start one with `npm run serve` and pass its URL')
  const region = o.region ?? DEFAULT_REGION
  if (kind === 'aws' && !o.instanceId)
    return usage(io, '--target aws needs --instance-id <Connect instance id of a sandbox instance>')

  // Broker mode: pacts come from the broker (selectors: main branch + deployed/released) unless --pact was given.
  let brokerVerification: BrokerVerification | undefined
  if (broker && !o.pact?.length) {
    const providerVersion = o.providerVersion ?? io.env.PACT_PROVIDER_VERSION
    const publishResults = o.publishResults === true || io.env.PACT_BROKER_PUBLISH_VERIFICATION_RESULTS === 'true'
    if (publishResults && !providerVersion)
      return usage(io, 'publishing verification results needs --provider-version (or PACT_PROVIDER_VERSION)')
    brokerVerification = {
      ...broker,
      publishResults,
      ...(providerVersion ? { providerVersion } : {}),
      ...((o.providerBranch ?? io.env.PACT_PROVIDER_BRANCH)
        ? { providerBranch: o.providerBranch ?? io.env.PACT_PROVIDER_BRANCH }
        : {}),
    }
  }

  let target: Target
  try {
    target = await createTarget({
      target: o.target,
      region,
      ...(o.instanceId ? { instanceId: o.instanceId } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
      ...(o.pacedBy ? { pacer: new ParentPacedLimiter(o.pacedBy) } : {}),
      ...(o.tps || o.burst || o.rateShare
        ? {
            rate: {
              ...(o.tps ? { tps: o.tps } : {}),
              ...(o.burst ? { burst: o.burst } : {}),
              ...(o.rateShare ? { share: o.rateShare } : {}),
            },
          }
        : {}),
    })
  } catch (e) {
    if (e instanceof TargetUnavailable) {
      io.err(`verify-contracts: cannot verify against ${o.target}: ${e.message.replace(/: skipping live AWS$/, '')}.`)
      if (kind === 'aws') io.err(CREDENTIALS_HELP)
      return EXIT.usage
    }
    throw e
  }
  const unregister = registerForSignalCleanup(target)
  const providerBaseUrl = providerBaseUrlFor(o.target, region)
  io.out(
    `Verifying ${brokerVerification ? `the pacts of ${broker!.baseUrl}` : pactFiles.join(', ')} against ${providerBaseUrl} (instance ${target.instanceId}, region ${region}, run ${target.run.runId})`,
  )
  try {
    const report = await verifyAgainstTarget({
      target,
      providerBaseUrl,
      pactFiles,
      ...(brokerVerification ? { broker: brokerVerification } : {}),
      ...(o.logLevel ? { logLevel: o.logLevel } : {}),
      ...(o.remainingMs !== undefined ? { remainingMs: o.remainingMs } : {}),
      ...(o.consistency ? { consistency: o.consistency } : {}),
    })
    io.out(formatResults(report.results))
    for (const f of report.stateFailures)
      io.err(`provider state ${f.action} failed: ${f.state} ${JSON.stringify(f.params)}: ${f.message}`)
    const failed = report.results.some((r) => r.status === 'failed') || report.stateFailures.length > 0
    const notVerified = report.results.filter((r) => r.status === 'not-verified').length
    const verdict = failed
      ? 'FAILED'
      : notVerified
        ? `INCOMPLETE (${notVerified} not verified: time budget)`
        : 'VERIFIED'
    io.out(
      `${verdict} in ${(report.durationMs / 1000).toFixed(1)} s; ${target.stats.calls} API calls (${target.stats.throttled} answered 429)`,
    )
    if (o.json) {
      writeFileSync(
        o.json,
        `${JSON.stringify({ target: o.target, region, instanceId: target.instanceId, runId: target.run.runId, passed: report.passed, results: report.results, stateFailures: report.stateFailures, calls: { calls: target.stats.calls, byOperation: target.stats.byOperation, throttledByOperation: target.stats.throttledByOperation } }, null, 2)}\n`,
      )
    }
    return failed ? EXIT.failures : EXIT.ok
  } finally {
    await target.close()
    unregister()
  }
}

function usage(io: CommandIo, message: string): number {
  io.err(`verify-contracts: ${message}`)
  return EXIT.usage
}
