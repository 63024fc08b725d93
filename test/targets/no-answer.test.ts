// No answer is not a wrong answer: a call the client gave up waiting for (its request timeout) is tried once
// more under the limiter; if that gets no answer either, the step has no verdict and is counted, never an
// R34 failure of the target. Only the same call never answered at all, tried over and over, is a failure
// (a hang). Timeouts are simulated by a client whose send() raises the SDK handler's TimeoutError.
import type { ConnectClient } from '@aws-sdk/client-connect'
import { afterEach, describe, expect, it } from 'vitest'
import { runProperty } from '../../src/engine/runners/sequential'
import { differential } from '../../src/properties/differential'
import { createTarget } from '../../src/targets/create-target'
import { newRunIdentity } from '../../src/targets/run-identity'
import { HANG_TRIES } from '../../src/targets/call-stats'
import { Target } from '../../src/targets/target'

const timeout = () =>
  Object.assign(new Error('@smithy/node-http-handler - a request has exceeded the configured 100 ms requestTimeout.'), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  })

/** A client that answers ListViews with an empty list, except for the calls `times` says time out. */
function fakeClient(times: (call: number) => boolean): { client: ConnectClient; calls: () => number } {
  let n = 0
  const client = {
    send: async () => {
      if (times(++n)) throw timeout()
      return { ViewsSummaryList: [], $metadata: { httpStatusCode: 200 } }
    },
    destroy: () => {},
  } as unknown as ConnectClient
  return { client, calls: () => n }
}

function fakeTarget(client: ConnectClient, acquired: string[]): Target {
  return new Target({
    kind: 'endpoint',
    label: 'fake',
    client,
    instanceId: '11111111-2222-4333-8444-555555555555',
    region: 'us-east-1',
    run: newRunIdentity('noanswer'),
    guarded: false,
    limiter: { acquire: async (op) => void acquired.push(op) },
    requestTimeoutMs: 100,
  })
}

const targets: Target[] = []
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})

describe('a call without an answer', () => {
  it('is tried once more under the limiter, and the answer of the retry counts', async () => {
    const acquired: string[] = []
    const { client, calls } = fakeClient((n) => n === 1)
    const target = fakeTarget(client, acquired)
    const o = await target.send('ListViews', { InstanceId: target.instanceId })
    expect(o.ok).toBe(true)
    expect(calls()).toBe(2)
    expect(acquired).toEqual(['ListViews', 'ListViews'])
    expect(target.stats.noAnswer).toMatchObject({ withinMs: 100, tries: 1, byOperation: { ListViews: 1 } })
    expect(target.stats.errorsByOperation).toEqual({}) // no answer has no error class
  })

  it('gets no verdict when the retry gets none either: the outcome says so, nothing is judged', async () => {
    const { client, calls } = fakeClient(() => true)
    const target = fakeTarget(client, [])
    const o = await target.send('ListViews', { InstanceId: target.instanceId })
    expect(calls()).toBe(2)
    expect(o.ok).toBe(false)
    expect(!o.ok && o.noAnswer).toEqual({ withinMs: 100, tries: 2 })
  })
})

/** Makes the stub target's DescribeView calls time out as `times` says (counting DescribeView calls only). */
function timeOutDescribes(target: Target, times: (call: number) => boolean): void {
  const send = target.client.send.bind(target.client)
  let n = 0
  ;(target.client as { send: unknown }).send = async (command: { constructor: { name: string } }, opts?: unknown) => {
    if (command.constructor.name === 'DescribeViewCommand' && times(++n)) throw timeout()
    return (send as (c: unknown, o?: unknown) => Promise<unknown>)(command, opts)
  }
}

describe('a property meeting calls without an answer', () => {
  it('R34 is not blamed on a loaded machine: the step without an answer is counted and the property passes', async () => {
    const target = await createTarget({ target: 'stub' })
    targets.push(target)
    timeOutDescribes(target, (n) => n === 3 || n === 4) // one DescribeView and its retry
    const r = await runProperty(differential, target, { seed: 1, numRuns: 20, mode: { strict: false } })
    expect(r.failure?.message ?? '').toBe('')
    expect(r.status).toBe('passed')
    expect(target.stats.noAnswer).toMatchObject({ tries: 2, steps: 1 })
  })

  it('R34 a call that never gets an answer, however often it is tried, is a hang and fails', async () => {
    const target = await createTarget({ target: 'stub' })
    targets.push(target)
    timeOutDescribes(target, () => true)
    const r = await runProperty(differential, target, { seed: 1, numRuns: 20, mode: { strict: false } })
    expect(r.status).toBe('failed')
    expect(r.failure?.rule).toBe('R34')
    expect(r.failure?.message).toMatch(
      /^DescribeView got no answer within 15000 ms on every one of (\d+) tries of the same call/,
    )
    expect(Number(/of (\d+) tries/.exec(r.failure!.message)![1])).toBeGreaterThanOrEqual(HANG_TRIES)
  })
})
