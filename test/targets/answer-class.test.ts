// R23/R22 on every answer: a 429 must be the operation's declared throttling class and a 402 its quota class
// (from the generated model). Target.send retries only a correct 429 and counts it as an executed R23
// assertion; a wrong one is returned for the checks to fail, and a 5xx is never retried, whatever its name.
import { describe, expect, it } from 'vitest'
import { AssertionLedger } from '../../src/harness/assertions'
import { checkRetriedAnswers, checkWireBasics } from '../../src/harness/checks'
import type { Step } from '../../src/harness/session'
import { DEFAULT_INSTANCE_ID as I } from '../../src/model/options'
import { declaredErrorWithStatus, throttlingErrorOf } from '../../src/spec'
import { answerClassVerdict } from '../../src/targets/answer-class'
import { createTarget } from '../../src/targets/create-target'
import { newRunIdentity } from '../../src/targets/run-identity'
import { Target } from '../../src/targets/target'

const err = (name: string, status?: number) => ({ name, status })

describe('the class a status fixes, from the generated model', () => {
  it('429 is TooManyRequestsException on view operations, ThrottlingException on tagging and SearchViews; 402 is the quota class where declared', () => {
    expect(throttlingErrorOf('ListViews')).toBe('TooManyRequestsException')
    expect(throttlingErrorOf('SearchViews')).toBe('ThrottlingException')
    expect(throttlingErrorOf('TagResource')).toBe('ThrottlingException')
    expect(declaredErrorWithStatus('CreateView', 402)).toBe('ServiceQuotaExceededException')
    expect(declaredErrorWithStatus('CreateViewVersion', 402)).toBe('ServiceQuotaExceededException')
    expect(declaredErrorWithStatus('DescribeView', 402)).toBeUndefined()
  })

  it('judges a throttling or quota answer in both directions (status and class), and nothing else', () => {
    expect(answerClassVerdict('DescribeView', err('TooManyRequestsException', 429))).toEqual({ rule: 'R23' })
    expect(answerClassVerdict('DescribeView', err('ThrottlingException', 429))?.failure).toMatch(
      /HTTP 429 TooManyRequestsException/,
    )
    expect(answerClassVerdict('SearchViews', err('TooManyRequestsException', 429))?.failure).toMatch(
      /HTTP 429 ThrottlingException/,
    )
    expect(answerClassVerdict('ListViews', err('TooManyRequestsException', 400))?.failure).toMatch(/HTTP 400/)
    expect(answerClassVerdict('ListViews', err('UnreadableErrorAnswer', 429))?.rule).toBe('R23')
    expect(answerClassVerdict('CreateView', err('ServiceQuotaExceededException', 402))).toEqual({ rule: 'R22' })
    expect(answerClassVerdict('CreateView', err('InvalidRequestException', 402))).toMatchObject({
      rule: 'R22',
      failure: expect.stringMatching(/ServiceQuotaExceededException/),
    })
    expect(answerClassVerdict('CreateViewVersion', err('ServiceQuotaExceededException', 400))?.rule).toBe('R22')
    expect(answerClassVerdict('CreateViewVersion', err('ServiceQuotaExceededException', 400))?.failure).toBeDefined()
    expect(answerClassVerdict('DescribeView', err('ResourceNotFoundException', 404))).toBeUndefined()
  })

  it('checkWireBasics records R23/R22 on such answers and fails the wrong class under that rule', () => {
    const step = (op: 'DescribeView' | 'CreateView', name: string, status: number) =>
      ({
        index: 0,
        cmd: { op: 'Raw', operation: op, input: {} },
        target: { outcome: { ok: false, error: { name, message: 'm', status, fields: {} } }, requests: [] },
        model: { outcome: { ok: true, output: {} }, requests: [] },
      }) as unknown as Step
    const run = (s: Step) => {
      const asserted: string[] = []
      return { failure: checkWireBasics(s, (r) => asserted.push(r)), asserted }
    }
    expect(run(step('DescribeView', 'TooManyRequestsException', 429))).toEqual({
      failure: undefined,
      asserted: ['R34', 'R23', 'R33'],
    })
    expect(run(step('DescribeView', 'ThrottlingException', 429)).failure?.rule).toBe('R23')
    expect(run(step('CreateView', 'ServiceQuotaExceededException', 402))).toEqual({
      failure: undefined,
      asserted: ['R34', 'R22', 'R33'],
    })
    expect(run(step('CreateView', 'InvalidRequestException', 402)).failure?.rule).toBe('R22')
  })
})

describe('Target.send and 429s', () => {
  it('retries a 429 of the declared class, and the checks count each as an executed R23 assertion', async () => {
    const target = await createTarget({
      target: 'stub',
      stub: { faults: { forceError: [{ operation: 'ListViews', errorName: 'TooManyRequestsException', times: 2 }] } },
    })
    expect((await target.send('ListViews', { InstanceId: I })).ok).toBe(true)
    expect(target.stats.throttleRetries).toBe(2)
    const retried = target.takeRetriedAnswers()
    expect(retried.map((r) => `${r.op} ${r.error.name} ${r.error.status}`)).toEqual([
      'ListViews TooManyRequestsException 429',
      'ListViews TooManyRequestsException 429',
    ])
    const ledger = new AssertionLedger()
    expect(checkRetriedAnswers(retried, ledger.record)).toBeUndefined()
    expect(ledger.toRecord()).toEqual({ R23: 2 })
    expect(target.takeRetriedAnswers()).toEqual([]) // taken once
    await target.close()
  })

  it('does not retry a 429 of the wrong class: it is returned, and the checks fail it as R23', async () => {
    const target = await createTarget({
      target: 'stub',
      stub: { faults: { forceError: [{ operation: 'SearchViews', errorName: 'TooManyRequestsException', times: 1 }] } },
    })
    const o = await target.send('SearchViews', { InstanceId: I, MaxResults: 1 })
    expect(o.ok ? 'ok' : `${o.error.name} ${o.error.status}`).toBe('TooManyRequestsException 429')
    expect(target.stats.throttleRetries).toBe(0)
    expect(target.takeRetriedAnswers()).toEqual([])
    expect(
      answerClassVerdict('SearchViews', (o as { error: { name: string; status?: number } }).error)?.failure,
    ).toBeDefined()
    await target.close()
  })

  it('never retries a 5xx, even one named like a throttling error', async () => {
    let calls = 0
    const client = {
      send: async () => {
        calls++
        throw Object.assign(new Error('overloaded'), {
          name: 'TooManyRequestsException',
          $metadata: { httpStatusCode: 503 },
        })
      },
      destroy: () => {},
    }
    const target = new Target({
      kind: 'stub',
      label: 'double',
      client: client as never,
      instanceId: I,
      region: 'us-east-1',
      run: newRunIdentity(),
      guarded: false,
      backoffMs: () => 1,
    })
    const o = await target.send('ListViews', { InstanceId: I })
    expect(o.ok ? 'ok' : o.error.status).toBe(503)
    expect(calls).toBe(1)
    expect(target.stats.serverErrors).toBe(1)
    expect(target.stats.throttleRetries).toBe(0)
  })
})
