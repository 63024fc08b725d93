// Adapter 3: a real HTTP server on node:http, for boto3, the AWS CLI, other languages, or SDK tests through
// `endpoint`. It reads the raw request target (req.url, still percent-encoded) and never lets one bad
// request take the process down: node's parser answers unparseable requests via 'clientError', bodies are
// capped while streaming, and every handler failure is answered or the socket destroyed.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createStubCore, type StubCore, type StubCoreOptions } from './core'
import type { WireRequest } from './wire-types'

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

async function serve(core: StubCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, core.maxBodyBytes)
  const { path, query } = splitTarget(req.url ?? '/')
  const wire: WireRequest = { method: req.method ?? 'GET', path, query, headers: flattenHeaders(req), body }
  const answer = await core.handle(wire)
  res.writeHead(answer.status, answer.headers)
  res.end(answer.body)
}

export function startStubServer(opts: StubServerOptions = {}): Promise<StubServer> {
  const core = opts.core ?? createStubCore(opts.coreOptions)
  const host = opts.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    serve(core, req, res).catch(() => {
      // Only transport failures get here (the core never throws): the client went away mid-request.
      if (!res.headersSent) { res.statusCode = 400; res.end() } else res.destroy()
    })
  })
  server.on('clientError', (_err, socket) => {
    // Unparseable request line/headers: answer 400 if the socket still takes it, never throw.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      server.on('error', () => { /* keep running: per-connection errors are handled above */ })
      const port = (server.address() as AddressInfo).port
      const urlHost = host.includes(':') ? `[${host}]` : host
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        core,
        close: () => new Promise<void>((done, fail) => {
          server.close((err) => (err ? fail(err) : done()))
          server.closeAllConnections()
        }),
      })
    })
  })
}
