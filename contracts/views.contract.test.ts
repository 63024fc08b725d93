// The Views API contract, end to end, in ONE file so the order is guaranteed: vitest runs files in parallel
// but the tests of a file one after another. (1) the consumer records the pact into a fresh directory;
// (2) the pact replaces contracts/pacts/ atomically, only if every consumer case passed; (3) the provider
// side verifies contracts/pacts/ against the stub's HTTP server with SigV4 checking ON: re-signed it passes,
// replayed as recorded it fails; (4) a planted deviation fails with a readable mismatch; (5) an answer the
// contract deliberately leaves open verifies either way; (6) the committed files carry no credentials.
import { rmSync } from 'node:fs'
import { PactV4 } from '@pact-foundation/pact'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMITTED_PACT_FILE, COMMITTED_PACTS_DIR, CONSUMER_NAME, PROVIDER_NAME } from '../src/verification/pact-names'
import { freshPactDir, syncPactFiles } from '../src/verification/pact-files'
import { scanPactDirectory } from '../src/verification/pact-hygiene'
import { formatResults, readPactDocument } from '../src/verification/verification-results'
import { verifyAgainstTarget, type TargetVerificationReport } from '../src/verification/verify-target'
import { CONTRACT_CASES } from './consumer'
import { recordCase } from './consumer/record'
import { customerViewsLeft, startStubProvider, type StubProvider } from './provider/stub-provider'

const R11 = 'CreateViewVersion: with no change since the highest version it returns that version and creates none (R11)'
const generatedDir = freshPactDir()
let recorded = 0
afterAll(() => rmSync(generatedDir, { recursive: true, force: true }))

describe('1. consumer: the real ConnectClient against the Pact mock server', () => {
  const pact = new PactV4({ consumer: CONSUMER_NAME, provider: PROVIDER_NAME, dir: generatedDir, logLevel: 'warn' })
  for (const c of CONTRACT_CASES) {
    it(c.description, async () => {
      await recordCase(pact, c)
      recorded++
    })
  }
})

describe('2. the pact is written to contracts/pacts/', () => {
  it('replaces the committed pact with the one just recorded (all consumer cases passed)', () => {
    expect(recorded, 'a consumer case failed: contracts/pacts/ is left as it was').toBe(CONTRACT_CASES.length)
    syncPactFiles(generatedDir, COMMITTED_PACTS_DIR)
    const doc = readPactDocument(COMMITTED_PACT_FILE)
    expect(doc.interactions.map((i) => i.description).sort()).toEqual(CONTRACT_CASES.map((c) => c.description).sort())
    for (const c of CONTRACT_CASES)
      expect(doc.interactions.find((i) => i.description === c.description)?.comments?.rules, c.description).toEqual([
        ...c.rules,
      ])
  })
})

describe('3. provider: the stub HTTP server, SigV4 checking on, requests re-signed', () => {
  let provider: StubProvider
  let report: TargetVerificationReport
  beforeAll(async () => {
    provider = await startStubProvider()
    report = await verifyAgainstTarget({ target: provider.target, providerBaseUrl: provider.server.url })
    if (!report.passed) console.log(formatResults(report.results))
  })
  afterAll(() => provider?.close())

  for (const c of CONTRACT_CASES) {
    it(`verifies: ${c.description}`, () => {
      const r = report.results.find((x) => x.interaction === c.description)
      expect(r?.status, r?.mismatch).toBe('passed')
      // the rules come back from the pact, as the consumer declared them
      expect(r?.rules).toEqual([...c.rules])
    })
  }
  it('arranged every provider state and cleaned up every view it created', () => {
    expect(report.stateFailures).toEqual([])
    expect(customerViewsLeft(provider)).toBe(0)
    expect(provider.server.core.counters.unexpectedErrors).toBe(0)
  })
})

describe('4. provider: the same pact replayed WITHOUT re-signing is rejected by the signature check', () => {
  let provider: StubProvider
  let report: TargetVerificationReport
  beforeAll(async () => {
    provider = await startStubProvider()
    report = await verifyAgainstTarget({ target: provider.target, providerBaseUrl: provider.server.url, resign: false })
  })
  afterAll(() => provider?.close())

  it('fails every interaction: the stale example signature gets a 403 (section 3 passes with re-signing)', () => {
    expect(report.passed).toBe(false)
    expect(report.results).toHaveLength(CONTRACT_CASES.length)
    for (const r of report.results) {
      expect(r.status, r.interaction).toBe('failed')
      // A 403 where a 2xx/404/409 was expected; the 4xx-class checksum case fails on the error type instead.
      expect(r.mismatch, r.interaction).toMatch(/\b403\b|IncompleteSignatureException|InvalidSignatureException/)
    }
    const rejected = Object.entries(provider.server.core.counters.byError)
      .filter(([name]) => /Signature|UnrecognizedClient|MissingAuthenticationToken/.test(name))
      .reduce((n, [, count]) => n + count, 0)
    expect(rejected).toBe(CONTRACT_CASES.length)
  })
  it('still arranged (directly signed) and cleaned up every provider state', () => {
    expect(report.stateFailures).toEqual([])
    expect(customerViewsLeft(provider)).toBe(0)
  })
})

describe('5. a planted deviation (quirk no-change-publish-creates-version) fails verification readably', () => {
  let provider: StubProvider
  let report: TargetVerificationReport
  beforeAll(async () => {
    provider = await startStubProvider({ quirks: ['no-change-publish-creates-version'] })
    report = await verifyAgainstTarget({ target: provider.target, providerBaseUrl: provider.server.url })
  })
  afterAll(() => provider?.close())

  it('R11: exactly the no-change publish interaction fails, naming the field, the expected and the actual version', () => {
    const failed = report.results.filter((r) => r.status === 'failed')
    expect(failed.map((r) => r.interaction)).toEqual([R11])
    expect(failed[0]!.state).toBe('view V has published versions 1..N and $LATEST equals version N {"N":3}')
    expect(failed[0]!.mismatch).toBe('$.View.Version: Expected 4 (Integer) to be equal to 3 (Integer)')
    expect(formatResults(report.results)).toContain(`FAIL  ${R11}`)
  })
})

describe('6. an undocumented answer the contract leaves open still verifies', () => {
  it('R12: a checksum conflict answered 409 ResourceInUseException (instead of 400) passes: any 4xx, any candidate class', async () => {
    const provider = await startStubProvider({ choices: { checksumConflictError: 'ResourceInUseException' } })
    try {
      const report = await verifyAgainstTarget({ target: provider.target, providerBaseUrl: provider.server.url })
      expect(report.results.filter((r) => r.status === 'failed')).toEqual([])
      expect(provider.server.core.counters.byStatus[409]).toBeGreaterThanOrEqual(2) // the conflict and the duplicate name
    } finally {
      await provider.close()
    }
  })
})

describe('7. the committed pact files carry no credentials', () => {
  it('contracts/pacts/*.json: no AKIA key ids, no real signatures, no secret-like strings, no account id but 123456789012', () => {
    const { files, findings } = scanPactDirectory(COMMITTED_PACTS_DIR)
    expect(files).toContain(COMMITTED_PACT_FILE.split('/').pop())
    expect(findings).toEqual([])
  })
})
