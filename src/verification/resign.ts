// SigV4 re-signing for provider verification. A pact holds the consumer's `authorization` header as a
// stale example (its shape is what the contract checks), and the verifier replays it as it is; a provider
// that checks signatures (AWS, or the stub with verifySigV4) must reject that. This express middleware runs
// in Pact's verification proxy before the request is forwarded and signs it afresh for the target host.
//
// What it relies on (docs/toolchain-notes.md §2, pact 16.5 src/dsl/verifier/proxy):
// - body-parser has consumed the body; the proxy re-sends parseBody(req) (a JSON object → JSON.stringify, a
//   Buffer as is, anything else as nothing), so exactly those bytes are signed and content-length is set;
// - the provider-state calls (POST /_pactSetup) and message calls (/_messages) go through the filter too and
//   are left alone;
// - the Verifier must run with changeOrigin: true, so the Host the provider sees is the host signed here.
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import type { Request, RequestHandler } from 'express'
import { parseQuery } from '../stub/request-decoding'

export interface ResignOptions {
  /** The provider the proxy forwards to (http(s)://host[:port]); its host is what gets signed. */
  targetUrl: string
  region: string
  /** Static credentials or a provider (e.g. a ConnectClient's `config.credentials`, which refreshes). */
  credentials: ConstructorParameters<typeof SignatureV4>[0]['credentials']
  /** Signing name. Default 'connect'. */
  service?: string
}

/** Headers a replayed request may carry from the pact that would contradict the fresh signature. */
const STALE_HEADERS = ['authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token']

/** The bytes Pact's proxy forwards for this request (mirrors its parseBody). */
export function forwardedBody(req: Pick<Request, 'body'>): Buffer {
  const body: unknown = req.body
  if (!body) return Buffer.alloc(0)
  if (Buffer.isBuffer(body)) return body
  if (typeof body === 'object') return Buffer.from(JSON.stringify(body))
  return Buffer.alloc(0)
}

export function createResigningFilter(opts: ResignOptions): RequestHandler {
  const target = new URL(opts.targetUrl)
  const signer = new SignatureV4({
    credentials: opts.credentials,
    region: opts.region,
    service: opts.service ?? 'connect',
    sha256: Sha256,
  })
  return (req, _res, next) => {
    if (req.path.startsWith('/_pact') || req.path.startsWith('/_messages')) return next()
    const raw = req.originalUrl || req.url
    const q = raw.indexOf('?')
    const path = q < 0 ? raw : raw.slice(0, q)
    const query: Record<string, string | string[]> = {}
    for (const [k, values] of parseQuery(q < 0 ? '' : raw.slice(q + 1)))
      query[k] = values.length === 1 ? values[0]! : values
    const body = forwardedBody(req)
    const headers: Record<string, string> = { host: target.host }
    const contentType = req.headers['content-type']
    if (contentType) headers['content-type'] = String(contentType)
    const unsigned = new HttpRequest({
      method: req.method,
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path,
      query,
      headers,
      body: body.toString('utf8'),
    })
    signer
      .sign(unsigned)
      .then((signed) => {
        for (const h of STALE_HEADERS) delete req.headers[h]
        for (const [k, v] of Object.entries(signed.headers)) req.headers[k.toLowerCase()] = v
        req.headers['content-length'] = String(body.length)
        next()
      })
      .catch(next)
  }
}
