// One generic way to call any covered operation through the real ConnectClient and get a comparable
// outcome: the output in wire form (Dates back to epoch seconds, no $metadata) or the error's class,
// HTTP status and modelled fields.
import * as sdk from '@aws-sdk/client-connect'
import type { ConnectClient } from '@aws-sdk/client-connect'
import type { OperationName } from '../spec'
import { applyTweak, type RawAnswer, type WireTweak } from './wire-tweak'

export interface CallError {
  name: string
  message: string
  status?: number
  fault?: string
  /** Modelled members besides the message (ResourceType, ResourceId, Reason). */
  fields: Record<string, unknown>
  /** What the raw answer looked like, when the SDK could not read it as an error of the service. */
  raw?: { contentType?: string; firstBytes?: string }
}

export type CallOutcome =
  | {
      ok: true
      output: Record<string, unknown>
      requestId?: string /** a tweaked call only (wire-tweak.ts) */
      raw?: RawAnswer
      /** Set by Target.send: an earlier try got no answer, so it may have taken effect before this answer. */
      afterNoAnswer?: boolean
    }
  | {
      ok: false
      error: CallError
      requestId?: string /** network failure or timeout: the call may or may not have taken effect */
      unknown?: boolean
      /** The server's retry hint (Retry-After / x-amz-retry-after), in ms, when it sent one. */ retryAfterMs?: number
      /** a tweaked call only (wire-tweak.ts): the answer's status and headers as they came */ raw?: RawAnswer
      /** A non-JSON 404 read as ResourceNotFoundException: its R25 failure was reported once, by the implementation probe. */
      notFoundPage?: boolean
      /** The client gave up waiting (its request timeout): no answer, which says nothing about the target's behaviour. */
      timedOut?: boolean
      /** Set by Target.send: the call and its one retry both got no answer within `withinMs` (no verdict on the step). */
      noAnswer?: { withinMs: number; tries: number }
      /** Set by Target.send: an earlier try got no answer, so it may have taken effect before this answer. */
      afterNoAnswer?: boolean
    }

type CommandCtor = new (input: Record<string, unknown>) => unknown
// biome-ignore lint/suspicious/noExplicitAny: SDK errors carry untyped, exception-specific fields ($metadata, $response, …)
type SdkError = Record<string, any>

export function commandFor(op: OperationName, input: Record<string, unknown>): unknown {
  const ctor = (sdk as unknown as Record<string, CommandCtor>)[`${op}Command`]
  if (!ctor) throw new Error(`the SDK has no ${op}Command`)
  return new ctor(input)
}

/** Deep copy of an SDK output in wire form: Date → epoch seconds, $metadata dropped. */
export function toWireForm(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000
  if (Array.isArray(value)) return value.map(toWireForm)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (k !== '$metadata' && v !== undefined) out[k] = toWireForm(v)
    return out
  }
  return value
}

const ERROR_META_KEYS = new Set([
  'name',
  'message',
  'Message',
  '$fault',
  '$metadata',
  '$response',
  '$retryable',
  'stack',
  '$responseBodyText',
])

export function toCallError(e: unknown): {
  error: CallError
  requestId?: string
  unknown: boolean
  retryAfterMs?: number
} {
  const err = e as SdkError
  const status: number | undefined = err?.$metadata?.httpStatusCode
  const fields: Record<string, unknown> = {}
  if (err && typeof err === 'object')
    for (const [k, v] of Object.entries(err)) if (!ERROR_META_KEYS.has(k) && v !== undefined) fields[k] = v
  // No HTTP status at all means the request never got an answer: timeout, refused connection, abort.
  const unknown = status === undefined && !(err instanceof sdk.ConnectServiceException)
  const unreadable = unreadableAnswer(err)
  return {
    error: {
      name: unreadable ? 'UnreadableErrorAnswer' : String(err?.name ?? 'Error'),
      message: unreadable ? unreadable.message : String(err?.message ?? err),
      status,
      fault: err?.$fault,
      fields,
      ...(unreadable ? { raw: unreadable.raw } : {}),
    },
    requestId: err?.$metadata?.requestId,
    unknown,
    ...retryHint(err?.$response?.headers),
  }
}

/**
 * An answer the SDK failed to parse (an HTML 404 page, an empty 405): the SDK raises the JSON parser's
 * SyntaxError. Named for what it is, with the status, content type and the body's first bytes as evidence,
 * so reports never blame "SyntaxError" on the target.
 */
function unreadableAnswer(
  err: SdkError | undefined,
): { message: string; raw: NonNullable<CallError['raw']> } | undefined {
  if (err?.name !== 'SyntaxError' || !err.$response) return undefined
  const headers = (err.$response.headers ?? {}) as Record<string, string>
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1]
  const text = typeof err.$responseBodyText === 'string' ? err.$responseBodyText : undefined
  // JSON.parse quotes the start of what it could not read: `Unexpected token '<', "<!doctype "... is not valid JSON`
  const quoted = /"(.{0,40})"(?:\.\.\.)? is not valid JSON/.exec(String(err.message))?.[1]
  const firstBytes = (text ?? quoted ?? '').slice(0, 40)
  const status = err.$response.statusCode ?? err.$metadata?.httpStatusCode
  return {
    message: `HTTP ${status ?? '?'} answer the SDK cannot read as a service error (${contentType ?? 'no content type'}${firstBytes ? `, body starts ${JSON.stringify(firstBytes)}` : ', empty body'})`,
    raw: { ...(contentType ? { contentType } : {}), firstBytes },
  }
}

/** A server's retry hint in ms: Retry-After (seconds or an HTTP date) or x-amz-retry-after (ms); undefined if none. */
export function retryAfterMsOf(
  headers: Record<string, string | undefined> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined
  const get = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1]
  const amz = get('x-amz-retry-after')
  if (amz !== undefined && Number.isFinite(Number(amz))) return Math.max(0, Number(amz))
  const ra = get('retry-after')
  if (ra === undefined) return undefined
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Number(ra) * 1000
  const at = Date.parse(ra)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function retryHint(headers: Record<string, string> | undefined): { retryAfterMs?: number } {
  const ms = retryAfterMsOf(headers)
  return ms === undefined ? {} : { retryAfterMs: ms }
}

export async function callOperation(
  client: ConnectClient,
  op: OperationName,
  input: Record<string, unknown>,
  abortSignal?: AbortSignal,
  tweak?: WireTweak,
): Promise<CallOutcome> {
  const command = commandFor(op, input)
  const rawAnswer = tweak ? applyTweak(command, tweak) : undefined
  const raw = () => {
    const r = rawAnswer?.()
    return r ? { raw: r } : {}
  }
  try {
    const out = await client.send(
      command as Parameters<typeof client.send>[0],
      abortSignal ? { abortSignal } : undefined,
    )
    return {
      ok: true,
      output: toWireForm(out) as Record<string, unknown>,
      requestId: out.$metadata?.requestId,
      ...raw(),
    }
  } catch (e) {
    const { error, requestId, unknown, retryAfterMs } = toCallError(e)
    return {
      ok: false,
      error,
      requestId,
      ...(unknown ? { unknown } : {}),
      ...(unknown && isClientTimeout(e) ? { timedOut: true } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...raw(),
    }
  }
}

/** The SDK's HTTP handler gave up waiting for an answer (its request, connection or socket timeout). */
export function isClientTimeout(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown } | undefined
  return err?.name === 'TimeoutError' || err?.code === 'ETIMEDOUT'
}
