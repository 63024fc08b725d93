// SigV4 verification against a real ConnectClient: the stub must accept exactly what the SDK signs (including
// percent-encoded ARN paths and encoded query values) and reject anything that differs from it.
import {
  ConnectClient,
  CreateViewCommand,
  DescribeViewCommand,
  ListViewsCommand,
  UntagResourceCommand,
  type ConnectServiceException,
} from '@aws-sdk/client-connect'
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deterministicOptions } from '../../src/model'
import {
  STUB_CREDENTIALS,
  createStubClient,
  createStubCore,
  startStubServer,
  toWireRequest,
  type StubServer,
  type WireRequest,
} from '../../src/stub'
import { INSTANCE } from './support/wire'

const verify = { credentials: STUB_CREDENTIALS }
const CONTENT = { Template: '{}', Actions: ['Go'] }

function clientFor(
  server: StubServer,
  credentials: { accessKeyId: string; secretAccessKey: string } = STUB_CREDENTIALS,
) {
  return new ConnectClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 })
}

async function rejection(p: Promise<unknown>): Promise<ConnectServiceException> {
  try {
    await p
  } catch (e) {
    return e as ConnectServiceException
  }
  throw new Error('expected the call to be rejected')
}

describe('SigV4 check over the HTTP server', () => {
  let server: StubServer
  beforeAll(async () => {
    server = await startStubServer({ coreOptions: { modelOptions: deterministicOptions(), verifySigV4: verify } })
  })
  afterAll(() => server.close())

  it('accepts the SDK signing with the right credentials: encoded ARN paths, queries, repeated keys', async () => {
    const client = clientFor(server)
    const { View } = await client.send(
      new CreateViewCommand({ InstanceId: INSTANCE, Name: 'signed', Status: 'PUBLISHED', Content: CONTENT }),
    )
    const d = await client.send(new DescribeViewCommand({ InstanceId: INSTANCE, ViewId: `${View!.Arn!}:$LATEST` }))
    expect(d.View?.Name).toBe('signed')
    const page = await client.send(new ListViewsCommand({ InstanceId: INSTANCE, MaxResults: 1 }))
    expect(page.NextToken).toBeDefined()
    const next = await client.send(
      new ListViewsCommand({ InstanceId: INSTANCE, MaxResults: 1, NextToken: page.NextToken }),
    )
    expect(next.ViewsSummaryList).toHaveLength(1)
    await client.send(new UntagResourceCommand({ resourceArn: View!.Arn!, tagKeys: ['a b', 'c+d', 'é/='] }))
    expect(server.core.counters.byError).toEqual({})
  })

  it('rejects a wrong secret key with InvalidSignatureException', async () => {
    const e = await rejection(
      clientFor(server, { ...STUB_CREDENTIALS, secretAccessKey: 'wrong' }).send(
        new ListViewsCommand({ InstanceId: INSTANCE }),
      ),
    )
    expect(e.name).toBe('InvalidSignatureException')
    expect(e.$metadata.httpStatusCode).toBe(403)
    expect(e.message).toMatch(/^The request signature we calculated does not match the signature you provided/)
  })

  it('rejects an unknown access key id with UnrecognizedClientException', async () => {
    const e = await rejection(
      clientFor(server, { ...STUB_CREDENTIALS, accessKeyId: 'AKIAOTHER' }).send(
        new ListViewsCommand({ InstanceId: INSTANCE }),
      ),
    )
    expect(e.name).toBe('UnrecognizedClientException')
    expect(e.$metadata.httpStatusCode).toBe(403)
  })

  it('answers a request without authorization with MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${server.url}/views/${INSTANCE}`)
    expect(res.status).toBe(403)
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
    expect(await res.json()).toEqual({ Message: 'Missing Authentication Token' })
  })

  it('answers malformed authorization headers with IncompleteSignatureException', async () => {
    for (const authorization of [
      'Bearer abc',
      'AWS4-HMAC-SHA256 Credential=a/b',
      `AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
    ]) {
      const res = await fetch(`${server.url}/views/${INSTANCE}`, { headers: { authorization } })
      expect(res.status, authorization).toBe(403)
      expect(res.headers.get('x-amzn-errortype'), authorization).toBe('IncompleteSignatureException') // last one: no x-amz-date
    }
  })
})

describe('SigV4 check with a skewed clock', () => {
  it('rejects a signature older than 5 minutes as expired, and one from the future', async () => {
    for (const [skewMs, message] of [
      [10 * 60_000, /^Signature expired: \d{8}T\d{6}Z is now earlier than/],
      [-10 * 60_000, /^Signature not yet current/],
    ] as const) {
      const server = await startStubServer({
        coreOptions: { verifySigV4: { ...verify, now: () => Date.now() + skewMs } },
      })
      try {
        const e = await rejection(clientFor(server).send(new ListViewsCommand({ InstanceId: INSTANCE })))
        expect(e.name).toBe('InvalidSignatureException')
        expect(e.message).toMatch(message)
      } finally {
        await server.close()
      }
    }
  })
})

describe('SigV4 check against tampered copies of a real signed request', () => {
  let signed: WireRequest
  beforeAll(async () => {
    // Capture what the SDK would send, signed, without sending it anywhere.
    const client = new ConnectClient({
      region: 'us-east-1',
      credentials: STUB_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: {
        handle: async (req: HttpRequest) => {
          signed = toWireRequest(req)
          return { response: new HttpResponse({ statusCode: 200, headers: {}, body: new TextEncoder().encode('{}') }) }
        },
      },
    })
    await client.send(
      new UntagResourceCommand({
        resourceArn: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/view/v-1`,
        tagKeys: ['a', 'b c'],
      }),
    )
    await client.send(
      new CreateViewCommand({ InstanceId: INSTANCE, Name: 'tamper', Status: 'PUBLISHED', Content: CONTENT }),
    )
  })

  async function answer(req: WireRequest) {
    const core = createStubCore({ modelOptions: deterministicOptions(), verifySigV4: verify })
    const res = await core.handle(req)
    return { status: res.status, type: res.headers['x-amzn-errortype'] }
  }

  it('accepts the untouched request (control)', async () => {
    expect(signed.body).toContain('"Name":"tamper"')
    expect(await answer(signed)).toEqual({ status: 200, type: undefined })
  })

  it('rejects a changed body, with or without a matching x-amz-content-sha256', async () => {
    const body = signed.body.replace('tamper', 'tampex')
    expect(await answer({ ...signed, body })).toEqual({ status: 403, type: 'InvalidSignatureException' })
    const { createHash } = await import('node:crypto')
    const headers = { ...signed.headers, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') }
    expect(await answer({ ...signed, body, headers })).toEqual({ status: 403, type: 'InvalidSignatureException' })
  })

  it('rejects a changed path, query, method or signed header; ignores unsigned headers', async () => {
    expect(await answer({ ...signed, path: `${signed.path}x` })).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
    })
    expect(await answer({ ...signed, query: 'x=1' })).toEqual({ status: 403, type: 'InvalidSignatureException' })
    expect(await answer({ ...signed, method: 'POST' })).toEqual({ status: 403, type: 'InvalidSignatureException' })
    expect(await answer({ ...signed, headers: { ...signed.headers, 'amz-sdk-invocation-id': 'other' } })).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
    })
    expect(await answer({ ...signed, headers: { ...signed.headers, 'user-agent': 'other' } })).toEqual({
      status: 200,
      type: undefined,
    })
  })
})

describe('SigV4 check of a botocore-style request', () => {
  it('accepts a signature without x-amz-content-sha256 (botocore does not send it for non-S3 services)', async () => {
    const { SignatureV4 } = await import('@smithy/signature-v4')
    const { Sha256 } = await import('@aws-crypto/sha256-js')
    const { HttpRequest } = await import('@smithy/protocol-http')
    const signer = new SignatureV4({
      credentials: STUB_CREDENTIALS,
      region: 'us-east-1',
      service: 'connect',
      sha256: Sha256,
      applyChecksum: false,
    })
    const body = JSON.stringify({ Name: 'boto', Status: 'SAVED', Content: CONTENT })
    const req = await signer.sign(
      new HttpRequest({
        method: 'PUT',
        protocol: 'https:',
        hostname: 'connect.us-east-1.amazonaws.com',
        path: `/views/${INSTANCE}`,
        headers: { host: 'connect.us-east-1.amazonaws.com', 'content-type': 'application/json' },
        body,
      }),
    )
    expect(req.headers['x-amz-content-sha256']).toBeUndefined()
    const core = createStubCore({ modelOptions: deterministicOptions(), verifySigV4: verify })
    const res = await core.handle({ method: 'PUT', path: req.path, query: '', headers: req.headers, body })
    expect(res.status, res.body).toBe(200)
  })
})

describe('SigV4 check through the in-process handler', () => {
  it('verifies what the SDK signed when no socket is involved', async () => {
    const { client, core } = createStubClient({ modelOptions: deterministicOptions(), verifySigV4: verify })
    const { View } = await client.send(
      new CreateViewCommand({ InstanceId: INSTANCE, Name: 'inproc', Status: 'PUBLISHED', Content: CONTENT }),
    )
    await client.send(new DescribeViewCommand({ InstanceId: INSTANCE, ViewId: `${View!.Arn!}:$LATEST` }))
    expect(core.counters.byStatus).toEqual({ 200: 2 })
    const bad = createStubClient({ core, credentials: { ...STUB_CREDENTIALS, secretAccessKey: 'nope' } }).client
    expect((await rejection(bad.send(new ListViewsCommand({ InstanceId: INSTANCE })))).name).toBe(
      'InvalidSignatureException',
    )
  })
})
