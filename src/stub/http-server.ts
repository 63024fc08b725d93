// Adapter 3: a real HTTP server on node:http, for boto3, the AWS CLI, other languages, or SDK tests through
// `endpoint`. It reads the raw request target (req.url, still percent-encoded) and never lets one bad
// request take the process down: node's parser answers unparseable requests via 'clientError', bodies are
// capped while streaming, and every handler failure is answered or the socket destroyed.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { encodeError } from './response-encoding'
import { createStubCore, type StubCore, type StubCoreOptions } from './core'
import type { StubErrorName, WireRequest } from './wire-types'

/** Readiness route for health checks: GET answers 200 with a small JSON status (outside the API's /views, /tags paths). */
export const HEALTH_PATH = '/_conformance/health'

export interface StubServerOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1 (loopback only). */
  host?: string
  /** Serve this core; otherwise one is created from coreOptions. */
  core?: StubCore
  coreOptions?: StubCoreOptions
}

export interface StubServer {
  /** e.g. http://127.0.0.1:43123 — pass as `endpoint` to a ConnectClient. */
  readonly url: string
  readonly port: number
  readonly core: StubCore
  close(): Promise<void>
}

/** Splits a request target into raw path and raw query; absolute-form targets (proxies) lose scheme and authority. */
export function splitTarget(target: string): { path: string; query: string } {
  let t = target
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(t)
  if (abs) t = t.slice(abs[0].length) || '/'
  const hash = t.indexOf('#')
  if (hash >= 0) t = t.slice(0, hash)
  const q = t.indexOf('?')
  return q < 0 ? { path: t, query: '' } : { path: t.slice(0, q), query: t.slice(q + 1) }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

/**
 * Reads at most limit+1 bytes and drains the rest: enough for the core to see the body is too large and
 * answer 413 itself (the size rule stays in one place) without buffering an arbitrarily large upload.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let kept = 0
    req.on('data', (chunk: Buffer) => {
      if (kept > limit) return
      const room = limit + 1 - kept
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk
      chunks.push(part)
      kept += part.length
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function health(core: StubCore, res: ServerResponse): void {
  const { region, accountId } = core.model.options
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(
    JSON.stringify({
      status: 'ok',
      region,
      accountId,
      instances: core.model.instances,
      requests: core.counters.requests,
    }),
  )
}

async function serve(core: StubCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, core.maxBodyBytes)
  const { path, query } = splitTarget(req.url ?? '/')
  if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) return health(core, res)
  const wire: WireRequest = { method: req.method ?? 'GET', path, query, headers: flattenHeaders(req), body }
  const answer = await core.handle(wire)
  res.writeHead(answer.status, answer.headers)
  res.end(answer.body)
}

/** A complete restJson1 error response as raw bytes, for answers written straight to a socket. */
function rawError(status: number, reason: string, errorName: StubErrorName, message: string): string {
  const { headers, body } = encodeError({ errorName, message }, randomUUID(), status)
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

function clientErrorAnswer(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'HPE_INVALID_METHOD':
      return rawError(405, 'Method Not Allowed', 'UnknownOperationException', 'The request method is not supported')
    case 'HPE_HEADER_OVERFLOW':
      return rawError(
        431,
        'Request Header Fields Too Large',
        'RequestEntityTooLargeException',
        'Request header fields too large',
      )
    default:
      return rawError(
        400,
        'Bad Request',
        'SerializationException',
        `Malformed HTTP request (${err.code ?? 'parse error'})`,
      )
  }
}

export function startStubServer(opts: StubServerOptions = {}): Promise<StubServer> {
  const core = opts.core ?? createStubCore(opts.coreOptions)
  const host = opts.host ?? '127.0.0.1'
  // The request being served on each connection, so a parse error on a later (pipelined) request is
  // answered after it, in order, instead of overwriting its answer.
  const inFlight = new WeakMap<Duplex, { req: IncomingMessage; done: Promise<void> }>()
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const done = serve(core, req, res).catch(() => {
      // Only transport failures get here (the core never throws): the client went away mid-request.
      if (!res.headersSent) {
        res.statusCode = 400
        res.end()
      } else res.destroy()
    })
    inFlight.set(req.socket, { req, done })
  }
  // Node closes a keep-alive connection idle for 5 s by default; a client that picks it up in that instant gets
  // ECONNRESET (no answer). A rate-limited client idles for seconds between calls, on a loaded machine longer:
  // keep idle connections a minute, as load balancers in front of AWS endpoints do.
  const server = createServer(onRequest)
  server.keepAliveTimeout = 60_000
  server.headersTimeout = 65_000
  // Unsupported Expect values: serve the request instead of node's bare 417.
  server.on('checkExpectation', onRequest)
  // No tunnelling: CONNECT gets the same 405 as any other method the API does not use.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy())
    socket.resume() // detached from the HTTP parser: drain what the client still sends, so its FIN is seen
    socket.end(rawError(405, 'Method Not Allowed', 'UnknownOperationException', 'Method CONNECT is not allowed'))
  })
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Unparseable request line/headers: answer a restJson1 error if the socket still takes it, never throw.
    const answer = () => {
      if (socket.writable) socket.end(clientErrorAnswer(err))
      else socket.destroy()
    }
    // Wait only when the in-flight request was fully received (the error belongs to a later, pipelined one);
    // an error inside the in-flight request itself (e.g. the client hung up mid-body) is answered at once.
    const current = inFlight.get(socket)
    if (current?.req.complete) void current.done.then(answer)
    else answer()
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      server.on('error', () => {
        /* keep running: per-connection errors are handled above */
      })
      const port = (server.address() as AddressInfo).port
      const urlHost = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        core,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()))
            server.closeAllConnections()
          }),
      })
    })
  })
}
