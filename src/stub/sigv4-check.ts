// Opt-in SigV4 verification of incoming requests: recompute the signature with known credentials and
// compare. The recomputation uses @smithy/signature-v4 with the same settings as the JS SDK's Connect client
// (uriEscapePath: true, so the already percent-encoded path is normalised and encoded once more, exactly as
// the client did when it signed), over the raw path and query as received.
//
// Error classes follow what AWS REST services answer (all 403 here):
// - no authorization header                  → MissingAuthenticationTokenException "Missing Authentication Token"
// - header present but not parseable / no date → IncompleteSignatureException
// - unknown access key id                     → UnrecognizedClientException "The security token included in the request is invalid."
// - wrong scope, wrong signature, wrong body hash, clock skew > 5 min → InvalidSignatureException
//   (AWS's own wording: "The request signature we calculated does not match…", "Signature expired: …").
// AWS's common-errors page lists IncompleteSignature as 400; Coral REST front ends answer 403, which the brief
// and the JS SDK (class from the type header, not the status) are both fine with.
//
// applyChecksum is off because botocore does not send x-amz-content-sha256 for non-S3 services: the signer
// must hash the actual body rather than invent a header the client never signed. When the client did send
// the header, it must equal the body's hash (the signer would otherwise trust it blindly).
import { timingSafeEqual } from 'node:crypto'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { parseQuery } from './request-decoding'
import { WireError, type WireRequest } from './wire-types'

export interface SigV4CheckOptions {
  /** The only credentials the stub accepts. */
  readonly credentials: {
    readonly accessKeyId: string
    readonly secretAccessKey: string
    readonly sessionToken?: string
  }
  /** Region the credential scope must name. Default us-east-1. */
  readonly region?: string
  /** Signing name the credential scope must name. Default 'connect'. */
  readonly service?: string
  /** Clock in epoch milliseconds (injectable for expiry tests). Default Date.now. */
  readonly now?: () => number
  /** Allowed difference between x-amz-date and now. Default 5 minutes, as AWS. */
  readonly maxSkewMs?: number
}

const ALGORITHM = 'AWS4-HMAC-SHA256'
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

const incomplete = (msg: string) => new WireError('IncompleteSignatureException', msg)
const invalid = (msg: string) => new WireError('InvalidSignatureException', msg)

interface ParsedAuthorization {
  accessKeyId: string
  date: string
  region: string
  service: string
  terminator: string
  signedHeaders: string[]
  signature: string
}

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`; throws IncompleteSignatureException. */
export function parseAuthorization(header: string): ParsedAuthorization {
  if (!header.startsWith(`${ALGORITHM} `))
    throw incomplete(`Unsupported authorization type (expected ${ALGORITHM}). Authorization=${header.split(' ')[0]}`)
  const params = new Map<string, string>()
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=')
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !params.get(k))
  if (missing.length) throw incomplete(missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '))
  const cred = params.get('Credential')!.split('/')
  if (cred.length !== 5 || cred.some((c) => c === ''))
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.get('Credential')}'`,
    )
  const signature = params.get('Signature')!
  if (!/^[0-9a-f]{64}$/.test(signature)) throw incomplete('Signature must be 64 lower-case hexadecimal characters')
  const [accessKeyId, date, region, service, terminator] = cred as [string, string, string, string, string]
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: params.get('SignedHeaders')!.split(';'),
    signature,
  }
}

/** Parses the ISO-8601 basic format of x-amz-date (20261126T175322Z). */
function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s)
  if (!m) return undefined
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const t = Date.UTC(y, mo - 1, d, h, mi, se)
  const date = new Date(t)
  return date.getUTCDate() === d && date.getUTCMonth() === mo - 1 ? date : undefined
}

const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

async function sha256Hex(body: string): Promise<string> {
  const h = new Sha256()
  h.update(body)
  return Buffer.from(await h.digest()).toString('hex')
}

function sameSignature(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

export type SigV4Checker = (req: WireRequest) => Promise<WireError | undefined>

/** Builds a checker: resolves to undefined for a valid signature, else the WireError to answer with. */
export function createSigV4Checker(opts: SigV4CheckOptions): SigV4Checker {
  const region = opts.region ?? 'us-east-1'
  const service = opts.service ?? 'connect'
  const now = opts.now ?? Date.now
  const maxSkewMs = opts.maxSkewMs ?? 5 * 60_000
  const signer = new SignatureV4({
    credentials: opts.credentials,
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  })

  return async (req) => {
    const header = req.headers.authorization
    if (header === undefined || header === '')
      return new WireError('MissingAuthenticationTokenException', 'Missing Authentication Token')
    let auth: ParsedAuthorization
    try {
      auth = parseAuthorization(header)
    } catch (e) {
      if (e instanceof WireError) return e
      throw e
    }
    const dateHeader = req.headers['x-amz-date']
    if (!dateHeader)
      return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    const signingDate = parseAmzDate(dateHeader)
    if (!signingDate) return incomplete(`Date must be in ISO-8601 'basic format'. Got '${dateHeader}'.`)

    if (auth.accessKeyId !== opts.credentials.accessKeyId)
      return new WireError('UnrecognizedClientException', 'The security token included in the request is invalid.')
    if (auth.terminator !== 'aws4_request')
      return invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`)
    if (auth.service !== service) return invalid(`Credential should be scoped to correct service: '${service}'.`)
    if (auth.region !== region) return invalid(`Credential should be scoped to a valid region, not '${auth.region}'.`)
    if (auth.date !== dateHeader.slice(0, 8)) {
      return invalid(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${dateHeader.slice(0, 8)}', from '${dateHeader}'.`,
      )
    }
    if (!auth.signedHeaders.includes('host'))
      return invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")

    const t = now()
    if (signingDate.getTime() < t - maxSkewMs) {
      return invalid(
        `Signature expired: ${dateHeader} is now earlier than ${amzDate(t - maxSkewMs)} (${amzDate(t)} - 5 min.)`,
      )
    }
    if (signingDate.getTime() > t + maxSkewMs) {
      return invalid(
        `Signature not yet current: ${dateHeader} is still later than ${amzDate(t + maxSkewMs)} (${amzDate(t)} + 5 min.)`,
      )
    }

    const declaredHash = req.headers['x-amz-content-sha256']
    if (
      declaredHash !== undefined &&
      declaredHash !== 'UNSIGNED-PAYLOAD' &&
      declaredHash !== (await sha256Hex(req.body))
    )
      return invalid(MISMATCH)

    // Only the headers the client says it signed take part, with the values as received.
    const headers: Record<string, string> = {}
    for (const name of auth.signedHeaders) {
      const v = req.headers[name]
      if (v !== undefined) headers[name] = v
    }
    const query: Record<string, string | string[]> = {}
    for (const [k, values] of parseQuery(req.query)) query[k] = values.length === 1 ? values[0]! : values
    const unsigned = new HttpRequest({
      method: req.method,
      protocol: 'https:',
      hostname: (req.headers.host ?? '').replace(/:\d+$/, ''),
      path: req.path,
      query,
      headers,
      body: req.body,
    })
    const signed = await signer.sign(unsigned, { signingDate, signableHeaders: new Set(auth.signedHeaders) })
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? ''
    return sameSignature(expected, auth.signature) ? undefined : invalid(MISMATCH)
  }
}
