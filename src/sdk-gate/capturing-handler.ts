// The requestHandler seam of the gate: a smithy HttpHandler that records the request exactly as the SDK
// serialised and signed it, and answers with the canned response of the current case. Any SDK version's
// ConnectClient accepts it, because smithy only duck-types `handle()`.
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/protocol-http'
import type { CannedResponse } from './corpus'

/**
 * Headers that differ on every call or with the SDK version string regardless of behaviour. Everything
 * else is compared. x-amz-content-sha256 stays: it is the hash of the body, so it is deterministic and a
 * change in it means the body changed.
 */
export const VOLATILE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'x-amz-date',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'user-agent',
  'x-amz-user-agent',
])

export interface CapturedRequest {
  readonly method: string
  readonly protocol: string
  readonly hostname: string
  readonly port: number | null
  /** As serialised: labels percent-encoded. */
  readonly path: string
  /** Decoded query parameters as the SDK hands them to the transport (keys sorted). */
  readonly query: Readonly<Record<string, string | readonly string[] | null>>
  /** Lower-cased names, sorted, volatile ones removed. */
  readonly headers: Readonly<Record<string, string>>
  /** The JSON body parsed (`null` when there is none); a non-JSON body as `{ "$text": … }`. */
  readonly body: unknown
  /**
   * The body bytes as text. Redundant with `body` except for what parsing hides (member order, spacing,
   * escapes), which still changes content-length and x-amz-content-sha256: this shows why they changed.
   */
  readonly bodyText: string
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** The body as text; the SDK passes a string or a Uint8Array subclass (decode, never Buffer.from: docs/toolchain-notes.md §1). */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return ''
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return decoder.decode(body)
  if (body instanceof ArrayBuffer) return decoder.decode(new Uint8Array(body))
  return `[unreadable body: ${Object.prototype.toString.call(body)}]`
}

function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function captureRequest(req: HttpRequest): CapturedRequest {
  const headers: Array<[string, string]> = []
  for (const [k, v] of Object.entries(req.headers ?? {}))
    if (!VOLATILE_HEADERS.has(k.toLowerCase())) headers.push([k.toLowerCase(), String(v)])
  const query: Array<[string, string | readonly string[] | null]> = []
  for (const [k, v] of Object.entries(req.query ?? {}))
    query.push([k, v === undefined ? null : Array.isArray(v) ? [...v] : (v as string | null)])
  const text = bodyText(req.body)
  let body: unknown = null
  if (text !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      body = { $text: text }
    }
  }
  return {
    method: req.method,
    protocol: req.protocol,
    hostname: req.hostname,
    port: req.port ?? null,
    path: req.path,
    query: sortedRecord(query),
    headers: sortedRecord(headers),
    body,
    bodyText: text,
  }
}

export function toHttpResponse(canned: CannedResponse): HttpResponse {
  // A Uint8Array body is taken as-is by the SDK's collectBody; no stream needed.
  return new HttpResponse({
    statusCode: canned.status,
    headers: { ...canned.headers },
    body: encoder.encode(canned.body),
  })
}

export class CapturingHandler implements HttpHandler {
  /** Requests seen since the last take(), in order (more than one means the SDK retried). */
  private seen: CapturedRequest[] = []
  private next: CannedResponse | undefined

  /** Sets the answer for the following request(s). */
  respondWith(response: CannedResponse): void {
    this.next = response
  }

  take(): CapturedRequest[] {
    const out = this.seen
    this.seen = []
    return out
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    this.seen.push(captureRequest(request))
    if (!this.next) throw new Error('CapturingHandler: no canned response set for this request')
    return { response: toHttpResponse(this.next) }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {}
  }

  destroy(): void {}
}
