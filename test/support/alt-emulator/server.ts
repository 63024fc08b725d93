// An alternative Connect Views emulator: a target the reference model did not produce, for checking that
// calibration (`conformance record --plan calibration` + `calibrate`) and `parity --sequence` hold against an
// implementation other than our own stub.
//
// How independent it is, honestly: it was written by the same authors as the model, in the same session, after
// reading the same private reference notes on the API (bindings, constraints, errors and rules with their
// confidence: the notes that also guided the model; not in this repository) and knowing the list of choices
// the model can serve. It imports nothing from src/ (no model, spec, stub or
// choices): its routes, bindings and constraints come from the committed AWS service model JSON
// (fixtures/service-model/), its behaviour from the reference's rules, and its answers where the reference is
// silent (what those notes mark unknown or inferred) from answers.ts, chosen to differ from the model's defaults, and in places (tags on its own views vs
// AWS-managed ones, Arn forms per operation, what ApproximateTotalCount counts) to differ by context. What it
// does not model: InputSchema (never sent), quotas, throttling, SigV4 (any credentials pass). Its AWS-managed
// views (the names the public admin guide mentions) have contents of its own.
//
// Wire: restJson1 as the service model and the SDK define it — labels percent-decoded per segment, query
// values percent-decoded (no '+' → space), epoch-second timestamps, errors as `x-amzn-errortype` plus
// `{"Message"}` with each error's HTTP status from the service model; model constraints (length in code points, patterns, enums,
// ranges, required) checked before the operation runs.
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { ANSWERS, type AltAnswers } from './answers'
import { ApiError, ViewStore } from './views'

interface Shape {
  type: string
  members?: Record<string, { shape: string; location?: string; locationName?: string }>
  required?: string[]
  member?: { shape: string }
  key?: { shape: string }
  value?: { shape: string }
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
}
interface Operation {
  name: string
  http: { method: string; requestUri: string }
  input: { shape: string }
}
const MODEL = JSON.parse(
  readFileSync(new URL('../../../fixtures/service-model/connect-views.service-model.json', import.meta.url), 'utf8'),
) as { operations: Record<string, Operation>; shapes: Record<string, Shape> }

const STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  InvalidRequestException: 400,
  InvalidParameterException: 400,
  ResourceNotFoundException: 404,
  DuplicateResourceException: 409,
  ResourceInUseException: 409,
  SerializationException: 400,
  UnknownOperationException: 404,
}

const decode = (s: string) => decodeURIComponent(s)

/** The operation whose requestUri matches, and its labels (each a whole, percent-decoded segment). */
function route(method: string, path: string): { op: Operation; labels: Record<string, string> } | undefined {
  const segments = path.split('/').slice(1)
  for (const op of Object.values(MODEL.operations)) {
    if (op.http.method !== method) continue
    const pattern = op.http.requestUri.split('?')[0]!.split('/').slice(1)
    if (pattern.length !== segments.length) continue
    const labels: Record<string, string> = {}
    const fits = pattern.every((p, i) => {
      if (!p.startsWith('{')) return p === segments[i]
      labels[p.replace(/[{}+]/g, '')] = decode(segments[i]!)
      return segments[i] !== ''
    })
    if (fits) return { op, labels }
  }
  return undefined
}

function violations(shapeName: string, value: unknown, path: string, a: AltAnswers, out: string[]): void {
  const s = MODEL.shapes[shapeName]
  if (!s || value === undefined || value === null) return
  const len = (x: unknown[] | string) => (typeof x === 'string' ? [...x].length : x.length)
  if (s.type === 'string' && typeof value === 'string') {
    if ((s.min !== undefined && len(value) < s.min) || (s.max !== undefined && len(value) > s.max))
      out.push(`${path}: length`)
    let pattern = s.pattern
    if (shapeName === 'ViewContentSha256') pattern = a.shaInputAlnum ? '^[a-zA-Z0-9]+$' : undefined // the model's one-character pattern is a known bug
    if (pattern && !new RegExp(pattern, pattern.includes('\\p') ? 'u' : '').test(value)) out.push(`${path}: pattern`)
    if (s.enum && !s.enum.includes(value)) out.push(`${path}: enum`)
  } else if ((s.type === 'integer' || s.type === 'long') && typeof value === 'number') {
    if ((s.min !== undefined && value < s.min) || (s.max !== undefined && value > s.max)) out.push(`${path}: range`)
  } else if (s.type === 'list' && Array.isArray(value)) {
    if ((s.min !== undefined && value.length < s.min) || (s.max !== undefined && value.length > s.max))
      out.push(`${path}: size`)
    for (const x of value) violations(s.member!.shape, x, `${path}[]`, a, out)
  } else if (s.type === 'map' && typeof value === 'object') {
    const entries = Object.entries(value as object)
    if ((s.min !== undefined && entries.length < s.min) || (s.max !== undefined && entries.length > s.max))
      out.push(`${path}: size`)
    for (const [k, x] of entries) {
      violations(s.key!.shape, k, `${path}.key`, a, out)
      violations(s.value!.shape, x, `${path}.value`, a, out)
    }
  } else if (s.type === 'structure' && typeof value === 'object') {
    for (const r of s.required ?? [])
      if ((value as Record<string, unknown>)[r] == null) out.push(`${path}.${r}: required`)
    for (const [m, spec] of Object.entries(s.members ?? {}))
      violations(spec.shape, (value as Record<string, unknown>)[m], `${path}.${m}`, a, out)
  }
}

/** The operation's input from labels, query and body, by the model's bindings. */
function input(op: Operation, labels: Record<string, string>, query: string, body: string): Record<string, unknown> {
  const shape = MODEL.shapes[op.input.shape]!
  const params = new Map<string, string[]>()
  for (const part of query ? query.split('&') : []) {
    const [k, v = ''] = part.split('=')
    params.set(decode(k!), [...(params.get(decode(k!)) ?? []), decode(v)])
  }
  let parsed: Record<string, unknown> = {}
  if (body.trim()) {
    try {
      parsed = JSON.parse(body)
    } catch {
      throw new ApiError('SerializationException', 'Body is not JSON')
    }
  }
  const out: Record<string, unknown> = {}
  for (const [name, m] of Object.entries(shape.members ?? {})) {
    const type = MODEL.shapes[m.shape]!.type
    const wire = m.locationName ?? name
    let v: unknown
    if (m.location === 'uri') v = labels[wire]
    else if (m.location === 'querystring') v = type === 'list' ? params.get(wire) : params.get(wire)?.[0]
    else if (!m.location) v = parsed[name]
    if (v !== undefined && (type === 'integer' || type === 'long') && typeof v === 'string') {
      if (!/^-?\d+$/.test(v)) throw new ApiError('SerializationException', `${wire} is not a number`)
      v = Number(v)
    }
    if (v !== undefined) out[name] = v
  }
  return out
}

const HANDLERS: Record<string, (s: ViewStore, i: Record<string, unknown>) => Record<string, unknown>> = {
  CreateView: (s, i) => s.createView(i),
  DescribeView: (s, i) => s.describeView(i),
  UpdateViewContent: (s, i) => s.updateViewContent(i),
  UpdateViewMetadata: (s, i) => s.updateViewMetadata(i),
  CreateViewVersion: (s, i) => s.createViewVersion(i),
  DeleteView: (s, i) => s.deleteView(i),
  DeleteViewVersion: (s, i) => s.deleteViewVersion(i),
  ListViews: (s, i) => s.listViews(i),
  ListViewVersions: (s, i) => s.listViewVersions(i),
  SearchViews: (s, i) => s.searchViews(i),
  TagResource: (s, i) => s.tagResource(i),
  UntagResource: (s, i) => s.untagResource(i),
  ListTagsForResource: (s, i) => s.listTagsForResource(i),
}

export interface AltEmulator {
  url: string
  answers: AltAnswers
  close(): Promise<void>
}

export async function startAltEmulator(
  o: { answers?: 'A' | 'B'; region?: string; accountId?: string; instances?: string[] } = {},
): Promise<AltEmulator> {
  const answers = ANSWERS[o.answers ?? 'A']
  const store = new ViewStore(
    answers,
    o.region ?? 'us-east-1',
    o.accountId ?? '123456789012',
    o.instances ?? ['11111111-2222-4333-8444-555555555555'],
  )
  const answer = (res: ServerResponse, status: number, body: unknown, type?: string) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      ...(type ? { 'x-amzn-errortype': type } : {}),
    })
    res.end(JSON.stringify(body))
  }
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const found = route(req.method ?? 'GET', q < 0 ? target : target.slice(0, q))
    try {
      if (!found) throw new ApiError('UnknownOperationException', `No route for ${req.method} ${target}`)
      const i = input(found.op, found.labels, q < 0 ? '' : target.slice(q + 1), body)
      const problems: string[] = []
      violations(found.op.input.shape, i, '', answers, problems)
      if (problems.length) throw new ApiError(answers.invalidInput, `Validation failed: ${problems.join('; ')}`)
      answer(res, 200, HANDLERS[found.op.name]!(store, i))
    } catch (e) {
      if (!(e instanceof ApiError)) return answer(res, 500, { Message: String(e) }, 'InternalServiceException')
      answer(res, STATUS[e.type] ?? 400, { Message: e.message }, e.type)
    }
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

// `npx tsx test/support/alt-emulator/server.ts [A|B] [port]`: serve it on its own (prints its URL)
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/test\//, 'test/'))) {
  const alt = await startAltEmulator({ answers: (process.argv[2] as 'A' | 'B') ?? 'A' })
  console.log(`alternative emulator (answers ${process.argv[2] ?? 'A'}) listening on ${alt.url}`)
}
