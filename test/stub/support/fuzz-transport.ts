// Transports for the HTTP fuzz campaign (test/stub/http-fuzz.test.ts): the request/answer types, sending one
// FuzzRequest through node:http or as raw bytes over node:net (with a small strict response parser), and
// materialising the SigV4 leg's Authorization header at send time.
import { connect } from 'node:net'
import { request as httpRequest } from 'node:http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { STUB_CREDENTIALS, parseQuery } from '../../../src/stub'
import { splitTarget } from '../../../src/stub/http-server'

/** The region the SigV4 leg signs for (and the SigV4-verifying server checks). */
export const REGION = 'us-east-1'

// ---------------------------------------------------------------------------------------------------------
// Requests and answers
// ---------------------------------------------------------------------------------------------------------

export type Leg = 'plain' | 'sigv4'

/** How the SigV4 leg authenticates a request; materialised at send time (x-amz-date must be current). */
export type Auth =
  | { kind: 'none' }
  | { kind: 'junk'; header: string; date: string | undefined }
  | {
      kind: 'scoped'
      key: string
      region: string
      service: string
      terminator: string
      signedHeaders: string
      signature: string
      skewMs: number
    }
  | { kind: 'signed' }

export interface FuzzRequest {
  leg: Leg
  method: string
  /** Request target as sent (raw, may be invalid), including '?query'. */
  target: string
  headers: Array<[string, string]>
  body: Buffer
  auth: Auth
}

export type Outcome =
  | { ok: true; status: number; headers: Record<string, string>; body: Buffer; via: 'http' | 'socket' }
  | { ok: false; error: string; via: 'http' | 'socket' }

export interface Exchange {
  index: number
  req: FuzzRequest
  out: Outcome
}

/** node:http refuses these (client side); they are sent as raw bytes instead. */
function needsRawSocket(req: FuzzRequest): boolean {
  if (!/^[A-Z]+$/.test(req.method) || req.method === 'CONNECT') return true
  if (/[^\x21-\xff]/.test(req.target)) return true
  // Upgrade: node:http would wait for a 101. Unsupported Expect: the server may answer before reading the
  // body, and node:http then reports a reset instead of the answer; raw bytes keep whatever arrived.
  return req.headers.some(([k, v]) => k === 'upgrade' || (k === 'expect' && v.toLowerCase() !== '100-continue'))
}

// ---------------------------------------------------------------------------------------------------------
// Transports: node:http, and raw bytes over node:net with a small strict response parser
// ---------------------------------------------------------------------------------------------------------

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}

function sendHttp(
  port: number,
  req: FuzzRequest,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false
    const done = (o: Outcome) => {
      if (!settled) {
        settled = true
        resolve(o)
      }
    }
    // node:http frames a body on GET/DELETE/HEAD/OPTIONS only when told its length; unframed, the bytes would
    // read as a second (garbage) request on the same connection. Frame every body.
    const framing =
      req.body.length > 0 && !/chunked/i.test(headers['transfer-encoding'] ?? '')
        ? { 'content-length': String(req.body.length) }
        : {}
    const r = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.target,
        headers: { ...headers, ...framing, connection: 'close' },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          done({
            ok: true,
            status: res.statusCode ?? 0,
            headers: flatHeaders(res.headers),
            body: Buffer.concat(chunks),
            via: 'http',
          }),
        )
        res.on('error', (e) => done({ ok: false, error: `response error: ${e.message}`, via: 'http' }))
      },
    )
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    r.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, error: e.code ?? e.message, via: 'http' }))
    r.end(req.body)
  })
}

function dechunk(buf: Buffer): Buffer | undefined {
  const parts: Buffer[] = []
  let off = 0
  for (;;) {
    const eol = buf.indexOf('\r\n', off)
    if (eol < 0) return undefined
    const size = parseInt(buf.subarray(off, eol).toString('latin1'), 16)
    if (!Number.isFinite(size)) return undefined
    if (size === 0) return Buffer.concat(parts)
    parts.push(buf.subarray(eol + 2, eol + 2 + size))
    off = eol + 2 + size + 2
  }
}

/** Parses the final (non-1xx) response from the bytes a server sent before closing. */
export function parseRawResponse(buf: Buffer, headRequest: boolean): Outcome | undefined {
  let off = 0
  for (;;) {
    const end = buf.indexOf('\r\n\r\n', off)
    if (end < 0)
      return buf.length > off
        ? {
            ok: false,
            error: `unterminated response head: ${JSON.stringify(buf.subarray(off, off + 80).toString('latin1'))}`,
            via: 'socket',
          }
        : undefined
    const lines = buf.subarray(off, end).toString('latin1').split('\r\n')
    const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0]!)
    if (!m) return { ok: false, error: `garbled status line ${JSON.stringify(lines[0])}`, via: 'socket' }
    const status = Number(m[1])
    const headers: Record<string, string> = {}
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      if (colon <= 0) return { ok: false, error: `garbled header line ${JSON.stringify(line)}`, via: 'socket' }
      const k = line.slice(0, colon).trim().toLowerCase()
      const v = line.slice(colon + 1).trim()
      headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`
    }
    off = end + 4
    if (status >= 100 && status < 200) continue // interim (100 Continue)
    let body = buf.subarray(off)
    if (headRequest || status === 204 || status === 304) body = Buffer.alloc(0)
    else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const d = dechunk(body)
      if (!d) return { ok: false, error: 'truncated chunked body', via: 'socket' }
      body = d
    } else if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length'])
      if (!(n <= body.length))
        return { ok: false, error: `body shorter than content-length ${n} (${body.length})`, via: 'socket' }
      body = body.subarray(0, n)
    }
    return { ok: true, status, headers, body, via: 'socket' }
  }
}

/** Writes raw bytes to a fresh connection and parses the first answer on it (or says why there was none). */
export function exchangeRaw(
  port: number,
  payload: Buffer,
  opts: { timeoutMs: number; headRequest?: boolean },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let settled = false
    const finish = (fallback: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(
        parseRawResponse(Buffer.concat(chunks), opts.headRequest ?? false) ?? {
          ok: false,
          error: fallback,
          via: 'socket',
        },
      )
    }
    const timer = setTimeout(() => finish(`no answer within ${opts.timeoutMs} ms`), opts.timeoutMs)
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message))
    socket.on('close', () => finish('connection closed without an answer'))
    socket.write(payload)
  })
}

function sendSocket(
  port: number,
  req: FuzzRequest,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Outcome> {
  const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '')
  const lines = [`${req.method} ${req.target} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: close']
  for (const [k, v] of Object.entries(headers))
    if (k !== 'host' && k !== 'connection' && k !== 'content-length') lines.push(`${k}: ${v}`)
  if (!chunked) lines.push(`content-length: ${req.body.length}`)
  const framed = !chunked
    ? req.body
    : req.body.length === 0
      ? Buffer.from('0\r\n\r\n')
      : Buffer.concat([Buffer.from(`${req.body.length.toString(16)}\r\n`), req.body, Buffer.from('\r\n0\r\n\r\n')])
  const payload = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), framed])
  return exchangeRaw(port, payload, { timeoutMs, headRequest: req.method === 'HEAD' })
}

// ---------------------------------------------------------------------------------------------------------
// SigV4 materialisation (SigV4 leg)
// ---------------------------------------------------------------------------------------------------------

const signer = new SignatureV4({
  credentials: STUB_CREDENTIALS,
  region: REGION,
  service: 'connect',
  sha256: Sha256,
  applyChecksum: false,
})
const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

async function authHeaders(req: FuzzRequest, port: number): Promise<Record<string, string>> {
  const a = req.auth
  switch (a.kind) {
    case 'none':
      return {}
    case 'junk':
      return { authorization: a.header, ...(a.date !== undefined ? { 'x-amz-date': a.date } : {}) }
    case 'scoped': {
      const date = amzDate(Date.now() + a.skewMs)
      const credential = `${a.key}/${date.slice(0, 8)}/${a.region}/${a.service}/${a.terminator}`
      return {
        authorization: `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${a.signedHeaders}, Signature=${a.signature}`,
        'x-amz-date': date,
      }
    }
    case 'signed': {
      // Sign exactly what the server will see: raw path (splitTarget), decoded query, host with port, body as UTF-8 text.
      const { path, query: rawQuery } = splitTarget(req.target)
      let query: Record<string, string | string[]>
      try {
        query = {}
        for (const [k, values] of parseQuery(rawQuery)) query[k] = values.length === 1 ? values[0]! : values
      } catch {
        return { authorization: 'AWS4-HMAC-SHA256 Credential=unsignable-query' } // the server will refuse the query anyway
      }
      const host = `127.0.0.1:${port}`
      const signed = await signer.sign(
        new HttpRequest({
          method: req.method,
          protocol: 'https:',
          hostname: '127.0.0.1',
          path,
          query,
          headers: { host },
          body: req.body.toString('utf8'),
        }),
        { signingDate: new Date() },
      )
      return { authorization: String(signed.headers.authorization), 'x-amz-date': String(signed.headers['x-amz-date']) }
    }
  }
}

/** Sends one request (SigV4 leg: signed or mis-signed now) and returns the answer, or why there was none within timeoutMs. */
export async function send(req: FuzzRequest, port: number, timeoutMs: number): Promise<Outcome> {
  const headers: Record<string, string> = {}
  for (const [k, v] of req.headers) headers[k] = v
  if (req.leg === 'sigv4') Object.assign(headers, await authHeaders(req, port))
  if (needsRawSocket(req)) return sendSocket(port, req, headers, timeoutMs)
  try {
    return await sendHttp(port, req, headers, timeoutMs)
  } catch {
    // node:http refused to build the request (e.g. a header value it considers invalid): send the bytes raw.
    return sendSocket(port, req, headers, timeoutMs)
  }
}
