// Builds a Target from one setting: "stub" (embedded, default), a URL (any endpoint: an emulator or our
// own stub server) or "aws" (a live sandbox through the default credential chain).
import { ConnectClient } from '@aws-sdk/client-connect'
import { defaultProvider } from '@aws-sdk/credential-provider-node'
import { DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../model/options'
import { createStubClient, type StubCoreOptions } from '../stub'
import { createRateLimiter, type Limiter, type LimiterSettings } from './rate-limiter'
import { newRunIdentity, type RunIdentity } from './run-identity'
import { Target } from './target'

export interface TargetConfig {
  /** 'stub' | 'aws' | an http(s) URL. */
  target: string
  region?: string
  instanceId?: string
  /** Named profile for the aws target (AWS_PROFILE also works through the default chain). */
  profile?: string
  /** Static credentials for an endpoint target; default: the env chain if set, else dummy ones (emulators ignore them). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Client-side rate limit (endpoint and aws targets): shaped per API by default, see rate-limiter.ts. */
  rate?: LimiterSettings
  /**
   * Rate-limited targets: take each call's slot from this limiter instead of one built from `rate` (the Pact
   * verifier's child, paced by the run that started it: shared-pacing.ts); `rate` still names the rates in force.
   */
  pacer?: Limiter
  /** Opt-in quota probe (R22, the coverage plan): at most this many creating calls. */
  probeQuotas?: number
  /** Stub only: quirks, choices, quotas, faults. */
  stub?: StubCoreOptions
  run?: RunIdentity
  /** Per-call timeout for remote targets (ms). */
  requestTimeoutMs?: number
}

/** How long the SDK waits for an answer to one call of a remote target before it gives up (no answer). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000

/** The target could not be used: not configured (skip with this message) or not reachable. */
export class TargetUnavailable extends Error {
  constructor(
    message: string,
    readonly reason: 'not-configured' | 'unreachable',
  ) {
    super(message)
  }
}

export function targetKindOf(target: string): 'stub' | 'endpoint' | 'aws' {
  if (target === 'stub') return 'stub'
  if (target === 'aws') return 'aws'
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new Error(`target must be "stub", "aws" or an http(s) URL, got "${target}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`target URL must be http(s), got "${target}"`)
  return 'endpoint'
}

/** Whether a URL names this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(target: string): boolean {
  const host = new URL(target).hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

export async function createTarget(cfg: TargetConfig): Promise<Target> {
  const kind = targetKindOf(cfg.target)
  const run = cfg.run ?? newRunIdentity()
  const region = cfg.region ?? DEFAULT_REGION
  if (kind === 'stub') {
    // the stub answers in the target's region (its ARNs name it), unless the caller's model options say otherwise
    const stubOptions: StubCoreOptions = { ...cfg.stub, modelOptions: { region, ...cfg.stub?.modelOptions } }
    const { client, core } = createStubClient({ ...stubOptions, region })
    const instanceId = cfg.instanceId ?? DEFAULT_INSTANCE_ID
    if (!core.model.instances.includes(instanceId)) core.model.addInstance(instanceId)
    return new Target({
      kind,
      label: 'stub',
      client,
      instanceId,
      region,
      accountId: core.model.options.accountId,
      run,
      guarded: false,
      stubOptions,
      ...(cfg.probeQuotas ? { probeQuotas: cfg.probeQuotas } : {}),
      maxThrottleRetries: 4,
      backoffMs: () => 1,
      onReset: () => {
        core.reset()
        if (!core.model.instances.includes(instanceId)) core.model.addInstance(instanceId)
      },
    })
  }
  // An emulator on this machine has no service limits to respect: no client-side limit unless asked for.
  // A remote endpoint or live AWS keeps the conservative live default, shaped per API (createRateLimiter).
  const unlimited = kind === 'endpoint' && cfg.rate === undefined && isLoopback(cfg.target)
  // a live account shares its buckets with production traffic: half of each API's rate unless told otherwise
  const rate = { share: kind === 'aws' ? 0.5 : 1, ...cfg.rate }
  const built = unlimited ? { limiter: undefined, rateLimit: undefined } : createRateLimiter(rate)
  const rateLimit = built.rateLimit
  const limiter = built.limiter && cfg.pacer ? cfg.pacer : built.limiter
  // throwOnRequestTimeout: without it the SDK's handler only logs a warning when the timeout passes and waits on
  const requestTimeoutMs = cfg.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const requestHandler = { requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true }
  if (kind === 'endpoint') {
    const credentials =
      cfg.credentials ??
      (process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: process.env.AWS_ACCESS_KEY_ID,
            secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
            sessionToken: process.env.AWS_SESSION_TOKEN,
          }
        : { accessKeyId: 'conformance', secretAccessKey: 'conformance' })
    const client = new ConnectClient({ endpoint: cfg.target, region, credentials, maxAttempts: 1, requestHandler })
    return new Target({
      kind,
      label: `endpoint ${cfg.target}`,
      client,
      instanceId: cfg.instanceId ?? DEFAULT_INSTANCE_ID,
      region,
      run,
      guarded: true,
      limiter,
      ...(limiter ? { rateLimit } : {}),
      ...(cfg.probeQuotas ? { probeQuotas: cfg.probeQuotas } : {}),
      endpoint: cfg.target,
      requestTimeoutMs,
    })
  }
  if (!cfg.instanceId) {
    throw new TargetUnavailable(
      'aws target needs an instance id (--instance-id or CONFORMANCE_INSTANCE_ID): skipping live AWS',
      'not-configured',
    )
  }
  // The SDK's own default chain (env, SSO, shared files, web identity/OIDC, IMDS); a profile narrows it.
  const client = new ConnectClient({
    region,
    maxAttempts: 1,
    requestHandler,
    ...(cfg.profile ? { credentials: defaultProvider({ profile: cfg.profile }) } : {}),
  })
  try {
    await client.config.credentials()
  } catch (e) {
    client.destroy()
    throw new TargetUnavailable(
      `no AWS credentials found by the default chain (${(e as Error).message.split('\n')[0]}): skipping live AWS`,
      'not-configured',
    )
  }
  const redirected = process.env.AWS_ENDPOINT_URL_CONNECT || process.env.AWS_ENDPOINT_URL || undefined
  return new Target({
    kind,
    label: `aws ${region}`,
    client,
    instanceId: cfg.instanceId,
    region,
    run,
    guarded: true,
    limiter,
    rateLimit,
    requestTimeoutMs,
    ...(cfg.probeQuotas ? { probeQuotas: cfg.probeQuotas } : {}),
    ...(cfg.profile ? { profile: cfg.profile } : {}),
    ...(redirected ? { endpoint: redirected } : {}),
  })
}
