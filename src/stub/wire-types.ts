// The transport-free request/response pair every adapter converts to and from, and the error the wire layer
// raises for requests it rejects before (or instead of) the model. Kept in one small file so the adapters
// import types only, never the core's internals.
import type { ErrorName } from '../spec'
import type { WireErrorName } from '../model/errors'

export interface WireRequest {
  /** HTTP method exactly as received (methods are case-sensitive: 'get' is not 'GET'). */
  method: string
  /** Raw path, still percent-encoded, without the query string. */
  path: string
  /** Raw query string without the leading '?', still percent-encoded ('' when absent). */
  query: string
  /** Header names in lower case; repeated headers joined with ', '. */
  headers: Record<string, string>
  /** Request body decoded as UTF-8 ('' when absent). */
  body: string
}

export interface WireResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Every error name the stub can put in x-amzn-errortype: the modelled ones (with an error shape in
 * src/spec), the wire-only ones the model layer also knows, and UnrecognizedClientException (an unknown
 * access key id, which only the SigV4 check raises).
 */
export type StubErrorName = ErrorName | WireErrorName | 'UnrecognizedClientException'

/**
 * A request the wire layer rejects: unknown route, malformed body, bad signature, injected fault.
 * `status` overrides the status table in response-encoding.ts (used for 405 vs 404 UnknownOperationException).
 */
export class WireError extends Error {
  constructor(
    readonly errorName: StubErrorName,
    message: string,
    readonly fields: Readonly<Record<string, unknown>> = {},
    readonly status?: number,
  ) {
    super(message)
    this.name = errorName
  }
}
