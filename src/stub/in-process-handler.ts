// Adapter 1: a smithy HttpHandler that hands the SDK's serialized, signed request straight to the core and
// returns its answer as a smithy HttpResponse — the real wire format and error mapping with no sockets and
// no Fetch Request/Response objects (the cheapest path; docs/toolchain-notes.md §3).
import { ConnectClient, type ConnectClientConfig } from '@aws-sdk/client-connect'
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/protocol-http'
import { DEFAULT_REGION } from '../model'
import { createStubCore, type StubCore, type StubCoreOptions } from './core'
import type { WireRequest } from './wire-types'

/** Fake credentials the stub clients sign with (and `conformance serve --verify-sigv4` accepts). */
export const STUB_CREDENTIALS = {
  accessKeyId: 'CVCSTUBACCESSKEY0000',
  secretAccessKey: 'stub/secret/key/not/a/real/one',
} as const

const utf8Decoder = new TextDecoder()
const utf8Encoder = new TextEncoder()

/** RFC 3986 escaping exactly as the SDK's querystring builder does it (encodeURIComponent plus !'()*). */
function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The raw query string the SDK's node handler would put on the wire: keys sorted, arrays repeated, null → bare key. */
export function buildRawQuery(query: HttpRequest['query']): string {
  const parts: string[] = []
  for (const key of Object.keys(query).sort()) {
    const value = query[key]
    const k = escapeUri(key)
    if (Array.isArray(value)) for (const v of value) parts.push(`${k}=${escapeUri(v)}`)
    else parts.push(value === null || value === undefined ? k : `${k}=${escapeUri(value)}`)
  }
  return parts.join('&')
}

/**
 * The body as text. The SDK passes a string ('{}' with no body members) or a JsonBytesStringAdapter (a
 * Uint8Array subclass): decode bytes with TextDecoder — string methods or Buffer.from on the adapter make the
 * SDK log a JsonCodec2 warning (docs/toolchain-notes.md §1).
 */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return ''
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return utf8Decoder.decode(body)
  if (body instanceof ArrayBuffer) return utf8Decoder.decode(new Uint8Array(body))
  throw new TypeError(`stub handler: unsupported request body type ${Object.prototype.toString.call(body)}`)
}

export function toWireRequest(request: HttpRequest): WireRequest {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v
  return {
    method: request.method,
    path: request.path,
    query: request.query ? buildRawQuery(request.query) : '',
    headers,
    body: bodyText(request.body),
  }
}

export class StubHttpHandler implements HttpHandler {
  constructor(readonly core: StubCore) {}

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const res = await this.core.handle(toWireRequest(request))
    // A Uint8Array body is taken as-is by the SDK's collectBody; no stream needed.
    return {
      response: new HttpResponse({ statusCode: res.status, headers: res.headers, body: utf8Encoder.encode(res.body) }),
    }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {}
  }

  destroy(): void {}
}

export interface StubClientOptions extends StubCoreOptions {
  /** Serve from this core (shared state); otherwise one is created from the other options. */
  core?: StubCore
  region?: string
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Extra ConnectClient settings (e.g. a logger); requestHandler, region and credentials are set here. */
  clientConfig?: Omit<ConnectClientConfig, 'requestHandler' | 'region' | 'credentials'>
}

/** A real ConnectClient wired to an in-process stub: us-east-1, fake static credentials, no retries. */
export function createStubClient(opts: StubClientOptions = {}): { client: ConnectClient; core: StubCore } {
  const core = opts.core ?? createStubCore(opts)
  const client = new ConnectClient({
    maxAttempts: 1,
    ...opts.clientConfig,
    region: opts.region ?? DEFAULT_REGION,
    credentials: opts.credentials ?? STUB_CREDENTIALS,
    requestHandler: new StubHttpHandler(core),
  })
  return { client, core }
}
