// Runs Pact's Verifier and always answers with per-interaction results instead of a bare pass/throw.
//
// pact-core reads some settings straight from the environment (PACT_BROKER_BASE_URL adds the broker as a pact
// source whenever a provider name is set; PACT_DESCRIPTION & co. filter interactions). Unless a broker is
// asked for explicitly, those variables are hidden for the duration of the call, so a test run never talks to
// a broker just because CI exported its URL. Telemetry is switched off (PACT_DO_NOT_TRACK) unless the caller
// set the variable.
import { Verifier, type VerifierOptions } from '@pact-foundation/pact'
import type { StateHandlers } from '@pact-foundation/pact/src/dsl/verifier/proxy/types'
import type { RequestHandler } from 'express'
import { BROKER_ENV_VARS, FILTER_ENV_VARS, brokerVerifierOptions, type BrokerVerification } from './broker'
import { COMMITTED_PACT_FILE, PROVIDER_NAME } from './pact-names'
import {
  interactionResults,
  readPactDocument,
  stripAnsi,
  type InteractionResult,
  type VerifierJson,
} from './verification-results'

export interface VerifyPactsOptions {
  /** Where the provider API is served (the proxy forwards here). */
  providerBaseUrl: string
  /** Pact files to verify. Default: the committed pact. Ignored when `broker` is set. */
  pactFiles?: readonly string[]
  stateHandlers: StateHandlers
  requestFilter?: RequestHandler
  /** Take pacts from a broker (and publish results) instead of files. Off unless given. */
  broker?: BrokerVerification
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
  /** Per-request timeout of the verifier. Default 30 s. */
  timeoutMs?: number
}

export interface VerificationReport {
  passed: boolean
  results: InteractionResult[]
  /** Descriptions of the interactions in the order the verifier verified them (one at a time). */
  executionOrder: string[]
  /** The verifier's console output, colours stripped. */
  output: string
  durationMs: number
}

function withEnvHidden<T>(names: readonly string[], fn: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string>()
  for (const n of names) {
    const v = process.env[n]
    if (v !== undefined) {
      saved.set(n, v)
      delete process.env[n]
    }
  }
  return fn().finally(() => {
    for (const [n, v] of saved) process.env[n] = v
  })
}

function parseVerifierAnswer(text: string): VerifierJson | undefined {
  try {
    const json = JSON.parse(text) as unknown
    return json && typeof json === 'object' ? (json as VerifierJson) : undefined
  } catch {
    return undefined
  }
}

export async function verifyPacts(o: VerifyPactsOptions): Promise<VerificationReport> {
  process.env.PACT_DO_NOT_TRACK ??= 'true'
  const pactFiles = o.broker ? [] : [...(o.pactFiles ?? [COMMITTED_PACT_FILE])]
  const options: VerifierOptions = {
    provider: PROVIDER_NAME,
    providerBaseUrl: o.providerBaseUrl,
    ...(o.broker ? brokerVerifierOptions(o.broker) : { pactUrls: pactFiles }),
    // The Verifier's type intersects HTTP and message state handlers; the HTTP proxy uses ours as they are.
    stateHandlers: o.stateHandlers as VerifierOptions['stateHandlers'],
    ...(o.requestFilter ? { requestFilter: o.requestFilter } : {}),
    // Sign for, and send Host as, the provider's host even when it is on localhost.
    changeOrigin: true,
    logLevel: o.logLevel ?? 'error',
    timeout: o.timeoutMs ?? 30_000,
    failIfNoPactsFound: true,
  }
  const hidden = o.broker ? [...FILTER_ENV_VARS] : [...FILTER_ENV_VARS, ...BROKER_ENV_VARS]
  const started = Date.now()
  let answer: VerifierJson
  try {
    const text = await withEnvHidden(hidden, () => new Verifier(options).verifyProvider())
    answer = parseVerifierAnswer(String(text)) ?? { result: true }
  } catch (e) {
    // A failed verification rejects with the JSON answer as the message; anything else is a real error.
    const parsed = parseVerifierAnswer((e as Error).message)
    if (!parsed) throw e
    answer = parsed
  }
  const docs = pactFiles.map(readPactDocument)
  const results = interactionResults(answer, docs)
  return {
    passed: answer.result !== false && results.every((r) => r.status === 'passed'),
    results,
    executionOrder: (answer.interactionResults ?? []).map((v) => v.description),
    output: stripAnsi((answer.output ?? []).join('\n')),
    durationMs: Date.now() - started,
  }
}
