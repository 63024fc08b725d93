// The coverage plan's two probes beyond its command sequence, for the documented rules a model-compared
// sequence cannot reach:
// - R44: a few malformed requests, sent through the real SDK client and corrupted before signing
//   (src/targets/wire-tweak.ts), must get a 4xx with x-amzn-errortype, never a 5xx or a success.
// - R23: a short burst of one cheap read (ListViews) past the client-side limiter: one concurrent wave, then
//   one call at a time, so the burst stops at the first 429 (one, where the bucket is as modelled) instead of
//   a wave of them; each 429 it provokes must be the operation's declared throttling class. The burst's calls
//   still take their tokens from the limiter's model (Target.send, unpaced), so the calls after it wait for the
//   refill instead of meeting the empty bucket. A target that never throttles leaves R23 not exercised.
import type { OperationName, RuleId } from '../../spec'
import type { AssertionLedger } from '../../harness/assertions'
import type { InteractionVerdict } from '../../harness/property-types'
import { answerClassVerdict } from '../../targets/answer-class'
import { ABSENT_VIEW_ID } from '../../targets/implementation'
import type { CallOutcome } from '../../targets/sdk-call'
import type { Target } from '../../targets/target'
import { bodyText, setBody, type WireTweak } from '../../targets/wire-tweak'

export interface ProbeResult {
  interaction: InteractionVerdict
  failure?: { rule: RuleId; message: string }
  calls: number
}

interface MalformedProbe {
  op: OperationName
  input: (instanceId: string) => Record<string, unknown>
  tweak: WireTweak
}

const searchInput = (instanceId: string) => ({
  InstanceId: instanceId,
  MaxResults: 1,
  SearchCriteria: {
    AndConditions: [
      { StringCondition: { FieldName: 'name', Value: 'conformance-malformed-', ComparisonType: 'STARTS_WITH' } },
    ],
  },
})

/** Read-only or aimed at a view that cannot exist: none of them can change anything, even if accepted. */
export const MALFORMED_PROBES: readonly MalformedProbe[] = [
  {
    op: 'SearchViews',
    input: searchInput,
    tweak: { label: 'a body that is not JSON', corrupt: (r) => setBody(r, `${bodyText(r).slice(0, -1)},`) },
  },
  {
    op: 'SearchViews',
    input: searchInput,
    tweak: {
      label: 'MaxResults as a string',
      corrupt: (r) => setBody(r, JSON.stringify({ ...JSON.parse(bodyText(r)), MaxResults: 'one' })),
    },
  },
  {
    op: 'DeleteViewVersion',
    input: (instanceId) => ({ InstanceId: instanceId, ViewId: ABSENT_VIEW_ID, ViewVersion: 1 }),
    tweak: {
      label: 'a version label that is not an integer',
      corrupt: (r) => {
        r.path = r.path.replace(/\/versions\/1$/, '/versions/one')
      },
    },
  },
]

/** 401/403: the caller was refused before the request was read; 429: throttled (judged as R23 wherever it comes). */
const NOT_ABOUT_THE_REQUEST = new Set([401, 403, 429])

/** R44 on one answer: undefined when it keeps the rule. */
function malformedVerdict(o: CallOutcome): string | undefined {
  const status = o.raw?.status ?? (o.ok ? 200 : o.error.status)
  if (status === undefined) return `no answer (${o.ok ? '' : o.error.message.split('\n')[0]})`
  if (status >= 500) return `HTTP ${status} ${o.ok ? '' : o.error.name}: a malformed request is the client's fault`
  if (status < 400) return `HTTP ${status}: the malformed request was accepted`
  if (!o.raw?.headers['x-amzn-errortype']) return `HTTP ${status} without x-amzn-errortype`
  return undefined
}

export async function runMalformedProbes(target: Target, ledger: AssertionLedger): Promise<ProbeResult[]> {
  const results: ProbeResult[] = []
  for (const p of MALFORMED_PROBES) {
    if (target.implementation.isMissing(p.op)) continue
    const before = target.stats.calls
    const o = await target.send(p.op, p.input(target.instanceId), { tweak: p.tweak })
    const name = `plan probe: ${p.op} with ${p.tweak.label}`
    const calls = target.stats.calls - before
    // a throttled or refused (authentication) answer says nothing about how the request was read
    if (!o.ok && NOT_ABOUT_THE_REQUEST.has(o.error.status ?? 0)) {
      results.push({ calls, interaction: { interaction: name, state: 'serves R44', status: 'passed', rules: [] } })
      continue
    }
    const failure = malformedVerdict(o)
    if (failure) ledger.fail('R44')
    else ledger.record('R44')
    const answered = o.ok
      ? `HTTP ${o.raw?.status ?? 200}`
      : `HTTP ${o.error.status ?? '-'} ${o.raw?.headers['x-amzn-errortype'] ?? o.error.name}`
    results.push({
      calls,
      interaction: {
        interaction: `${name}: ${answered}`,
        state: 'serves R44',
        status: failure ? 'failed' : 'passed',
        rules: ['R44'],
        ...(failure ? { mismatch: `R44: ${failure}` } : {}),
      },
      ...(failure ? { failure: { rule: 'R44', message: `${p.op} with ${p.tweak.label}: ${failure}` } } : {}),
    })
  }
  return results
}

/** The burst: a first wave of this many concurrent calls, then one at a time, until one is throttled or BURST_MAX calls were sent. */
export const BURST_WAVE = 4
export const BURST_MAX = 12
const BURST_OP: OperationName = 'ListViews'

export async function runThrottleBurst(target: Target, ledger: AssertionLedger): Promise<ProbeResult> {
  const name = `plan probe: a burst of up to ${BURST_MAX} ${BURST_OP} past the client-side limiter`
  if (target.implementation.isMissing(BURST_OP))
    return { calls: 0, interaction: { interaction: name, state: 'serves R23', status: 'passed', rules: [] } }
  const input = { InstanceId: target.instanceId, MaxResults: 1 }
  const before = target.stats.calls
  let throttled = 0
  const rules = new Set<RuleId>()
  let failure: ProbeResult['failure']
  for (let sent = 0, size = BURST_WAVE; sent < BURST_MAX && throttled === 0 && !failure; sent += size, size = 1) {
    const wave = await Promise.all(
      Array.from({ length: Math.min(size, BURST_MAX - sent) }, () => target.send(BURST_OP, input, { unpaced: true })),
    )
    for (const o of wave) {
      if (o.ok) continue
      // a retry never hides a server error: the burst retries nothing, and a 5xx is R34's failure
      if ((o.error.status ?? 0) >= 500 || o.unknown) {
        ledger.fail('R34')
        rules.add('R34')
        failure ??= {
          rule: 'R34',
          message: `${BURST_OP} in a burst: ${o.unknown ? 'no answer' : `HTTP ${o.error.status} ${o.error.name}`}: ${o.error.message.split('\n')[0]}`,
        }
        continue
      }
      const v = answerClassVerdict(BURST_OP, o.error)
      if (v?.rule !== 'R23') continue
      throttled++
      rules.add('R23')
      if (v.failure) {
        ledger.fail('R23')
        failure ??= { rule: 'R23', message: v.failure }
      } else ledger.record('R23')
    }
  }
  const calls = target.stats.calls - before
  const outcome = throttled ? `${throttled} of ${calls} throttled` : `none of ${calls} throttled: R23 not exercised`
  return {
    calls,
    ...(failure ? { failure } : {}),
    interaction: {
      interaction: `${name}: ${outcome}`,
      state: 'serves R23',
      status: failure ? 'failed' : 'passed',
      // a failed interaction names only the rule that failed
      rules: failure ? [failure.rule] : [...rules].sort(),
      ...(failure ? { mismatch: `${failure.rule}: ${failure.message}` } : {}),
    },
  }
}
