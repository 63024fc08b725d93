// The contract pins only what the docs pin: a provider that answers the open questions differently from our
// stub must still verify. An HTTP proxy in front of the stub rewrites its answers into other legal ones:
// qualified Id and bare Arn on numbered versions, the other ViewStatus on UpdateViewContent answers, and a
// name clash rejected with another declared 4xx class. (contracts/views.contract.test.ts section 5 shows a
// real deviation still fails.)
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatResults } from '../../src/verification/verification-results'
import { verifyAgainstTarget } from '../../src/verification/verify-target'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'

type Json = Record<string, unknown>

/** Rewrites one answer into another legal one; returns the new status, error type and body. */
function alternative(
  method: string,
  path: string,
  status: number,
  errorType: string | undefined,
  body: Json,
): { status: number; errorType?: string; body: Json } {
  if (errorType?.startsWith('DuplicateResourceException'))
    return { status: 400, errorType: 'InvalidRequestException', body }
  const view = body.View as Json | undefined
  if (view && typeof view.Version === 'number') {
    // a numbered version: Id qualified with the number, Arn bare (both undocumented)
    view.Id = `${String(view.Id)}:${view.Version}`
    view.Arn = String(view.Arn).replace(/:\d+$/, '')
  }
  if (view && method === 'POST' && /^\/views\/[^/]+\/[^/]+$/.test(path))
    view.Status = view.Status === 'PUBLISHED' ? 'SAVED' : 'PUBLISHED'
  return { status, ...(errorType ? { errorType } : {}), body }
}

function startRewritingProxy(upstream: string): Promise<Server> {
  const up = new URL(upstream)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const fwd = request(
        {
          hostname: up.hostname,
          port: up.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: up.host },
        },
        (ans) => {
          const parts: Buffer[] = []
          ans.on('data', (c: Buffer) => parts.push(c))
          ans.on('end', () => {
            const text = Buffer.concat(parts).toString('utf8')
            const headers = { ...ans.headers }
            let status = ans.statusCode ?? 500
            let out = text
            if (text.startsWith('{')) {
              const alt = alternative(
                req.method ?? 'GET',
                (req.url ?? '').split('?')[0]!,
                status,
                ans.headers['x-amzn-errortype'] as string | undefined,
                JSON.parse(text) as Json,
              )
              status = alt.status
              if (alt.errorType) headers['x-amzn-errortype'] = alt.errorType
              out = JSON.stringify(alt.body)
            }
            headers['content-length'] = String(Buffer.byteLength(out))
            res.writeHead(status, headers)
            res.end(out)
          })
        },
      )
      fwd.on('error', (e) => {
        res.writeHead(502)
        res.end(String(e))
      })
      fwd.end(Buffer.concat(chunks))
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

describe('a provider answering the open questions differently still verifies', () => {
  let stub: StubServer
  let proxy: Server
  beforeAll(async () => {
    stub = await startStubServer({ port: 0 })
    proxy = await startRewritingProxy(stub.url)
  })
  afterAll(async () => {
    await new Promise((r) => proxy?.close(r))
    await stub?.close()
  })

  it('every interaction passes against the rewritten answers, which the stub alone never gives', async () => {
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
    const target = await createTarget({ target: url, rate: { tps: 10_000, burst: 10_000 } })
    try {
      const report = await verifyAgainstTarget({ target, providerBaseUrl: url })
      expect(
        report.results.filter((r) => r.status !== 'passed'),
        formatResults(report.results),
      ).toEqual([])
      expect(report.results.length).toBeGreaterThanOrEqual(28)
      // the rewrites happened: the stub answered 409 to the name clash, the client saw 400
      expect(stub.core.counters.byStatus[409]).toBeGreaterThanOrEqual(1)
    } finally {
      await target.close()
    }
  })

  it('the rewrite itself is what the stub would not answer', () => {
    const v = alternative('GET', '/views/i/v:1', 200, undefined, {
      View: { Id: 'abc', Arn: 'arn:x/view/abc:1', Version: 1, Status: 'PUBLISHED' },
    })
    expect(v.body.View).toMatchObject({ Id: 'abc:1', Arn: 'arn:x/view/abc' })
    expect(alternative('POST', '/views/i/v', 200, undefined, { View: { Status: 'PUBLISHED' } }).body.View).toEqual({
      Status: 'SAVED',
    })
    expect(alternative('PUT', '/views/i', 409, 'DuplicateResourceException', { Message: 'x' })).toMatchObject({
      status: 400,
      errorType: 'InvalidRequestException',
    })
  })
})
