// Contract verification as one more property of a run: the committed Pact interactions are verified against
// the run's target, and every interaction's verdict goes to the reports (one JUnit case each). The embedded
// stub is served over HTTP with the same options for the verifier; endpoints and AWS are verified directly
// (states arranged through the API on run-tagged views, requests re-signed with SigV4).
import type { PropertyResult } from '../harness/property'
import { startStubServer } from '../stub'
import { createTarget } from '../targets/create-target'
import type { Target } from '../targets/target'
import { providerBaseUrlFor, verifyAgainstTarget, type TargetVerificationReport } from './verify-target'

export const CONTRACTS_PROPERTY = {
  id: 'contracts',
  title: 'Pact contracts of every view operation verify against the target',
  rules: ['R1', 'R2', 'R3', 'R5', 'R10', 'R11', 'R12', 'R16', 'R17', 'R18', 'R21', 'R25', 'R27', 'R32', 'R33'],
} as const

async function verify(target: Target): Promise<TargetVerificationReport> {
  if (target.kind !== 'stub') {
    return verifyAgainstTarget({ target, providerBaseUrl: target.endpoint ?? providerBaseUrlFor('aws', target.region), logLevel: 'error' })
  }
  const server = await startStubServer({ coreOptions: { ...target.stubOptions } })
  const served = await createTarget({ target: server.url, instanceId: target.instanceId, region: target.region, run: target.run, rate: { tps: 10_000, burst: 10_000 } })
  try {
    return await verifyAgainstTarget({ target: served, providerBaseUrl: server.url, logLevel: 'error' })
  } finally {
    await served.close()
    await server.close()
  }
}

export async function runContractProperty(target: Target, opts: { seed: number }): Promise<PropertyResult> {
  const started = Date.now()
  const report = await verify(target)
  const interactions = report.results.map((r) => ({ ...r }))
  const base = {
    property: CONTRACTS_PROPERTY.id, title: CONTRACTS_PROPERTY.title, rules: CONTRACTS_PROPERTY.rules, seed: opts.seed,
    numRuns: interactions.length, commandsExecuted: interactions.length, durationMs: Date.now() - started, interactions,
  }
  const failed = interactions.filter((i) => i.status === 'failed')
  if (report.passed && failed.length === 0) return { ...base, status: 'passed' }
  const first = failed[0]
  const rule = /\((R\d+[a-z]?)\)/.exec(first?.interaction ?? '')?.[1] ?? 'R32'
  const setup = report.stateFailures.map((f) => `provider state ${f.action} failed for "${f.state}": ${f.message}`)
  const message = [
    `${failed.length}/${interactions.length} Pact interactions failed`,
    ...failed.map((i) => `- ${i.interaction} [given ${i.state}]\n    ${(i.mismatch ?? '').split('\n').join('\n    ')}`),
    ...setup,
  ].join('\n')
  return { ...base, status: 'failed', failure: { rule, message, step: 0, commands: [], transcript: [] } }
}
