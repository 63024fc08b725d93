// No request, however broken, may crash the stub or get a 5xx: raw garbage over a socket to the HTTP server,
// and generated malformed WireRequests straight into the core.
import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATIONS, OPERATION_NAMES } from '../../src/spec'
import { startStubServer, type StubServer } from '../../src/stub'
import { splitTarget } from '../../src/stub/http-server'
import { INSTANCE, testCore } from './support/wire'

/** Sends raw bytes, returns whatever comes back before the server closes the connection (or after a short idle). */
function rawExchange(port: number, payload: string | Buffer, hangUp = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(Buffer.concat(chunks).toString()) : reject(e),
    )
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()))
    socket.setTimeout(300, () => socket.end())
    socket.write(payload)
    if (hangUp) socket.end()
  })
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1])
const errorTypeOf = (raw: string) => /x-amzn-errortype: (\S+)/i.exec(raw)?.[1]

describe('HTTP server under malformed input', () => {
  let server: StubServer
  beforeAll(async () => {
    server = await startStubServer()
  })
  afterAll(() => server.close())

  it('answers garbage request lines with 400 and keeps serving', async () => {
    for (const junk of [
      'GARBAGE\r\n\r\n',
      'GET\r\n\r\n',
      '\x00\x01\x02\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET / HTTP/1.1\r\nBad Header\r\n\r\n',
    ]) {
      const raw = await rawExchange(server.port, junk)
      if (raw !== '') expect(statusOf(raw), JSON.stringify(junk)).toBeLessThan(500)
    }
    const ok = await fetch(`${server.url}/views/${INSTANCE}`)
    expect(ok.status).toBe(200)
  })

  it('routes odd request targets to clean 4xx answers', async () => {
    const cases: Array<[string, number, string]> = [
      ['GET /%%% HTTP/1.1', 404, 'UnknownOperationException'],
      ['GET /views/%ZZ HTTP/1.1', 400, 'SerializationException'],
      ['GET /views/i/ HTTP/1.1', 404, 'UnknownOperationException'],
      ['GET * HTTP/1.1', 404, 'UnknownOperationException'],
      ['PATCH /views/i HTTP/1.1', 405, 'UnknownOperationException'],
      [`DELETE /views/${INSTANCE}/v/versions/abc HTTP/1.1`, 400, 'SerializationException'],
      [`GET /views/${INSTANCE}?maxResults=%FF HTTP/1.1`, 400, 'SerializationException'],
    ]
    for (const [line, status, type] of cases) {
      const raw = await rawExchange(server.port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`)
      expect(statusOf(raw), line).toBe(status)
      expect(errorTypeOf(raw), line).toBe(type)
      expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toMatch(/^\{"Message":/)
    }
  })

  it('answers an absolute-form target like the origin-form one', async () => {
    const raw = await rawExchange(
      server.port,
      `GET http://example.com/views/${INSTANCE}?type=AWS_MANAGED HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    )
    expect(statusOf(raw)).toBe(200)
    expect(splitTarget('https://h:1/a/b?c=d#e')).toEqual({ path: '/a/b', query: 'c=d' })
  })

  it('answers a 2 MiB body with 413 without buffering it all, and invalid UTF-8 / bad JSON with 400', async () => {
    const big = await fetch(`${server.url}/views/${INSTANCE}`, { method: 'PUT', body: 'x'.repeat(2 * 1024 * 1024) })
    expect(big.status).toBe(413)
    expect(big.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException')
    const bad = Buffer.concat([Buffer.from('{"Name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"')])
    const res = await fetch(`${server.url}/views/${INSTANCE}`, { method: 'PUT', body: bad })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException')
  })

  it('survives a client that disconnects mid-body', async () => {
    await rawExchange(
      server.port,
      `PUT /views/${INSTANCE} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"Na`,
      true,
    )
    expect((await fetch(`${server.url}/views/${INSTANCE}`)).status).toBe(200)
    expect(server.core.counters.unexpectedErrors).toBe(0)
  })
})

describe('core under generated malformed requests', () => {
  const ops = OPERATION_NAMES.map((op) => OPERATIONS[op])
  const segment = fc.oneof(
    fc.constantFrom(
      'views',
      'tags',
      'versions',
      'metadata',
      'search-views',
      INSTANCE,
      '',
      '.',
      '..',
      '%2F',
      '%ZZ',
      '%',
      '1',
      '-1',
      'abc',
      '%3A%24LATEST',
    ),
    fc.string({ maxLength: 12 }),
  )
  const request = fc.record({
    method: fc.oneof(fc.constantFrom(...ops.map((o) => o.method)), fc.constantFrom('PATCH', 'HEAD', 'get', '')),
    path: fc.oneof(
      fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`),
      fc.string({ maxLength: 30 }),
    ),
    query: fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('maxResults=0', 'maxResults=abc', 'tagKeys=&tagKeys=%', 'nextToken=%E2%82', 'type=X&type=Y'),
    ),
    headers: fc.constant({ host: 'connect.us-east-1.amazonaws.com' }),
    body: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.json({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) =>
        JSON.stringify({
          Name: v,
          Status: v,
          Content: v,
          Tags: v,
          tags: v,
          InstanceId: v,
          SearchCriteria: v,
          MaxResults: v,
        }),
      ),
    ),
  })

  it('always answers with a JSON body and a status below 500', async () => {
    const core = testCore()
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        const res = await core.handle(req)
        expect(res.status).toBeLessThan(500)
        expect(() => JSON.parse(res.body)).not.toThrow()
        if (res.status !== 200) expect(res.headers['x-amzn-errortype']).toBeDefined()
      }),
      { numRuns: 400, seed: 20261126 },
    )
    expect(core.counters.unexpectedErrors, String(core.unexpectedErrorLog.at(-1))).toBe(0)
  })
})
