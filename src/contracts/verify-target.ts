// Contract verification against a Target (the stub's HTTP server, any endpoint, or AWS): provider states
// are arranged through the API on run-tagged views, every proxied request is re-signed with SigV4 for the
// provider's host and region, and everything the states created is deleted afterwards.
import type { Target } from '../targets/target'
import type { BrokerVerification } from './broker'
import { createResigningFilter } from './resign'
import { StateArranger, type SetupFailure } from './state-arranger'
import { describeState } from './verification-results'
import { verifyPacts, type VerificationReport } from './verify'

export interface TargetVerificationOptions {
  target: Target
  /** Where the API is served: the stub/emulator URL, or https://connect.<region>.amazonaws.com. */
  providerBaseUrl: string
  pactFiles?: readonly string[]
  /** Re-sign proxied requests with the target's credentials. Default true; false replays the pact's stale example. */
  resign?: boolean
  broker?: BrokerVerification
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
}

export interface TargetVerificationReport extends VerificationReport {
  /** States that could not be arranged or cleaned up (the verifier itself only sees an empty answer). */
  stateFailures: SetupFailure[]
}

/** The provider base URL for a target setting: the URL itself, or the regional Connect endpoint for "aws". */
export function providerBaseUrlFor(target: string, region: string): string {
  return target === 'aws' ? `https://connect.${region}.amazonaws.com` : target.replace(/\/+$/, '')
}

export async function verifyAgainstTarget(o: TargetVerificationOptions): Promise<TargetVerificationReport> {
  const arranger = new StateArranger(o.target)
  const requestFilter = o.resign === false ? undefined : createResigningFilter({
    targetUrl: o.providerBaseUrl,
    region: o.target.region,
    credentials: o.target.client.config.credentials,
  })
  let report: VerificationReport
  try {
    report = await verifyPacts({
      providerBaseUrl: o.providerBaseUrl, stateHandlers: arranger.stateHandlers(),
      ...(o.pactFiles ? { pactFiles: o.pactFiles } : {}), ...(requestFilter ? { requestFilter } : {}),
      ...(o.broker ? { broker: o.broker } : {}), ...(o.logLevel ? { logLevel: o.logLevel } : {}),
    })
  } finally {
    try {
      await arranger.cleanup()
    } catch (e) {
      arranger.failures.push({ state: '(final cleanup)', params: {}, action: 'teardown', message: (e as Error).message })
    }
  }
  // A state that could not be arranged explains its interaction's mismatch better than the mismatch does.
  const results = report.results.map((r) => {
    const setup = r.status === 'failed' ? arranger.failures.find((f) => f.action === 'setup' && describeState(f.state, f.params) === r.state) : undefined
    return setup ? { ...r, mismatch: `provider state setup failed: ${setup.message}\n${r.mismatch ?? ''}`.trim() } : r
  })
  return { ...report, results, passed: report.passed && arranger.failures.length === 0, stateFailures: [...arranger.failures] }
}
