// Every operation and every declared error class, through the real ConnectClient, on each of the three
// transports (in-process handler, msw, HTTP server), from one shared table (support/transport-scenarios.ts).
// Every core verifies SigV4, so each transport also proves it hands the core the path/query/body exactly
// as the SDK signed them.
import type { ConnectServiceException } from '@aws-sdk/client-connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deterministicOptions } from '../../src/model'
import { OPERATIONS, OPERATION_NAMES } from '../../src/spec'
import { STUB_CREDENTIALS, createStubCore, errorStatus } from '../../src/stub'
import { SCENARIOS, UNREACHED, type Scenario } from './support/transport-scenarios'
import { TRANSPORTS, type Transport } from './support/transports'

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

async function run(transport: Transport, s: Scenario): Promise<void> {
  const core = createStubCore({
    modelOptions: { ...deterministicOptions(), ...s.modelOptions },
    verifySigV4: { credentials: STUB_CREDENTIALS },
  })
  const { client, close } = await transport.connect(core)
  try {
    const vars = (await s.arrange?.(client)) ?? { viewId: '', viewArn: '' }
    s.inject?.(core)
    if (s.error === undefined) {
      const out = await s.act(client, vars)
      s.check?.(out, vars)
    } else {
      let thrown: ConnectServiceException | undefined
      try {
        await s.act(client, vars)
      } catch (e) {
        thrown = e as ConnectServiceException
      }
      expect(thrown, 'the call should have failed').toBeDefined()
      expect(thrown!.name).toBe(s.error)
      expect(thrown!.$metadata.httpStatusCode).toBe(errorStatus(s.error))
      expect(thrown!.$metadata.requestId).toMatch(REQUEST_ID)
      expect(thrown!.$metadata.attempts).toBe(1)
      expect(thrown!.message).not.toBe('UnknownError')
      s.check?.(thrown, vars)
    }
    expect(core.counters.unexpectedErrors, String(core.unexpectedErrorLog.at(-1))).toBe(0)
    // Nothing was rejected for its signature, so every adapter passed on what the SDK signed.
    expect(core.counters.byError.InvalidSignatureException).toBeUndefined()
  } finally {
    await close()
  }
}

describe('scenario table', () => {
  it('reaches every declared error of every operation', () => {
    expect(UNREACHED).toEqual([])
    for (const op of OPERATION_NAMES) {
      expect(
        SCENARIOS.some((s) => s.op === op && s.error === undefined),
        `${op} success`,
      ).toBe(true)
      for (const error of OPERATIONS[op].errors)
        expect(
          SCENARIOS.some((s) => s.op === op && s.error === error),
          `${op} → ${error}`,
        ).toBe(true)
    }
  })
})

for (const transport of TRANSPORTS) {
  describe(transport.name, () => {
    beforeAll(() => transport.setup())
    afterAll(() => transport.teardown())
    for (const s of SCENARIOS) {
      const skip = s.skipOn?.[transport.name]
      if (skip) it.skip(`${s.name} (${skip})`, () => {})
      else it(s.name, () => run(transport, s))
    }
  })
}
