// Assertions on what the real ConnectClient made of the mock server's answer.
import { ConnectServiceException } from '@aws-sdk/client-connect'
import { expect } from 'vitest'
import { EX } from './contract-kit'

/** The call must fail with this class (as the SDK maps x-amzn-errortype) and HTTP status. */
export async function expectServiceError(call: Promise<unknown>, name: string, status: number): Promise<void> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err, `expected ${name}, but the call succeeded`).toBeInstanceOf(ConnectServiceException)
  const e = err as ConnectServiceException
  expect(e.name).toBe(name)
  expect(e.$metadata.httpStatusCode).toBe(status)
  expect(e.$fault).toBe('client')
  expect(e.message).not.toBe('UnknownError')
  expect(e.$metadata.requestId).toBe(EX.requestId)
}

/** Timestamps arrived as epoch seconds and parsed to the right instant (not year 55840). */
export function expectEpochDates(view: { CreatedTime?: Date; LastModifiedTime?: Date } | undefined): void {
  expect(view?.CreatedTime?.getTime()).toBe(EX.createdTime * 1000)
  expect(view?.LastModifiedTime?.getTime()).toBe(EX.modifiedTime * 1000)
}
