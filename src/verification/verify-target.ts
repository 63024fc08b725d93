// Contract verification against a Target (the stub's HTTP server, any endpoint, or AWS): provider states
// are arranged through the API on run-tagged views, every proxied request is re-signed with SigV4 for the
// provider's host and region, and everything the states created is deleted afterwards.
import type { RequestHandler } from 'express'
import type { OperationName } from '../spec'
import { matchRoute } from '../stub'
import type { Target } from '../targets/target'
import type { BrokerVerification } from './broker'
import { createResigningFilter } from './resign'
import { BudgetExhausted, StateArranger, type SetupFailure } from './state-arranger'
import { describeState, type InteractionResult } from './verification-results'
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
  /**
   * Milliseconds left in the run's time budget. No provider state is arranged after that; the interactions
   * it cuts off are reported `not-verified` (no verdict), never failed. Absent: no limit.
   */
  remainingMs?: number
  /** Eventual consistency: how long an arranged state may take to become visible, and whether the target showed staleness already. */
  consistency?: { windowMs: number; staleSeen?: boolean }
}

export interface TargetVerificationReport extends VerificationReport {
  /** States that could not be arranged or cleaned up (the verifier itself only sees an empty answer). */
  stateFailures: SetupFailure[]
}

/** The operation a proxied request calls (undefined for a route the API does not have). */
function operationOfRequest(method: string, path: string): OperationName | undefined {
  try {
    return matchRoute(method, path).op
  } catch {
    return undefined
  }
}

/** The provider base URL for a target setting: the URL itself, or the regional Connect endpoint for "aws". */
export function providerBaseUrlFor(target: string, region: string): string {
  return target === 'aws' ? `https://connect.${region}.amazonaws.com` : target.replace(/\/+$/, '')
}

/**
 * The interactions whose provider state the deadline cut off. The verifier runs one interaction at a time and
 * lists its verdicts in that order, and it asks for each interaction's state setup before its request: the
 * k-th interaction with a provider state is the k-th setup. A state that does not pair up (another order
 * than assumed) marks nothing: those interactions keep the verifier's verdict.
 */
function cutOffInteractions(
  report: VerificationReport,
  setups: readonly { state: string; cutOff: boolean; throttled?: boolean }[],
  which: 'cutOff' | 'throttled' = 'cutOff',
): Set<string> {
  const out = new Set<string>()
  const byDescription = new Map(report.results.map((r) => [r.interaction, r]))
  let k = 0
  for (const d of report.executionOrder) {
    const r = byDescription.get(d)
    if (!r?.state) continue
    const setup = setups[k++]
    if (setup?.state !== r.state) break
    if (setup[which]) out.add(d)
  }
  return out
}

export async function verifyAgainstTarget(o: TargetVerificationOptions): Promise<TargetVerificationReport> {
  const deadline = o.remainingMs === undefined ? undefined : Date.now() + Math.max(0, o.remainingMs)
  const arranger = new StateArranger(o.target, {
    ...(deadline !== undefined ? { deadline } : {}),
    ...(o.consistency ? { consistency: o.consistency } : {}),
  })
  const resign =
    o.resign === false
      ? undefined
      : createResigningFilter({
          targetUrl: o.providerBaseUrl,
          region: o.target.region,
          credentials: o.target.client.config.credentials,
        })
  // The verifier sends an interaction's request even when its state setup failed. After a cut-off setup the
  // request would carry the pact's example values (a CreateView of the example name, on a live account):
  // it is answered here and never reaches the target.
  // Every interaction's request waits for the target's rate limiter like any other call (the verifier itself
  // sends unpaced), and a 429 answer to it marks its interaction throttled: a rate limit, not a verdict. The
  // interaction is found by its state setup, the latest one (every interaction of the committed pact has a
  // provider state; in a pact with stateless ones, their 429 would mark the interaction before them).
  const requestFilter: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/_pact')) return resign ? resign(req, res, next) : next()
    const setup = arranger.setups.at(-1)
    if (deadline !== undefined && setup?.cutOff) {
      res.status(503).set('x-cvc-not-verified', 'time budget').end()
      return
    }
    const op = operationOfRequest(req.method, req.path)
    res.on('finish', () => {
      if (res.statusCode === 429 && setup) setup.throttled = true
      if (!op) return
      // the verifier's requests are the run's calls too: counted, and a 429 corrects the limiter's model
      o.target.countExternal(op, res.statusCode)
      o.target.paced(op, res.statusCode === 429)
    })
    void (op ? o.target.pace(op) : Promise.resolve()).then(() => (resign ? resign(req, res, next) : next()), next)
  }
  let report: VerificationReport
  try {
    report = await verifyPacts({
      providerBaseUrl: o.providerBaseUrl,
      stateHandlers: arranger.stateHandlers(),
      ...(o.pactFiles ? { pactFiles: o.pactFiles } : {}),
      requestFilter,
      ...(o.broker ? { broker: o.broker } : {}),
      ...(o.logLevel ? { logLevel: o.logLevel } : {}),
    })
  } finally {
    try {
      await arranger.cleanup()
    } catch (e) {
      arranger.failures.push({
        state: '(final cleanup)',
        params: {},
        action: 'teardown',
        message: (e as Error).message,
      })
    }
  }
  // A state the deadline cut off means no verdict: that interaction is not verified, whatever the verifier
  // says. A state that could not be arranged explains its interaction's mismatch better than the mismatch does.
  const cutOff = cutOffInteractions(report, arranger.setups)
  const throttled = cutOffInteractions(report, arranger.setups, 'throttled')
  const results = report.results.map((r): InteractionResult => {
    if (cutOff.has(r.interaction)) return { ...r, status: 'not-verified', mismatch: new BudgetExhausted().message }
    if (throttled.has(r.interaction) && r.status === 'failed')
      return { ...r, status: 'not-verified', mismatch: `not verified: the target throttled its request (HTTP 429)` }
    if (r.status !== 'failed') return r
    const setup = arranger.failures.find((f) => f.action === 'setup' && describeState(f.state, f.params) === r.state)
    return setup ? { ...r, mismatch: `provider state setup failed: ${setup.message}\n${r.mismatch ?? ''}`.trim() } : r
  })
  const passed = results.every((r) => r.status === 'passed') && arranger.failures.length === 0
  return { ...report, results, passed, stateFailures: [...arranger.failures] }
}
