// Optional Pact Broker / PactFlow integration, off unless PACT_BROKER_BASE_URL is set. Publishing uses the
// broker's plain HTTP API (pact 16 ships no publisher; @pact-foundation/pact-cli is not a dependency), and
// verification uses the verifier's own broker source. Tests inject `fetch`, so nothing here needs network.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { VerifierOptions } from '@pact-foundation/pact'
import { CONSUMER_NAME, PROVIDER_NAME } from './pact-names'

export interface BrokerConfig {
  baseUrl: string
  token?: string
  username?: string
  password?: string
}

export interface BrokerVerification extends BrokerConfig {
  /** Version of the provider being verified (e.g. a git sha); needed to publish results. */
  providerVersion?: string
  providerBranch?: string
  publishResults: boolean
  /** Default: the consumer's main branch, and whatever is deployed or released. */
  consumerVersionSelectors?: NonNullable<VerifierOptions['consumerVersionSelectors']>
}

/** Environment variables that make the verifier talk to a broker or filter interactions on its own. */
export const BROKER_ENV_VARS = [
  'PACT_BROKER_BASE_URL',
  'PACT_BROKER_TOKEN',
  'PACT_BROKER_USERNAME',
  'PACT_BROKER_PASSWORD',
  'PACT_BROKER_PUBLISH_VERIFICATION_RESULTS',
] as const
export const FILTER_ENV_VARS = ['PACT_DESCRIPTION', 'PACT_PROVIDER_STATE', 'PACT_PROVIDER_NO_STATE'] as const

/** The broker named by PACT_BROKER_BASE_URL (+ PACT_BROKER_TOKEN or USERNAME/PASSWORD), or undefined. */
export function brokerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerConfig | undefined {
  const baseUrl = env.PACT_BROKER_BASE_URL?.trim()
  if (!baseUrl) return undefined
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new Error(`PACT_BROKER_BASE_URL is not a URL: "${baseUrl}"`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`PACT_BROKER_BASE_URL must be http(s), got "${baseUrl}"`)
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    ...(env.PACT_BROKER_TOKEN ? { token: env.PACT_BROKER_TOKEN } : {}),
    ...(env.PACT_BROKER_USERNAME
      ? { username: env.PACT_BROKER_USERNAME, password: env.PACT_BROKER_PASSWORD ?? '' }
      : {}),
  }
}

/** Verifier options that take the pacts from the broker and (optionally) publish the results there. */
export function brokerVerifierOptions(b: BrokerVerification): Partial<VerifierOptions> {
  if (b.publishResults && !b.providerVersion)
    throw new Error('publishing verification results needs a provider version')
  return {
    pactBrokerUrl: b.baseUrl,
    provider: PROVIDER_NAME,
    ...(b.token ? { pactBrokerToken: b.token } : {}),
    ...(b.username ? { pactBrokerUsername: b.username, pactBrokerPassword: b.password ?? '' } : {}),
    consumerVersionSelectors: b.consumerVersionSelectors ?? [{ mainBranch: true }, { deployedOrReleased: true }],
    enablePending: true,
    publishVerificationResult: b.publishResults,
    ...(b.providerVersion ? { providerVersion: b.providerVersion } : {}),
    ...(b.providerBranch ? { providerVersionBranch: b.providerBranch } : {}),
  }
}

function authHeader(b: BrokerConfig): Record<string, string> {
  if (b.token) return { authorization: `Bearer ${b.token}` }
  if (b.username)
    return { authorization: `Basic ${Buffer.from(`${b.username}:${b.password ?? ''}`).toString('base64')}` }
  return {}
}

export interface PublishOptions {
  broker: BrokerConfig
  consumerVersion: string
  branch?: string
  pactFiles: readonly string[]
  fetch?: typeof globalThis.fetch
}

/** PUTs each pact to /pacts/provider/{p}/consumer/{c}/version/{v}, then records the branch if given. */
export async function publishPacts(o: PublishOptions): Promise<{ file: string; url: string; status: number }[]> {
  const doFetch = o.fetch ?? globalThis.fetch
  const out: { file: string; url: string; status: number }[] = []
  const send = async (url: string, body: string, file: string) => {
    const res = await doFetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/hal+json', ...authHeader(o.broker) },
      body,
    })
    if (!res.ok) throw new Error(`broker answered ${res.status} to PUT ${url}: ${(await res.text()).slice(0, 300)}`)
    out.push({ file, url, status: res.status })
  }
  for (const file of o.pactFiles) {
    const text = readFileSync(file, 'utf8')
    const pact = JSON.parse(text) as { consumer?: { name?: string }; provider?: { name?: string } }
    const consumer = pact.consumer?.name ?? CONSUMER_NAME
    const provider = pact.provider?.name ?? PROVIDER_NAME
    const seg = encodeURIComponent
    await send(
      `${o.broker.baseUrl}/pacts/provider/${seg(provider)}/consumer/${seg(consumer)}/version/${seg(o.consumerVersion)}`,
      text,
      basename(file),
    )
    if (o.branch)
      await send(
        `${o.broker.baseUrl}/pacticipants/${seg(consumer)}/branches/${seg(o.branch)}/versions/${seg(o.consumerVersion)}`,
        '{}',
        basename(file),
      )
  }
  return out
}
