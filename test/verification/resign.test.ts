// The re-signing request filter produces signatures the stub's SigV4 checker (same algorithm as AWS) accepts,
// for exactly the bytes Pact's proxy forwards, over ARN-form paths and encoded query values.
import type { Request, Response } from 'express'
import { describe, expect, it } from 'vitest'
import { createResigningFilter, forwardedBody } from '../../src/verification/resign'
import { createSigV4Checker } from '../../src/stub/sigv4-check'

const credentials = { accessKeyId: 'CVCRESIGNKEY', secretAccessKey: 'resign-test-secret-not-real' }
const checker = createSigV4Checker({ credentials, region: 'eu-west-2' })
const filter = createResigningFilter({ targetUrl: 'http://127.0.0.1:4567', region: 'eu-west-2', credentials })

function fakeRequest(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const q = url.indexOf('?')
  return {
    method,
    url,
    originalUrl: url,
    path: q < 0 ? url : url.slice(0, q),
    body,
    headers: { host: '127.0.0.1:9999', ...headers },
  } as unknown as Request
}

async function run(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    filter(req, {} as Response, (err?: unknown) => (err ? reject(err) : resolve())),
  )
}

/** What the provider receives once the proxy forwarded the filtered request. */
function asReceived(req: Request) {
  const q = req.originalUrl.indexOf('?')
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = String(v)
  headers.host = '127.0.0.1:4567' // changeOrigin: true
  return {
    method: req.method,
    path: q < 0 ? req.originalUrl : req.originalUrl.slice(0, q),
    query: q < 0 ? '' : req.originalUrl.slice(q + 1),
    headers,
    body: forwardedBody(req).toString('utf8'),
  }
}

describe('SigV4 re-signing filter', () => {
  it('signs a JSON body as the proxy re-sends it (JSON.stringify of the parsed body) and sets content-length', async () => {
    const req = fakeRequest(
      'PUT',
      '/views/i-1/v-1/versions',
      { ViewContentSha256: 'a'.repeat(64) },
      {
        'content-type': 'application/json',
        authorization: `AWS4-HMAC-SHA256 Credential=CVCPACTKEY/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
    )
    await run(req)
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=CVCRESIGNKEY\/\d{8}\/eu-west-2\/connect\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
    )
    expect(req.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(req.body))))
    expect(await checker(asReceived(req))).toBeUndefined()
  })

  it('signs an ARN-form path segment and percent-encoded query values exactly as received', async () => {
    const arn = encodeURIComponent('arn:aws:connect:eu-west-2:123456789012:instance/i-1/view/v-1')
    const req = fakeRequest('GET', `/views/i-1/${arn}%3A2/versions?maxResults=2&nextToken=q%2B%2F%3Dr`)
    await run(req)
    expect(req.headers['content-length']).toBe('0')
    expect(await checker(asReceived(req))).toBeUndefined()
  })

  it('signs repeated query keys (UntagResource tagKeys)', async () => {
    const req = fakeRequest(
      'DELETE',
      '/tags/arn%3Aaws%3Aconnect%3Aeu-west-2%3A123456789012%3Ainstance%2Fi%2Fview%2Fv?tagKeys=a&tagKeys=c%20d',
    )
    await run(req)
    expect(await checker(asReceived(req))).toBeUndefined()
  })

  it('a body changed after signing is rejected: the signature covers the forwarded bytes', async () => {
    const req = fakeRequest('POST', '/tags/x', { tags: { a: 'b' } }, { 'content-type': 'application/json' })
    await run(req)
    const tampered = { ...asReceived(req), body: JSON.stringify({ tags: { a: 'c' } }) }
    expect((await checker(tampered))?.errorName).toBe('InvalidSignatureException')
  })

  it('leaves provider-state calls alone', async () => {
    const req = fakeRequest(
      'POST',
      '/_pactSetup',
      { state: 's', action: 'setup' },
      { 'content-type': 'application/json' },
    )
    await run(req)
    expect(req.headers.authorization).toBeUndefined()
  })
})
