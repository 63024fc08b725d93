// The opt-in quota probe (R22, `--probe-quotas <max-calls>`): Connect does not document its view quotas, so
// reaching one costs an unknown number of creating calls and views or versions that must be cleaned up. Off
// by default; with the flag it publishes versions of one view (each a new content, then CreateViewVersion),
// then creates views, until an answer is a quota answer or `max-calls` creating calls were spent. The quota
// answer must be HTTP 402 with the operation's declared class (ServiceQuotaExceededException), with a
// message and the x-amzn-errortype header. Everything the probe created is deleted before it returns.
import type { AssertionLedger } from '../../harness/assertions'
import type { OperationName, RuleId } from '../../spec'
import { answerClassVerdict } from '../../targets/answer-class'
import { RUN_TAG_KEY } from '../../targets/run-identity'
import type { CallOutcome } from '../../targets/sdk-call'
import type { Target } from '../../targets/target'
import type { ProbeResult } from './plan-probes'

/** Why R22 stays not exercised when the probe is not asked for (the report's note). */
export const QUOTA_PROBE_OFF =
  'Connect does not document its view quotas; reaching one costs an unknown number of views or versions (--probe-quotas <max-calls> opts in)'

/** Of the calls allowed, the share spent on versions of one view before views are tried. */
const VERSIONS_SHARE = 0.5

function content(n: number): { Template: string; Actions: string[] } {
  return { Template: JSON.stringify({ Head: { Title: `Quota probe ${n}` }, Body: [] }), Actions: ['Submit'] }
}

/** A quota answer: 402, or the quota class under any status (answerClassVerdict judges which). */
function isQuotaAnswer(o: CallOutcome): boolean {
  return !o.ok && (o.error.status === 402 || o.error.name === 'ServiceQuotaExceededException')
}

/** R22 on a quota answer: the declared class and status, with a message and the error-type header. */
function quotaVerdict(op: OperationName, o: CallOutcome): string | undefined {
  if (o.ok) return undefined
  const v = answerClassVerdict(op, o.error)
  if (v?.failure) return v.failure
  if (!o.error.message) return `${op}'s quota answer has no message`
  if (o.raw && !o.raw.headers['x-amzn-errortype']) return `${op}'s quota answer has no x-amzn-errortype header`
  return undefined
}

export async function runQuotaProbe(target: Target, ledger: AssertionLedger, maxCalls: number): Promise<ProbeResult> {
  const id = target.sequenceIdentity()
  const before = target.stats.calls
  const created: string[] = []
  let spent = 0
  let reached: { op: OperationName; outcome: CallOutcome; after: string } | undefined
  const createView = async (n: number) => {
    spent++
    const o = await target.send('CreateView', {
      InstanceId: target.instanceId,
      Name: `${id.namePrefix}quota-${n}`,
      Status: 'PUBLISHED',
      Content: content(0),
      Tags: { [RUN_TAG_KEY]: target.run.runId },
    })
    if (o.ok) created.push(String((o.output.View as { Id?: string } | undefined)?.Id))
    return o
  }
  try {
    // versions of one view first: they cost one view to clean up, whatever the quota
    const first = await createView(0)
    const viewId = created[0]
    for (let v = 1; viewId && !reached && spent + 2 <= maxCalls * VERSIONS_SHARE; v++) {
      spent += 2
      const update = await target.send('UpdateViewContent', {
        InstanceId: target.instanceId,
        ViewId: viewId,
        Status: 'PUBLISHED',
        Content: content(v),
      })
      if (!update.ok) break
      const o = await target.send('CreateViewVersion', { InstanceId: target.instanceId, ViewId: viewId })
      if (isQuotaAnswer(o)) reached = { op: 'CreateViewVersion', outcome: o, after: `${v - 1} versions of one view` }
      else if (!o.ok) break
    }
    if (isQuotaAnswer(first)) reached = { op: 'CreateView', outcome: first, after: 'no view' }
    for (let n = 1; !reached && spent < maxCalls; n++) {
      const o = await createView(n)
      if (isQuotaAnswer(o)) reached = { op: 'CreateView', outcome: o, after: `${created.length} views of this run` }
      else if (!o.ok) break
    }
  } finally {
    for (const viewId of created) {
      const o = await target.send('DeleteView', { InstanceId: target.instanceId, ViewId: viewId })
      if (!o.ok && o.error.name !== 'ResourceNotFoundException')
        target.cleanupFailures.set(viewId, `${o.error.name}: ${o.error.message.split('\n')[0]}`)
    }
  }
  const calls = target.stats.calls - before
  const name = `plan probe: views or versions until a quota answer, at most ${maxCalls} creating calls`
  if (!reached)
    return {
      calls,
      interaction: {
        interaction: `${name}: no quota answer after ${spent} (R22 not exercised)`,
        state: 'serves R22',
        status: 'passed',
        rules: [],
      },
    }
  const failure = quotaVerdict(reached.op, reached.outcome)
  const rule: RuleId = 'R22'
  if (failure) ledger.fail(rule)
  else ledger.record(rule)
  const answered = reached.outcome.ok ? '' : `HTTP ${reached.outcome.error.status} ${reached.outcome.error.name}`
  return {
    calls,
    ...(failure ? { failure: { rule, message: failure } } : {}),
    interaction: {
      interaction: `${name}: ${reached.op} after ${reached.after} answered ${answered}; ${created.length} view(s) deleted`,
      state: 'serves R22',
      status: failure ? 'failed' : 'passed',
      rules: [rule],
      ...(failure ? { mismatch: `R22: ${failure}` } : {}),
    },
  }
}
