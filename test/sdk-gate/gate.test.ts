// The SDK gate without npm: the pinned SDK against itself, and against synthetic variants made by wrapping
// its requestHandler, prove the gate reports nothing when nothing changed and something when anything did.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { HttpHandler, HttpRequest, HttpResponse } from '@smithy/protocol-http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSchemaSet, type SchemaSet } from '../../src/schemas/schema-set'
import { OPERATION_NAMES, OPERATIONS } from '../../src/spec'
import {
  buildCorpus,
  formatConsole,
  gateBlocks,
  judgeOutcomes,
  judgeSchema,
  loadPinnedSdk,
  runSdkGate,
  toMarkdown,
  writeGateReport,
  type GateReport,
  type Outcome,
  type SdkUnderTest,
} from '../../src/sdk-gate'

const pinned = loadPinnedSdk()
const committed = readSchemaSet()

/** A variant of the pinned SDK whose transport layer bends requests and/or responses. */
function variant(
  label: string,
  bend: { request?: (r: HttpRequest) => void; response?: (r: HttpResponse) => void },
  schemas: SchemaSet = committed,
): SdkUnderTest {
  return {
    ...pinned,
    label,
    schemas,
    wrapHandler: (inner: HttpHandler): HttpHandler => ({
      async handle(request, options) {
        bend.request?.(request)
        const out = await inner.handle(request, options)
        bend.response?.(out.response)
        return out
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    }),
  }
}

describe('corpus', () => {
  const corpus = buildCorpus()

  it('covers every operation with a success case and every declared error', () => {
    for (const op of OPERATION_NAMES) {
      expect(
        corpus.some((c) => c.op === op && c.kind === 'success'),
        op,
      ).toBe(true)
      for (const e of OPERATIONS[op].errors)
        expect(
          corpus.some((c) => c.id === `error/${op}/${e}`),
          `${op} ${e}`,
        ).toBe(true)
    }
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length)
  })

  it('is deterministic per seed and varies with it', () => {
    expect(JSON.stringify(buildCorpus(7))).toBe(JSON.stringify(buildCorpus(7)))
    expect(JSON.stringify(buildCorpus(7))).not.toBe(JSON.stringify(buildCorpus(8)))
  })
})

describe('pinned vs pinned', () => {
  let report: GateReport
  beforeAll(async () => {
    report = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: { ...pinned, label: 'pinned-again', schemas: committed },
    })
  })

  it('is identical, schemas included', () => {
    expect(report.differences).toEqual([])
    expect(report.identical).toBe(true)
    expect(report.schemas).toBe('compared')
    expect(formatConsole(report)).toMatch(/identical/)
  })

  it('records what the SDK really did (the comparison is not vacuous)', () => {
    const rec = (id: string) => report.records!.pinned.find((r) => r.id === id)!
    const create = rec('success/01-CreateView-published')
    expect(create.requests).toHaveLength(1)
    expect(create.requests[0]).toMatchObject({
      method: 'PUT',
      hostname: 'connect.us-east-1.amazonaws.com',
      path: '/views/11111111-2222-4333-8444-555555555555',
    })
    expect(create.requests[0].headers).toHaveProperty('x-amz-content-sha256')
    expect(create.requests[0].headers).not.toHaveProperty('authorization')
    expect(create.requests[0].body).toMatchObject({ Status: 'PUBLISHED', Content: { Actions: expect.any(Array) } })
    expect(create.outcome).toMatchObject({
      ok: true,
      output: { View: { CreatedTime: expect.stringMatching(/^Date\(2026-/) } },
      $metadata: { httpStatusCode: 200 },
    })

    const saved = rec('success/04-DescribeView-saved-qualifier')
    expect(saved.requests[0].path).toMatch(/%3A%24SAVED$/)
    const untag = report.records!.pinned.find((r) => r.op === 'UntagResource' && r.kind === 'success')!
    expect(untag.requests[0].query.tagKeys).toHaveLength(2)

    expect(rec('error/CreateView/ResourceInUseException').outcome).toMatchObject({
      ok: false,
      error: {
        class: 'ResourceInUseException',
        serviceException: true,
        $fault: 'client',
        members: { ResourceType: expect.any(String) },
        $metadata: { httpStatusCode: 409 },
      },
    })
    expect(rec('protocol/undeclared-error-type').outcome).toMatchObject({
      ok: false,
      error: { class: 'ConnectServiceException', name: 'TeapotException' },
    })
    expect(rec('protocol/iso-timestamp').outcome).toMatchObject({ ok: false, error: { serviceException: false } })
  })
})

describe('synthetic variants are reported', () => {
  it('an extra request header shows up on every case, as one group', async () => {
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: variant('variant', {
        request: (req) => {
          req.headers['x-variant'] = '1'
        },
      }),
    })
    expect(r.identical).toBe(false)
    expect(r.counts.request).toBe(r.cases.total)
    expect(r.counts.outcome).toBe(0)
    expect(r.differences[0].changes).toEqual(['$[0].headers["x-variant"]: (absent) → "1"'])
    // a header the service sees is a different request: breaking
    expect(r.severities).toEqual({ breaking: r.cases.total, additive: 0, cosmetic: 0 })
    expect(gateBlocks(r.differences.map((d) => d.severity))).toBe(true)
    expect(r.differences[0].patch).toMatch(/^\+\s+"x-variant": "1"/m)
    expect(formatConsole(r)).toMatch(new RegExp(`\\[breaking request\\] ${r.cases.total} case\\(s\\)`))
  })

  it('a changed body member is reported only where the body carries it', async () => {
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: variant('variant', {
        request: (req) => {
          if (req.path.endsWith('/versions') && req.method === 'PUT' && req.body) {
            const text = typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body as Uint8Array)
            const body = JSON.parse(text) as Record<string, unknown>
            if (body.VersionDescription) req.body = JSON.stringify({ ...body, VersionDescription: 'bent' })
          }
        },
      }),
    })
    const ids = r.differences.map((d) => `${d.kind} ${d.id}`)
    expect(ids).toContain('request success/08-CreateViewVersion-with-checksum')
    expect(ids.every((i) => i.startsWith('request ') && i.includes('CreateViewVersion'))).toBe(true)
    expect(r.differences.find((d) => d.id === 'success/08-CreateViewVersion-with-checksum')!.changes).toContainEqual(
      expect.stringMatching(/^\$\[0\]\.body\.VersionDescription: ".*" → "bent"$/),
    )
    expect(r.differences.every((d) => d.severity === 'breaking')).toBe(true)
    expect(r.differences[0].reasons).toContainEqual(
      expect.stringMatching(/^request \$\[0\]\.body\.VersionDescription: /),
    )
  })

  it('a different parse of the same response is an outcome difference', async () => {
    // Stands in for an SDK that reads error bodies differently: it never sees ResourceType.
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: variant('variant', {
        response: (res) => {
          const text = new TextDecoder().decode(res.body as Uint8Array)
          if (text.includes('"ResourceType"'))
            res.body = new TextEncoder().encode(JSON.stringify({ ...JSON.parse(text), ResourceType: undefined }))
        },
      }),
    })
    expect(r.counts.request).toBe(0)
    expect(r.counts.outcome).toBeGreaterThan(0)
    expect(r.differences.every((d) => d.kind === 'outcome' && d.id.endsWith('ResourceInUseException'))).toBe(true)
    expect(r.differences[0].changes.join('\n')).toMatch(/members\.ResourceType: "[^"]+" → \(absent\)/)
    expect(r.differences.every((d) => d.severity === 'breaking')).toBe(true)
  })

  it('a schema change in the candidate types is a schema difference', async () => {
    const bent = structuredClone(committed) as { manifest: SchemaSet['manifest']; schemas: Record<string, any> }
    bent.schemas['View.wire.schema.json'].definitions.ViewStatus.enum.push('DRAFT')
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: { ...pinned, label: 'variant', schemas: bent },
    })
    expect(r.differences.map((d) => `${d.kind} ${d.id}`)).toEqual(['schema View'])
    expect(r.differences[0].patch).toMatch(/^\+\s+"DRAFT"/m)
    // a new enum value is additive: it fails the gate only when asked to
    expect(r.differences[0]).toMatchObject({ severity: 'additive', reasons: ['View: new enum value DRAFT'] })
    expect(r.breaking).toBe(false)
    expect(gateBlocks(['additive'])).toBe(false)
    expect(gateBlocks(['additive'], { blockAdditive: true })).toBe(true)
  })
})

/** Re-serialises a JSON body with its members in reverse order, and re-hashes it as the SDK's signer would. */
function reverseMembers(req: HttpRequest): void {
  if (!req.body) return
  const text = typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body as Uint8Array)
  const reverse = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reverse)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverse(x)]),
          )
        : v
  const bytes = JSON.stringify(reverse(JSON.parse(text)))
  req.body = bytes
  req.headers['x-amz-content-sha256'] = createHash('sha256').update(bytes).digest('hex')
}

describe('what a difference means', () => {
  it('a candidate whose requests differ only in member order passes: every difference is cosmetic', async () => {
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: variant('reordered', { request: reverseMembers }),
    })
    expect(r.identical).toBe(false)
    expect(r.counts.request).toBeGreaterThan(10) // every request with a multi-member body
    expect(r.severities).toEqual({ breaking: 0, additive: 0, cosmetic: r.differences.length })
    expect(r.breaking).toBe(false)
    expect(
      gateBlocks(
        r.differences.map((d) => d.severity),
        { blockAdditive: true },
      ),
    ).toBe(false)
    const create = r.differences.find((d) => d.id === 'success/01-CreateView-published')!
    expect(create.changes.join('\n')).toMatch(/x-amz-content-sha256/)
    expect(create.reasons).toEqual([
      'request body bytes differ but parse to the same JSON (member order or spelling); x-amz-content-sha256 derived from the bytes',
    ])
    expect(formatConsole(r)).toMatch(/PASS: 0 breaking, 0 additive, \d+ cosmetic/)
  })

  it('the same reordering with a stale body hash is breaking (the hash no longer matches what is sent)', async () => {
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: variant('reordered-stale-hash', {
        request: (req) => {
          const h = req.headers['x-amz-content-sha256']
          reverseMembers(req)
          if (h) req.headers['x-amz-content-sha256'] = h
        },
      }),
    })
    expect(r.severities.breaking).toBeGreaterThan(10)
    expect(r.severities.cosmetic).toBe(0)
    expect(r.differences.find((d) => d.id === 'success/01-CreateView-published')!.reasons).toEqual([
      'request $[0] x-amz-content-sha256 is not the hash of the body sent',
    ])
  })

  it('outcomes: a member only the candidate reads is additive; a member it no longer reads, another class or message is breaking', () => {
    const ok = (output: unknown): Outcome => ({ ok: true, output, $metadata: { httpStatusCode: 200 } })
    const err = (cls: string, message: string, members: Record<string, unknown> = {}): Outcome => ({
      ok: false,
      error: { class: cls, serviceException: true, name: cls, message, members },
    })
    expect(judgeOutcomes(ok({ View: { Id: 'a' } }), ok({ View: { Id: 'a', Extra: 1 } }))).toEqual({
      severity: 'additive',
      reasons: ['new member read: $.output.View.Extra'],
    })
    expect(judgeOutcomes(ok({ View: { Id: 'a', Extra: 1 } }), ok({ View: { Id: 'a' } })).severity).toBe('breaking')
    expect(
      judgeOutcomes(ok({ T: 'Date(2026-01-01T00:00:00.000Z)' }), ok({ T: 'Date(1970-01-21T06:00:00.000Z)' })).severity,
    ).toBe('breaking')
    expect(judgeOutcomes(err('X', 'm'), err('X', 'm', { Reason: 'r' }))).toEqual({
      severity: 'additive',
      reasons: ['new member read: $.error.members.Reason'],
    })
    expect(judgeOutcomes(err('X', 'UnknownError'), err('X', 'Unknown'))).toEqual({
      severity: 'breaking',
      reasons: ['outcome $.error.message: "UnknownError" → "Unknown"'],
    })
    expect(judgeOutcomes(err('X', 'm'), err('ConnectServiceException', 'm')).severity).toBe('breaking')
    expect(judgeOutcomes(ok({}), err('X', 'm')).reasons).toEqual([
      'the call succeeds on pinned but throws X on the candidate',
    ])
  })

  it('schema changes: removed member breaking, new member additive, input member made optional additive, new required input breaking', () => {
    const entry = (props: Record<string, unknown>, required: string[]) => ({
      sdkType: 'T',
      sdk: { definitions: { T: { type: 'object', properties: props, required } } },
    })
    const base = entry({ A: { type: 'string' }, B: { type: 'string' } }, ['A'])
    expect(judgeSchema('X.input', base, entry({ A: { type: 'string' } }, ['A']))).toEqual({
      severity: 'breaking',
      reasons: ['X.input: member B removed'],
    })
    expect(
      judgeSchema(
        'X.input',
        base,
        entry({ A: { type: 'string' }, B: { type: 'string' }, C: { type: 'string' } }, ['A']),
      ),
    ).toEqual({ severity: 'additive', reasons: ['X.input: member C added'] })
    expect(judgeSchema('X.input', base, entry({ A: { type: 'string' }, B: { type: 'string' } }, []))).toEqual({
      severity: 'additive',
      reasons: ['X.input: A no longer required'],
    })
    expect(judgeSchema('X.output', base, entry({ A: { type: 'string' }, B: { type: 'string' } }, []))).toEqual({
      severity: 'breaking',
      reasons: ['X.output: A no longer required'],
    })
    expect(judgeSchema('X.input', base, entry({ A: { type: 'string' }, B: { type: 'string' } }, ['B', 'A']))).toEqual({
      severity: 'breaking',
      reasons: ['X.input: B now required'],
    })
    expect(judgeSchema('X.input', base, entry({ A: { type: 'integer' }, B: { type: 'string' } }, ['A'])).severity).toBe(
      'breaking',
    )
    expect(judgeSchema('X.input', base, entry({ B: { type: 'string' }, A: { type: 'string' } }, ['A']))).toEqual({
      severity: 'cosmetic',
      reasons: [],
    })
    expect(judgeSchema('X.input', base, undefined)).toEqual({ severity: 'breaking', reasons: ['X.input removed'] })
    expect(judgeSchema('X.input', undefined, base)).toEqual({ severity: 'additive', reasons: ['X.input added'] })
    expect(judgeSchema('X.input', base, { sdkType: 'T', sdk: { $error: 'type T could not be generated' } })).toEqual({
      severity: 'breaking',
      reasons: ['X.input: type T could not be generated'],
    })
  })
})

describe('reports', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-report-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes JSON and Markdown with the differences', async () => {
    const r = await runSdkGate({
      pinned: { ...pinned, schemas: committed },
      candidate: variant('variant', {
        request: (req) => {
          req.headers['x-variant'] = '1'
        },
      }),
    })
    const paths = writeGateReport(r, dir)
    const json = JSON.parse(readFileSync(paths.json, 'utf8')) as GateReport
    expect(json.identical).toBe(false)
    expect(json.differences).toHaveLength(r.cases.total)
    const md = readFileSync(paths.markdown, 'utf8')
    expect(md).toBe(toMarkdown(r))
    expect(md).toMatch(/^\*\*FAIL: \d+ breaking, 0 additive, 0 cosmetic\*\*/m)
    expect(md).toContain('## Breaking: ')
    expect(md).toContain('### Serialised requests: ')
    expect(md).toContain('```diff')
  })
})
