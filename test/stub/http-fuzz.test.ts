// Seeded fuzzing of the stub's HTTP server with raw HTTP (never the SDK on the sending side).
//
// A reproducible campaign (fast-check generator, fixed seed, FUZZ_SEED to explore others) of malformed
// requests is sent one at a time, keep-alive off, to two loopback servers:
//   - a plain server (no SigV4 check), so requests reach routing, decoding and the model;
//   - a SigV4-verifying server, fed junk/well-formed-but-wrong/correctly-signed Authorization headers.
// Requests go out through node:http (agent: false, connection: close); the few node:http cannot express or
// would misreport (lowercase or malformed methods, CONNECT, spaces or control bytes in the target, Upgrade,
// an unsupported Expect) go out as raw bytes over node:net and the answer is parsed from the bytes.
//
// Properties, each its own test so one failing class does not mask the others:
//   1. no 5xx, counters.unexpectedErrors stays 0, and both servers still serve a real ConnectClient after;
//   2. every request gets an HTTP answer (no dropped connections);
//   3. every error answer is a restJson1 error: x-amzn-errortype plus a JSON body with a Message string;
//   4. a sample of ~200 captured error answers, replayed into a real ConnectClient through an HttpHandler,
//      comes out as an exception whose name/status/message/requestId match the raw answer.
//   5. both servers close promptly afterwards (no socket left open by any odd request).
// The last block holds minimal repros of what the campaign found: requests node's HTTP layer answered before
// the stub's core saw them, with no x-amzn-errortype and no body (or not at all), and a pipelined parse
// error that replaced the answer to the request before it. They are regression tests for the fixes in
// src/stub/http-server.ts, which handles 'clientError', 'connect' and 'checkExpectation' as restJson1 errors
// and answers pipelined requests in order.
//
// Transports and SigV4 materialisation live in support/fuzz-transport.ts, the generators in
// support/fuzz-requests.ts.
import {
  ConnectClient,
  CreateViewCommand,
  CreateViewVersionCommand,
  DeleteViewVersionCommand,
  DescribeViewCommand,
  ListViewsCommand,
  SearchViewsCommand,
  TagResourceCommand,
  UpdateViewContentCommand,
  type ConnectServiceException,
} from '@aws-sdk/client-connect'
import { HttpResponse, type HttpHandler } from '@smithy/protocol-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deterministicOptions } from '../../src/model'
import { STUB_CREDENTIALS, startStubServer, type StubServer } from '../../src/stub'
import { INSTANCE, campaign, type CampaignOptions, type Seeded } from './support/wire-requests'
import {
  REGION,
  exchangeRaw,
  send,
  type Exchange,
  type FuzzRequest,
  type Leg,
  type Outcome,
} from './support/fuzz-transport'

const SEED = Number(process.env.FUZZ_SEED ?? 20261126)
const PLAIN_RUNS = 2_200
const SIGV4_RUNS = 400
const REPLAY_SAMPLE = 200
const REQUEST_TIMEOUT_MS = 3_000
/**
 * The hook's limit for seeding plus all ~2,600 requests (a few seconds on an idle machine). Only a hang should
 * reach it: a request left unanswered is caught as such (REQUEST_TIMEOUT_MS, then "answers every request"),
 * and a loaded machine must not fail the campaign on time.
 */
const CAMPAIGN_HOOK_TIMEOUT_MS = 180_000
const CAMPAIGN: CampaignOptions = { seed: SEED, plainRuns: PLAIN_RUNS, sigv4Runs: SIGV4_RUNS }
/** node's default --max-http-header-size: request line + headers above this are refused by the parser. */
const NODE_MAX_HEADER_BYTES = 16 * 1024

/** Methods llhttp (node's HTTP parser) accepts; any other token is refused before the stub sees it. */
const KNOWN_TO_NODE = new Set([
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'HEAD',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'MKCOL',
  'PURGE',
  'SEARCH',
])

// ---------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------

function describeRequest(x: Exchange): string {
  const { req } = x
  const target = req.target.length > 160 ? `${req.target.slice(0, 160)}…(${req.target.length} chars)` : req.target
  const body =
    req.body.length > 100
      ? `${JSON.stringify(req.body.subarray(0, 100).toString('latin1'))}…(${req.body.length} bytes)`
      : JSON.stringify(req.body.toString('latin1'))
  const headers = req.headers
    .map(([k, v]) => `${k}: ${v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v}`)
    .join(' | ')
  const answer = x.out.ok
    ? `${x.out.status} type=${x.out.headers['x-amzn-errortype'] ?? '-'} body=${JSON.stringify(x.out.body.subarray(0, 120).toString('utf8'))}`
    : `NO ANSWER (${x.out.error})`
  return `#${x.index} [${req.leg}/${x.out.via}] ${JSON.stringify(req.method)} ${JSON.stringify(target)} {${headers}} auth=${req.auth.kind} body=${body}\n      → ${answer}`
}

function jsonMessage(body: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    const o = parsed as Record<string, unknown>
    const m = o.Message ?? o.message
    return typeof m === 'string' ? m : undefined
  } catch {
    return undefined
  }
}

/** Problems with one answer against the restJson1 error contract (property 3). */
function contractProblems(x: Exchange): string[] {
  if (!x.out.ok) return []
  const { status, headers, body } = x.out
  const problems: string[] = []
  const headless = x.req.method === 'HEAD'
  if (status >= 200 && status < 300) {
    if (!headless) {
      try {
        JSON.parse(body.toString('utf8'))
      } catch {
        problems.push(`${status} success body is not JSON`)
      }
    }
    return problems
  }
  if (!headers['x-amzn-errortype']) problems.push(`${status} without x-amzn-errortype`)
  if (!headless && jsonMessage(body) === undefined) problems.push(`${status} body is not JSON with a Message string`)
  return problems
}

/** Groups failures by kind and keeps the first few repros of each, so one cause reads as one line. */
function grouped(failures: Array<{ kind: string; x: Exchange }>, perKind = 3): string {
  const byKind = new Map<string, Exchange[]>()
  for (const f of failures) {
    const list = byKind.get(f.kind) ?? []
    list.push(f.x)
    byKind.set(f.kind, list)
  }
  return [...byKind.entries()]
    .map(
      ([kind, xs]) =>
        `${kind}: ${xs.length} request(s), e.g.\n${xs
          .slice(0, perKind)
          .map((x) => `    ${describeRequest(x)}`)
          .join('\n')}`,
    )
    .join('\n')
}

/** The most likely cause of a transport-level failure, for grouping (first match wins). */
function requestClass(req: FuzzRequest): string {
  const m = req.method
  const headBytes = m.length + req.target.length + req.headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0)
  if (headBytes > NODE_MAX_HEADER_BYTES - 512) return 'request head near/over 16 KiB'
  if (m === 'CONNECT') return 'CONNECT'
  if (!/^[A-Z]+$/.test(m)) return /^[A-Za-z]+$/.test(m) ? 'lower/mixed-case method' : 'malformed method'
  if (!KNOWN_TO_NODE.has(m)) return "method unknown to node's parser"
  if (/[^\x21-\x7e]/.test(req.target)) return 'non-ASCII/space/control byte in target'
  if (!/^(?:\/|\*$|[a-zA-Z][a-zA-Z0-9+.-]*:\/\/)/.test(req.target))
    return 'target neither origin-, absolute- nor asterisk-form'
  const expectation = req.headers.find(([k]) => k === 'expect')?.[1]
  if (expectation !== undefined && expectation.toLowerCase() !== '100-continue') return `Expect: ${expectation}`
  return 'other'
}

// ---------------------------------------------------------------------------------------------------------
// SDK replay: a smithy HttpHandler that answers every call with one captured raw response
// ---------------------------------------------------------------------------------------------------------

class ReplayHandler implements HttpHandler {
  next: { status: number; headers: Record<string, string>; body: Buffer } | undefined
  async handle(): Promise<{ response: HttpResponse }> {
    const n = this.next
    if (!n) throw new Error('ReplayHandler: nothing to replay')
    return {
      response: new HttpResponse({ statusCode: n.status, headers: { ...n.headers }, body: new Uint8Array(n.body) }),
    }
  }
  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {}
  }
  destroy(): void {}
}

const REPLAY_CALLS: ReadonlyArray<(c: ConnectClient) => Promise<unknown>> = [
  (c) => c.send(new DescribeViewCommand({ InstanceId: INSTANCE, ViewId: 'v' })),
  (c) => c.send(new CreateViewCommand({ InstanceId: INSTANCE, Name: 'n', Status: 'SAVED', Content: {} })),
  (c) => c.send(new ListViewsCommand({ InstanceId: INSTANCE, MaxResults: 1 })),
  (c) =>
    c.send(
      new TagResourceCommand({
        resourceArn: 'arn:aws:connect:us-east-1:123456789012:instance/i/view/v',
        tags: { a: 'b' },
      }),
    ),
  (c) => c.send(new DeleteViewVersionCommand({ InstanceId: INSTANCE, ViewId: 'v', ViewVersion: 1 })),
  (c) => c.send(new SearchViewsCommand({ InstanceId: INSTANCE })),
]

// ---------------------------------------------------------------------------------------------------------
// The campaign
// ---------------------------------------------------------------------------------------------------------

/** server.close() with a deadline: a connection the server leaves open would otherwise hang the hook for a minute. */
async function closeWithin(server: StubServer, ms = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      server.close(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`server.close() did not finish within ${ms} ms: a connection was left open`)),
          ms,
        )
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

function sdkClient(server: StubServer): ConnectClient {
  return new ConnectClient({ region: REGION, endpoint: server.url, credentials: STUB_CREDENTIALS, maxAttempts: 1 })
}

async function seed(server: StubServer): Promise<Seeded> {
  const client = sdkClient(server)
  try {
    const a = (
      await client.send(
        new CreateViewCommand({
          InstanceId: INSTANCE,
          Name: 'fuzz-published',
          Status: 'PUBLISHED',
          Content: { Template: '{}', Actions: ['Go'] },
          Tags: { team: 'fuzz' },
        }),
      )
    ).View!
    await client.send(new CreateViewVersionCommand({ InstanceId: INSTANCE, ViewId: a.Id! }))
    await client.send(
      new UpdateViewContentCommand({
        InstanceId: INSTANCE,
        ViewId: a.Id!,
        Status: 'PUBLISHED',
        Content: { Template: '{"Head":{},"Body":[]}', Actions: [] },
      }),
    )
    await client.send(new CreateViewVersionCommand({ InstanceId: INSTANCE, ViewId: a.Id! }))
    const b = (
      await client.send(
        new CreateViewCommand({
          InstanceId: INSTANCE,
          Name: 'fuzz-saved',
          Status: 'SAVED',
          Content: { Template: 'draft', Actions: [] },
        }),
      )
    ).View!
    const page = await client.send(new ListViewsCommand({ InstanceId: INSTANCE, MaxResults: 1 }))
    return { publishedId: a.Id!, publishedArn: a.Arn!, savedId: b.Id!, nextToken: page.NextToken! }
  } finally {
    client.destroy()
  }
}

describe('HTTP server under a seeded fuzz campaign', () => {
  const servers = {} as Record<Leg, StubServer>
  const exchanges: Exchange[] = []
  let seeded: Seeded
  let elapsedMs = 0

  beforeAll(async () => {
    const started = performance.now()
    servers.plain = await startStubServer({
      port: 0,
      host: '127.0.0.1',
      coreOptions: { modelOptions: deterministicOptions() },
    })
    servers.sigv4 = await startStubServer({
      port: 0,
      host: '127.0.0.1',
      coreOptions: {
        modelOptions: deterministicOptions(),
        verifySigV4: { credentials: STUB_CREDENTIALS, region: REGION },
      },
    })
    seeded = await seed(servers.plain)
    const other = await seed(servers.sigv4)
    expect(other, 'deterministic ids: both servers hold the same views').toEqual(seeded)
    const requests = campaign(seeded, CAMPAIGN)
    // Sequential on purpose: the model is stateful, so only a fixed order makes a run reproducible.
    for (const [index, req] of requests.entries()) {
      exchanges.push({ index, req, out: await send(req, servers[req.leg].port, REQUEST_TIMEOUT_MS) })
    }
    elapsedMs = performance.now() - started
    const dist: Record<string, number> = {}
    for (const x of exchanges) {
      const k = x.out.ok ? String(x.out.status) : 'no-answer'
      dist[k] = (dist[k] ?? 0) + 1
    }
    const via = exchanges.filter((x) => x.out.via === 'socket').length
    console.info(
      `[http-fuzz] seed ${SEED}: ${exchanges.length} requests (${PLAIN_RUNS} plain + ${SIGV4_RUNS} SigV4; ${exchanges.length - via} via node:http, ${via} raw socket) ` +
        `in ${Math.round(elapsedMs)} ms\n[http-fuzz] answers by status: ${JSON.stringify(dist)}\n` +
        `[http-fuzz] core byStatus plain: ${JSON.stringify(servers.plain.core.counters.byStatus)} sigv4: ${JSON.stringify(servers.sigv4.core.counters.byStatus)}\n` +
        `[http-fuzz] core byError plain: ${JSON.stringify(servers.plain.core.counters.byError)}`,
    )
  }, CAMPAIGN_HOOK_TIMEOUT_MS)

  let closed = false
  afterAll(async () => {
    if (closed) return
    await Promise.allSettled([servers.plain && closeWithin(servers.plain), servers.sigv4 && closeWithin(servers.sigv4)])
  })

  it('sent a bounded, reproducible campaign of at least 2,000 requests', () => {
    expect(exchanges.length).toBe(PLAIN_RUNS + SIGV4_RUNS)
    expect(exchanges.length).toBeGreaterThanOrEqual(2_000)
    // Same seed, same requests (fast-check sampling is pure).
    const again = campaign(seeded, CAMPAIGN).slice(0, 50)
    expect(again.map((r) => [r.method, r.target, r.headers, r.body.toString('base64')])).toEqual(
      exchanges.slice(0, 50).map((x) => [x.req.method, x.req.target, x.req.headers, x.req.body.toString('base64')]),
    )
    // The campaign reached the interesting layers, not just the router.
    const plainCore = servers.plain.core.counters
    expect(plainCore.byStatus[200] ?? 0).toBeGreaterThan(50)
    for (const e of [
      'SerializationException',
      'InvalidParameterException',
      'ResourceNotFoundException',
      'UnknownOperationException',
      'RequestEntityTooLargeException',
    ]) {
      expect(plainCore.byError[e] ?? 0, e).toBeGreaterThan(0)
    }
    const sigCore = servers.sigv4.core.counters
    for (const e of [
      'MissingAuthenticationTokenException',
      'IncompleteSignatureException',
      'InvalidSignatureException',
      'UnrecognizedClientException',
    ]) {
      expect(sigCore.byError[e] ?? 0, e).toBeGreaterThan(0)
    }
    expect(sigCore.byStatus[200] ?? 0, 'correctly signed requests got through').toBeGreaterThan(0)
  })

  it('never answers 5xx, counts no unexpected errors, and both servers still serve a real ConnectClient', async () => {
    const fivexx = exchanges
      .filter((x) => x.out.ok && x.out.status >= 500)
      .map((x) => ({ kind: `status ${(x.out as { status: number }).status}`, x }))
    expect(grouped(fivexx), 'answers with a 5xx status').toBe('')
    for (const leg of ['plain', 'sigv4'] as const) {
      const { core } = servers[leg]
      expect(core.counters.unexpectedErrors, `${leg}: ${String(core.unexpectedErrorLog.at(-1))}`).toBe(0)
      expect(
        Object.keys(core.counters.byStatus)
          .map(Number)
          .filter((s) => s >= 500),
        leg,
      ).toEqual([])
      const client = sdkClient(servers[leg])
      try {
        const { View } = await client.send(
          new CreateViewCommand({
            InstanceId: INSTANCE,
            Name: `after-fuzz-${leg}`,
            Status: 'PUBLISHED',
            Content: { Template: '{}', Actions: [] },
          }),
        )
        const d = await client.send(new DescribeViewCommand({ InstanceId: INSTANCE, ViewId: `${View!.Arn!}:$LATEST` }))
        expect(d.View?.Name).toBe(`after-fuzz-${leg}`)
        const list = await client.send(new ListViewsCommand({ InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' }))
        expect(list.ViewsSummaryList?.some((v) => v.Id === View!.Id)).toBe(true)
      } finally {
        client.destroy()
      }
    }
  })

  it('answers every request (no connection dropped without an HTTP answer)', () => {
    const dropped = exchanges.filter((x) => !x.out.ok).map((x) => ({ kind: `no answer [${requestClass(x.req)}]`, x }))
    expect(grouped(dropped), 'requests without an HTTP answer').toBe('')
  })

  it('makes every error answer a restJson1 error: x-amzn-errortype and a JSON body with a Message string', () => {
    const bad = exchanges.flatMap((x) => {
      const problems = contractProblems(x)
      return problems.length ? [{ kind: `${problems.join(' and ')} [${requestClass(x.req)}]`, x }] : []
    })
    expect(grouped(bad), 'error answers an SDK cannot parse into a named error').toBe('')
  })

  it('gives a real ConnectClient the same error name, status, message and request id for a sample of ~200 error answers', async () => {
    const errors = exchanges.filter(
      (x): x is Exchange & { out: Extract<Outcome, { ok: true }> } =>
        x.out.ok && x.out.status >= 300 && x.req.method !== 'HEAD' && !!x.out.headers['x-amzn-errortype'],
    )
    expect(errors.length).toBeGreaterThanOrEqual(REPLAY_SAMPLE)
    // Evenly spaced over the campaign, so every kind of error answer is represented in proportion.
    const step = errors.length / REPLAY_SAMPLE
    const sample = Array.from({ length: REPLAY_SAMPLE }, (_, i) => errors[Math.floor(i * step)]!)
    const handler = new ReplayHandler()
    const client = new ConnectClient({
      region: REGION,
      credentials: STUB_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: handler,
    })
    const mismatches: string[] = []
    const names = new Set<string>()
    try {
      for (const [i, x] of sample.entries()) {
        handler.next = x.out
        let thrown: ConnectServiceException | undefined
        try {
          await REPLAY_CALLS[i % REPLAY_CALLS.length]!(client)
        } catch (e) {
          thrown = e as ConnectServiceException
        }
        const want = {
          name: x.out.headers['x-amzn-errortype'],
          status: x.out.status,
          message: jsonMessage(x.out.body),
          requestId: x.out.headers['x-amzn-requestid'],
        }
        const got = thrown && {
          name: thrown.name,
          status: thrown.$metadata?.httpStatusCode,
          message: thrown.message,
          requestId: thrown.$metadata?.requestId,
        }
        names.add(String(want.name))
        if (JSON.stringify(got) !== JSON.stringify(want))
          mismatches.push(
            `${describeRequest(x)}\n      SDK saw ${JSON.stringify(got)}, raw answer ${JSON.stringify(want)}`,
          )
      }
    } finally {
      client.destroy()
    }
    expect(mismatches, mismatches.slice(0, 5).join('\n')).toEqual([])
    expect(names.size, [...names].join(', ')).toBeGreaterThanOrEqual(5)
  })

  // Last on purpose: closing is part of surviving the campaign (no socket left open by any odd request).
  it('closes both servers promptly afterwards', async () => {
    closed = true
    await closeWithin(servers.plain)
    await closeWithin(servers.sigv4)
  })
})

// Regression tests for the answers the campaign flagged: requests node's HTTP parser refuses before the stub
// sees them (once a bare 400 from node's default 'clientError' handling), CONNECT (once dropped: no 'connect'
// listener) and an unsupported Expect (once node's automatic 417). None reaches the core, so none is
// counted. Each must be a restJson1 error like every other answer.
describe('transport-level rejections are restJson1 errors the SDKs can parse', () => {
  let server: StubServer
  beforeAll(async () => {
    server = await startStubServer({ port: 0, host: '127.0.0.1' })
  })
  afterAll(() => closeWithin(server))

  const raw = (method: string, target: string, headers: Array<[string, string]> = []): FuzzRequest => ({
    leg: 'plain',
    method,
    target,
    headers,
    body: Buffer.alloc(0),
    auth: { kind: 'none' },
  })
  // The Expect case may also be fixed by serving the request normally (2xx); the others must be refused.
  const cases: Array<[string, FuzzRequest]> = [
    ['lowercase method', raw('get', `/views/${INSTANCE}`)],
    ['unknown method token', raw('BREW', `/views/${INSTANCE}`)],
    ['CONNECT', raw('CONNECT', `/views/${INSTANCE}`)],
    ['non-ASCII byte in the target', raw('GET', `/views/${INSTANCE}/\u00e9`)],
    ['space in the target', raw('GET', `/views/${INSTANCE}/a b`)],
    ['request head over 16 KiB', raw('GET', `/views/${INSTANCE}`, [['x-padding', 'p'.repeat(NODE_MAX_HEADER_BYTES)]])],
    ['unsupported Expect', raw('GET', `/views/${INSTANCE}`, [['expect', 'bogus-expectation']])],
  ]

  it('answers a valid request first when garbage follows it on the same connection', async () => {
    // HTTP/1.1 answers requests on a connection in order. Here the parser fails on the second "request"
    // while the first is still being served; the error answer must not replace the first one's.
    const payload = `GET /views/${INSTANCE}?maxResults=1 HTTP/1.1\r\nhost: x\r\n\r\nGARBAGE\r\n\r\n`
    const before = server.core.counters.byStatus[200] ?? 0
    const out = await exchangeRaw(server.port, Buffer.from(payload, 'latin1'), { timeoutMs: 1_000 })
    expect(server.core.counters.byStatus[200] ?? 0, 'the core answered the valid request with 200').toBe(before + 1)
    expect(
      out.ok && out.status,
      `first answer on the connection: ${out.ok ? `${out.status} ${out.body.toString()}` : out.error}`,
    ).toBe(200)
  })

  it.each(cases)('%s', async (_label, req) => {
    const out = await send(req, server.port, REQUEST_TIMEOUT_MS)
    const x: Exchange = { index: 0, req, out }
    expect(out.ok, describeRequest(x)).toBe(true)
    if (!out.ok) return
    if (!req.headers.some(([k]) => k === 'expect')) expect(out.status, describeRequest(x)).toBeGreaterThanOrEqual(400)
    expect(out.status, describeRequest(x)).toBeLessThan(500)
    expect(contractProblems(x), describeRequest(x)).toEqual([])
    expect(server.core.counters.unexpectedErrors).toBe(0)
  })
})
