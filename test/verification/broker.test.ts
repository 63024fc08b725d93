// Broker integration is off unless PACT_BROKER_BASE_URL is set, and never reached from a test: publishing
// goes through an injected fetch, and a verification without `broker` ignores the variable even when CI set it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brokerConfigFromEnv, brokerVerifierOptions, publishPacts } from '../../src/verification/broker'
import { COMMITTED_PACT_FILE, CONSUMER_NAME, PROVIDER_NAME } from '../../src/verification/pact-names'
import { verifyAgainstTarget } from '../../src/verification/verify-target'
import { customerViewsLeft, startStubProvider, type StubProvider } from '../../contracts/provider/stub-provider'

describe('broker settings', () => {
  it('off by default; on with PACT_BROKER_BASE_URL, token or basic auth', () => {
    expect(brokerConfigFromEnv({})).toBeUndefined()
    expect(brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'https://broker.example/', PACT_BROKER_TOKEN: 't' })).toEqual({
      baseUrl: 'https://broker.example',
      token: 't',
    })
    expect(
      brokerConfigFromEnv({
        PACT_BROKER_BASE_URL: 'http://b:9292',
        PACT_BROKER_USERNAME: 'u',
        PACT_BROKER_PASSWORD: 'p',
      }),
    ).toEqual({ baseUrl: 'http://b:9292', username: 'u', password: 'p' })
    expect(() => brokerConfigFromEnv({ PACT_BROKER_BASE_URL: 'not a url' })).toThrow(/not a URL/)
  })
  it('verifier options: broker source with selectors, pending pacts, results published only with a version', () => {
    expect(
      brokerVerifierOptions({
        baseUrl: 'https://b',
        token: 't',
        publishResults: true,
        providerVersion: 'abc',
        providerBranch: 'main',
      }),
    ).toEqual({
      pactBrokerUrl: 'https://b',
      provider: PROVIDER_NAME,
      pactBrokerToken: 't',
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      enablePending: true,
      publishVerificationResult: true,
      providerVersion: 'abc',
      providerVersionBranch: 'main',
    })
    expect(() => brokerVerifierOptions({ baseUrl: 'https://b', publishResults: true })).toThrow(/provider version/)
  })
  it('publishPacts PUTs each pact (and the branch) with the bearer token', async () => {
    const calls: { url: string; init: RequestInit }[] = []
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      return new Response('{}', { status: 201 })
    }) as unknown as typeof fetch
    const out = await publishPacts({
      broker: { baseUrl: 'https://b', token: 't' },
      consumerVersion: '1.2.3',
      branch: 'feat/x',
      pactFiles: [COMMITTED_PACT_FILE],
      fetch: fakeFetch,
    })
    expect(calls.map((c) => c.url)).toEqual([
      `https://b/pacts/provider/${PROVIDER_NAME}/consumer/${CONSUMER_NAME}/version/1.2.3`,
      `https://b/pacticipants/${CONSUMER_NAME}/branches/feat%2Fx/versions/1.2.3`,
    ])
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer t')
    expect(JSON.parse(String(calls[0]!.init.body)).consumer.name).toBe(CONSUMER_NAME)
    expect(out.map((o) => o.status)).toEqual([201, 201])
  })
  it('publishPacts reports a broker refusal', async () => {
    const refuse = (async () => new Response('nope', { status: 401 })) as unknown as typeof fetch
    await expect(
      publishPacts({
        broker: { baseUrl: 'https://b' },
        consumerVersion: '1',
        pactFiles: [COMMITTED_PACT_FILE],
        fetch: refuse,
      }),
    ).rejects.toThrow(/401/)
  })
})

describe('a verification without `broker` ignores PACT_BROKER_BASE_URL and the PACT_DESCRIPTION filter', () => {
  let provider: StubProvider
  let pactFile: string
  const saved = { url: process.env.PACT_BROKER_BASE_URL, description: process.env.PACT_DESCRIPTION }
  beforeAll(async () => {
    // Two interactions of the committed pact are enough to see where the pacts came from.
    const doc = JSON.parse(readFileSync(COMMITTED_PACT_FILE, 'utf8')) as { interactions: { description: string }[] }
    doc.interactions = doc.interactions.filter((i) => /^DescribeView: an (unknown|unqualified)/.test(i.description))
    pactFile = join(mkdtempSync(join(tmpdir(), 'cvc-pact-subset-')), 'subset.json')
    writeFileSync(pactFile, JSON.stringify(doc))
    provider = await startStubProvider()
    // A closed local port: had the verifier used it, it would fail to fetch pacts; no outside network either way.
    process.env.PACT_BROKER_BASE_URL = 'http://127.0.0.1:9'
    process.env.PACT_DESCRIPTION = 'no interaction has this description'
  })
  afterAll(async () => {
    for (const [k, v] of [
      ['PACT_BROKER_BASE_URL', saved.url],
      ['PACT_DESCRIPTION', saved.description],
    ] as const) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    await provider?.close()
  })

  it('verifies exactly the given pact file, and restores the variables afterwards', async () => {
    const report = await verifyAgainstTarget({
      target: provider.target,
      providerBaseUrl: provider.server.url,
      pactFiles: [pactFile],
    })
    expect(report.results.map((r) => [r.interaction.split(':')[0], r.status])).toEqual([
      ['DescribeView', 'passed'],
      ['DescribeView', 'passed'],
    ])
    expect(process.env.PACT_BROKER_BASE_URL).toBe('http://127.0.0.1:9')
    expect(customerViewsLeft(provider)).toBe(0)
  })
})
