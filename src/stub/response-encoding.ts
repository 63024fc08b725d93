// Renders model outputs and errors as restJson1 responses the AWS SDKs parse (docs/toolchain-notes.md §1):
// - success: 200, JSON body, content-type application/json, x-amzn-requestid;
// - error: status from the error shape's httpStatus (or the wire-only table below), x-amzn-errortype with the
//   bare error name, body {"Message": ..., ...modelled members such as ResourceType/ResourceId}.
// Header names are emitted in lower case: HTTP header names are case-insensitive, and the JS SDK looks up
// `x-amzn-requestid` with a case-sensitive key on whatever object the transport hands it, so lower case is
// the only spelling that works for the in-process handler too.
import { randomUUID } from 'node:crypto'
import { SHAPES, type ErrorName } from '../spec'
import type { StubErrorName } from './wire-types'

/** Status codes of the error names that have no error shape in the service model. */
export const WIRE_ERROR_STATUS: Readonly<Record<Exclude<StubErrorName, ErrorName>, number>> = {
  SerializationException: 400,
  ValidationException: 400,
  /** 404 for an unknown path; the router overrides it with 405 for a known path and the wrong method. */
  UnknownOperationException: 404,
  RequestEntityTooLargeException: 413,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  SignatureDoesNotMatchException: 403,
  UnrecognizedClientException: 403,
}

/** HTTP status for an error name: the modelled httpStatus when the spec has an error shape, else the wire table. */
export function errorStatus(name: StubErrorName): number {
  const shape = SHAPES[name]
  if (shape?.type === 'structure' && shape.error) return shape.error.httpStatus
  const wire = (WIRE_ERROR_STATUS as Record<string, number | undefined>)[name]
  if (wire !== undefined) return wire
  throw new Error(`no HTTP status known for error ${name}`)
}

export const newRequestId: () => string = randomUUID

function jsonResponse(
  status: number,
  headers: Record<string, string>,
  body: string,
): { status: number; headers: Record<string, string>; body: string } {
  headers['content-type'] = 'application/json'
  headers['content-length'] = String(Buffer.byteLength(body))
  return { status, headers, body }
}

/** 200 with the output as the JSON body (operations without an output shape send `{}`). */
export function encodeSuccess(output: Readonly<Record<string, unknown>>, requestId: string) {
  return jsonResponse(200, { 'x-amzn-requestid': requestId }, JSON.stringify(output))
}

export interface EncodableError {
  readonly errorName: StubErrorName
  readonly message: string
  readonly fields?: Readonly<Record<string, unknown>>
}

/**
 * The error response. Extra fields are copied only when the error shape models them (so a stray field in a
 * ModelError or a forced error never reaches the wire); wire-only errors carry just the Message.
 */
export function encodeError(err: EncodableError, requestId: string, status = errorStatus(err.errorName)) {
  const body: Record<string, unknown> = { Message: err.message }
  const shape = SHAPES[err.errorName]
  if (err.fields && shape?.type === 'structure') {
    for (const [member, spec] of Object.entries(shape.members)) {
      if (member === 'Message') continue
      const v = err.fields[member]
      if (v !== undefined) body[spec.locationName] = v
    }
  }
  return jsonResponse(
    status,
    { 'x-amzn-requestid': requestId, 'x-amzn-errortype': err.errorName },
    JSON.stringify(body),
  )
}
