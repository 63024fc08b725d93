// Request generators for the HTTP fuzz campaign (test/stub/http-fuzz.test.ts): fast-check arbitraries for
// malformed and operation-shaped requests, the SigV4 leg's Authorization variants, and the seeded campaign.
// fast-check sampling is pure: the same seed and counts give the same requests in the same order.
import fc from 'fast-check'
import { DEFAULT_INSTANCE_ID } from '../../../src/model'
import { STUB_CREDENTIALS } from '../../../src/stub'
import { REGION, type Auth, type FuzzRequest } from './fuzz-transport'

export const INSTANCE = DEFAULT_INSTANCE_ID

// ---------------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------------

/** Ids of the views seeded on both servers before the campaign (deterministic, so the same on each). */
export interface Seeded {
  publishedId: string
  publishedArn: string
  savedId: string
  nextToken: string
}

/** Headers the generator must not set at random because they change message framing or the connection. */
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'upgrade',
  'keep-alive',
  'te',
  'trailer',
])

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const URLISH = [..."abcdefXYZ0189-_.~:$@!*'()+,;=%/"]
const BODY_MEMBERS = [
  'Name',
  'Status',
  'Content',
  'Description',
  'Tags',
  'ClientToken',
  'VersionDescription',
  'ViewContentSha256',
  'tags',
  'InstanceId',
  'MaxResults',
  'NextToken',
  'SearchFilter',
  'SearchCriteria',
] as const

export function fuzzRequests(s: Seeded): fc.Arbitrary<Omit<FuzzRequest, 'leg' | 'auth'>> {
  const arn = s.publishedArn
  const awsArn = `arn:aws:connect:${REGION}:aws:view/detail`

  const method = fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE') },
    {
      weight: 2,
      arbitrary: fc.constantFrom('HEAD', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'PURGE', 'SEARCH'),
    },
    { weight: 2, arbitrary: fc.constantFrom('get', 'put', 'post', 'delete', 'Get', 'pUT') },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,12}$/) },
    { weight: 1, arbitrary: fc.constantFrom('CONNECT', 'G\tET', 'GET\u00e9', '', 'BREW') },
  )

  const longSegment = fc
    .tuple(fc.constantFrom('a', '%41', 'x:', '%24', '-'), fc.integer({ min: 100, max: 4_000 }))
    .map(([u, n]) => u.repeat(n))
  const segment = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        INSTANCE,
        s.publishedId,
        s.savedId,
        enc(arn),
        enc(`${arn}:1`),
        enc(`${arn}:$LATEST`),
        `${s.publishedId}%3A1`,
        `${s.publishedId}:2`,
        `${s.publishedId}%3A%24LATEST`,
        `${s.publishedId}:$SAVED`,
        `${s.publishedId}%3A%24FOO`,
        `${s.publishedId}:0`,
        `${s.publishedId}:-1`,
        enc(awsArn),
        enc(`${awsArn}:1`),
        'versions',
        'metadata',
        'views',
        'tags',
        'search-views',
        '1',
        '2',
        '-1',
        '0',
        '2147483648',
        '99999999999999999999',
        '1.5',
        '0x10',
        '1e3',
        'abc',
        arn,
      ),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '',
        '.',
        '..',
        '%2e',
        '%2E%2e',
        '.%2E',
        '%zz',
        '%',
        '%2',
        '%E2%82',
        '%C0%AF',
        '%00',
        '%FF',
        '%ED%A0%80',
        '%2F',
        '%252F',
        'a%20b',
        '%F0%9F%98%80',
        '\u00e9',
        '\u00ff\u00fe',
        '%0D%0A',
        ';a=b',
        'a#b',
      ),
    },
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...URLISH), maxLength: 24 }) },
    { weight: 1, arbitrary: longSegment },
  )
  const path = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            '/views',
            '/tags',
            '/search-views',
            `/views/${INSTANCE}`,
            `/views/${INSTANCE}/${s.publishedId}`,
            `/views/${INSTANCE}/${s.savedId}`,
            `/tags/${enc(arn)}`,
          ),
          fc.array(segment, { maxLength: 4 }),
        )
        .map(([prefix, rest]) => (rest.length ? `${prefix}/${rest.join('/')}` : prefix)),
    },
    { weight: 3, arbitrary: fc.array(segment, { maxLength: 6 }).map((segs) => `/${segs.join('/')}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '*',
        '/',
        '//',
        'views',
        `http://example.com/views/${INSTANCE}`,
        `/views/${INSTANCE}#frag`,
        '/%',
        `/views/${INSTANCE}/`,
        `//views/${INSTANCE}`,
        `/views/${INSTANCE}/${s.publishedId} x`,
        `/views/\u0001`,
        '/views/a\u007fb',
      ),
    },
  )

  const queryKey = fc.constantFrom(
    'maxResults',
    'nextToken',
    'type',
    'tagKeys',
    'MaxResults',
    'NextToken',
    'x',
    '',
    '%zz',
    'max%52esults',
    'tagKeys%5B%5D',
  )
  const queryValue = fc.oneof(
    fc.constantFrom(
      '1',
      '0',
      '-1',
      '100',
      '101',
      '1.5',
      '1e3',
      '0x10',
      '2147483648',
      '99999999999999999999999',
      '',
      '%',
      '%zz',
      '%E2%82',
      '+',
      '%2B',
      'CUSTOMER_MANAGED',
      'AWS_MANAGED',
      'customer_managed',
      s.nextToken,
      enc(s.nextToken),
      `${s.nextToken}x`,
      'abc==',
      'a%20b',
      '%00',
    ),
    fc.base64String({ maxLength: 64 }).map(enc),
    fc.string({ unit: fc.constantFrom(...URLISH), maxLength: 30 }),
    fc.integer({ min: 1_000, max: 6_000 }).map((n) => 'A'.repeat(n)),
  )
  const queryPart = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(queryKey, queryValue).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: queryKey },
    { weight: 1, arbitrary: fc.constantFrom('=', '&', '==', '=x', 'a=b=c') },
  )
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: fc.array(queryPart, { minLength: 1, maxLength: 6 }).map((p) => `?${p.join('&')}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '??',
        '?#x',
        '?tagKeys=a&tagKeys=b&tagKeys=',
        '?type=AWS_MANAGED&type=CUSTOMER_MANAGED',
        '?maxResults=1&maxResults=2',
      ),
    },
  )

  const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter((n) => !FRAMING_HEADERS.has(n))
  const headerValue = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 60,
  })
  const header = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom<[string, string]>(
        ['content-type', 'application/json'],
        ['content-type', 'text/plain'],
        ['content-type', 'application/x-amz-json-1.1'],
        ['content-type', 'application/json; charset=latin1'],
        ['content-type', ''],
        ['content-encoding', 'gzip'],
        ['content-encoding', 'br'],
        ['accept', '*/*'],
        ['accept', 'text/html'],
        ['x-amz-target', 'Connect_20170808.DescribeView'],
        ['authorization', 'AWS4-HMAC-SHA256 garbage'],
        ['x-amz-date', 'yesterday'],
        ['x-amz-content-sha256', 'UNSIGNED-PAYLOAD'],
        ['x-amz-content-sha256', 'zz'],
        ['x-amzn-errortype', 'Injected'],
        ['x-amzn-requestid', 'client-chosen'],
        ['user-agent', 'http-fuzz'],
        ['cookie', 'a=b'],
        ['x-http-method-override', 'DELETE'],
      ),
    },
    {
      // Headers that change framing or the connection: rarer, each is its own small experiment.
      weight: 1,
      arbitrary: fc.constantFrom<[string, string]>(
        ['transfer-encoding', 'chunked'],
        ['expect', '100-continue'],
        ['expect', 'bogus-expectation'],
        ['connection', 'upgrade'],
        ['upgrade', 'websocket'],
        ['host', 'connect.us-east-1.amazonaws.com'],
        ['host', ''],
      ),
    },
    { weight: 4, arbitrary: fc.tuple(headerName, headerValue) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        headerName,
        fc.integer({ min: 1_000, max: 6_000 }).map((n) => 'v'.repeat(n)),
      ),
    },
  )
  const headers = fc.array(header, { maxLength: 6 }).map((pairs) => {
    const m = new Map<string, string>()
    for (const [k, v] of pairs) m.set(k, v)
    if (m.get('connection') === 'upgrade' && !m.has('upgrade')) m.set('upgrade', 'h2c')
    return [...m.entries()]
  })

  const weird = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom<unknown>(
      1,
      -1,
      0,
      1.5,
      1e308,
      -0,
      true,
      false,
      null,
      [],
      {},
      '',
      'PUBLISHED',
      [null],
      { k: null },
      [[]],
      { '': '' },
      '\u0000',
      '\ud83d',
    ),
    fc.double(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  )
  const content = fc.record(
    {
      Template: fc.oneof(fc.constant('{}'), fc.constant('{"Head":{},"Body":[]}'), weird),
      Actions: fc.oneof(fc.constant(['Go']), weird),
    },
    { requiredKeys: [] },
  )
  const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,20}$/)
  const validBody = fc
    .oneof(
      fc.record({
        Name: name,
        Status: fc.constantFrom('PUBLISHED', 'SAVED'),
        Content: fc.constant({ Template: '{}', Actions: ['Go'] }),
      }),
      fc.record({
        Status: fc.constantFrom('PUBLISHED', 'SAVED'),
        Content: fc.constant({ Template: '{"Head":{},"Body":[]}', Actions: [] }),
      }),
      fc.record({ VersionDescription: name }, { requiredKeys: [] }),
      fc.record({ tags: fc.dictionary(name, name, { minKeys: 1, maxKeys: 3 }) }),
      fc.record(
        {
          InstanceId: fc.constantFrom(INSTANCE, `arn:aws:connect:${REGION}:123456789012:instance/${INSTANCE}`),
          MaxResults: fc.integer({ min: 1, max: 100 }),
        },
        { requiredKeys: ['InstanceId'] },
      ),
      fc.record({ Name: name, Description: name }, { requiredKeys: [] }),
    )
    .map((o) => JSON.stringify(o))
  const wrongTypedShape = fc
    .oneof(
      fc.record(
        {
          Name: fc.oneof(name, weird),
          Status: fc.oneof(fc.constantFrom('PUBLISHED', 'SAVED', 'DRAFT'), weird),
          Content: fc.oneof(content, weird),
          Tags: fc.oneof(fc.constant({ a: 'b' }), weird),
          ClientToken: weird,
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          ViewContentSha256: fc.oneof(weird, fc.constantFrom('x'.repeat(65), 'ZZ', 'a'.repeat(64))),
          VersionDescription: weird,
        },
        { requiredKeys: [] },
      ),
      fc.record({
        tags: fc.oneof(
          weird,
          fc.dictionary(fc.constantFrom('aws:x', '', 'k', '__proto__', 'constructor'), weird, { maxKeys: 3 }),
        ),
      }),
      fc.record(
        {
          InstanceId: fc.oneof(fc.constant(INSTANCE), weird),
          MaxResults: weird,
          NextToken: weird,
          SearchCriteria: fc.oneof(
            weird,
            fc.record(
              {
                OrConditions: weird,
                AndConditions: weird,
                StringCondition: weird,
                ViewTypeCondition: weird,
                ViewStatusCondition: weird,
              },
              { requiredKeys: [] },
            ),
          ),
          SearchFilter: fc.oneof(
            weird,
            fc.record({
              AttributeFilter: fc.oneof(
                weird,
                fc.record({ OrConditions: weird, AndCondition: weird, TagCondition: weird }, { requiredKeys: [] }),
              ),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.constantFrom(...BODY_MEMBERS), weird, { maxKeys: 6 }),
    )
    .map((o) => JSON.stringify(o))
  const deep = fc
    .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('array', 'object', 'criteria', 'tags', 'actions'))
    .map(([n, kind]) => {
      switch (kind) {
        case 'array':
          return `${'['.repeat(n)}${']'.repeat(n)}`
        case 'object':
          return `${'{"Content":'.repeat(n)}{}${'}'.repeat(n)}`
        case 'criteria':
          return `{"InstanceId":"${INSTANCE}","SearchCriteria":${'{"OrConditions":['.repeat(n)}{}${']}'.repeat(n)}}`
        case 'tags':
          return `{"tags":${'{"a":'.repeat(n)}"b"${'}'.repeat(n)}}`
        default:
          return `{"Status":"SAVED","Name":"n","Content":{"Actions":${'['.repeat(n)}${']'.repeat(n)}}}`
      }
    })
  const huge = fc
    .tuple(
      fc.constantFrom(40_000, 300_000, 1_000_000, 1_100_000, 2_500_000),
      fc.constantFrom('x', '\u00e9', '\\u0000', '"'),
    )
    .map(([n, unit]) => {
      if (unit === '"') return `{"Name":"${'x'.repeat(n)}` // huge and unterminated
      return `{"Name":"n","Status":"PUBLISHED","Content":{"Template":"${unit.repeat(Math.ceil(n / unit.length))}","Actions":[]}}`
    })
  const invalidJson = fc.oneof(
    fc.constantFrom(
      '{',
      '}',
      '{"Name":',
      '{"a":1,}',
      "{'Name':'x'}",
      'NaN',
      'undefined',
      '[1,2',
      '"unterminated',
      '\ufeff{}',
      '{"Name":"x"}garbage',
      '{}{}',
      'nul',
      '{"tags":{"a":"b",}}',
      '\u0000',
      'null',
      '[]',
      '1',
      '"s"',
      'true',
      '{"Name":"\\ud800"}',
      '{"Name":"\\x41"}',
      ' \t\r\n ',
      '{"__proto__":{"Name":"p"},"Status":"SAVED"}',
      '{"Status":"SAVED","Status":"PUBLISHED","Name":"dup","Content":{}}',
    ),
    fc.string({ maxLength: 60 }),
    fc.json({ maxDepth: 3 }),
  )
  const truncated = fc
    .tuple(validBody, fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([b, f]) => b.slice(0, Math.floor(b.length * f)))
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 24 }).map((a) => Buffer.from(a))
  const nonUtf8 = fc.oneof(
    bytes.map((b) => Buffer.concat([Buffer.from('{"Name":"'), b, Buffer.from('","Status":"SAVED","Content":{}}')])),
    bytes.map((b) => Buffer.concat([Buffer.from('{"tags":{"'), b, Buffer.from('":"v"}}')])),
    bytes,
    fc.constant(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Name":"utf16"}', 'utf16le')])),
    fc.constant(Buffer.from([0x7b, 0x22, 0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d])),
  )
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.constant(Buffer.alloc(0)) },
    { weight: 3, arbitrary: invalidJson.map((t) => Buffer.from(t)) },
    { weight: 4, arbitrary: wrongTypedShape.map((t) => Buffer.from(t)) },
    { weight: 3, arbitrary: validBody.map((t) => Buffer.from(t)) },
    { weight: 1, arbitrary: truncated.map((t) => Buffer.from(t)) },
    { weight: 1, arbitrary: deep.map((t) => Buffer.from(t)) },
    { weight: 1, arbitrary: nonUtf8 },
    {
      weight: 1,
      arbitrary: fc
        .oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: huge })
        .map((t) => Buffer.from(t ?? '{}')),
    },
  )

  // Operation-shaped requests: the route templates with odd label values, matching or mutated methods,
  // bodies and queries for that operation. They get past the router, so decoding and the model are fuzzed too.
  const viewIds = [
    s.publishedId,
    s.savedId,
    ...Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${(i + 3).toString(16).padStart(12, '0')}`),
  ]
  const instanceLabel = fc.oneof({ weight: 8, arbitrary: fc.constant(INSTANCE) }, { weight: 2, arbitrary: segment })
  const viewLabel = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...viewIds) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom(s.publishedId, enc(arn)),
          fc.constantFrom(
            ':1',
            ':2',
            ':3',
            ':$LATEST',
            ':$SAVED',
            ':$FOO',
            ':0',
            ':-1',
            ':',
            '::1',
            ':1.5',
            ':99999999999',
          ),
        )
        .map(([v, q]) => v + enc(q)),
    },
    { weight: 3, arbitrary: segment },
  )
  const versionLabel = fc.constantFrom(
    '1',
    '2',
    '3',
    '0',
    '-1',
    '1.5',
    'abc',
    '2147483648',
    '%31',
    '+1',
    '01',
    '1e0',
    '%24LATEST',
  )
  const arnLabel = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        enc(arn),
        enc(`${arn}:1`),
        enc(`${arn}:$LATEST`),
        enc(awsArn),
        enc(`arn:aws:connect:${REGION}:123456789012:instance/${INSTANCE}`),
        enc(arn.replace('view/', 'view/zz')),
      ),
    },
    { weight: 2, arbitrary: segment },
  )
  const sha = fc.stringMatching(/^[0-9a-f]{64}$/)
  const opBodies = {
    none: fc.constant(''),
    create: fc
      .record(
        {
          Name: name,
          Status: fc.constantFrom('PUBLISHED', 'SAVED'),
          Content: fc.constantFrom({ Template: '{}', Actions: ['Go'] }, { Template: 'not json', Actions: [] }, {}),
          Description: name,
          Tags: fc.dictionary(name, name, { maxKeys: 3 }),
          ClientToken: name,
        },
        { requiredKeys: ['Name', 'Status', 'Content'] },
      )
      .map((o) => JSON.stringify(o)),
    content: fc
      .record({
        Status: fc.constantFrom('PUBLISHED', 'SAVED'),
        Content: fc.constantFrom({ Template: '{"Head":{},"Body":[]}', Actions: [] }, { Template: '{}' }),
      })
      .map((o) => JSON.stringify(o)),
    metadata: fc.record({ Name: name, Description: name }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
    version: fc
      .record({ VersionDescription: name, ViewContentSha256: sha }, { requiredKeys: [] })
      .map((o) => JSON.stringify(o)),
    search: fc
      .record(
        {
          InstanceId: fc.constantFrom(
            INSTANCE,
            `arn:aws:connect:${REGION}:123456789012:instance/${INSTANCE}`,
            'not-a-uuid',
          ),
          MaxResults: fc.integer({ min: 0, max: 101 }),
          SearchCriteria: fc.constantFrom<unknown>(
            { ViewStatusCondition: 'PUBLISHED' },
            { StringCondition: { FieldName: 'name', Value: 'fuzz', ComparisonType: 'CONTAINS' } },
            { OrConditions: [{ ViewTypeCondition: 'AWS_MANAGED' }, { ViewStatusCondition: 'SAVED' }] },
          ),
        },
        { requiredKeys: ['InstanceId'] },
      )
      .map((o) => JSON.stringify(o)),
    tag: fc.record({ tags: fc.dictionary(name, name, { minKeys: 1, maxKeys: 3 }) }).map((o) => JSON.stringify(o)),
  }
  const listQuery = fc.oneof(
    fc.constant(''),
    fc.integer({ min: -1, max: 102 }).map((n) => `?maxResults=${n}`),
    fc.constantFrom(
      `?maxResults=1&nextToken=${enc(s.nextToken)}`,
      `?nextToken=${enc(s.nextToken)}`,
      '?type=AWS_MANAGED',
      '?type=CUSTOMER_MANAGED',
      '?type=OTHER',
      '?maxResults=2&type=AWS_MANAGED',
    ),
    query,
  )
  const untagQuery = fc.oneof(
    fc.array(name, { minLength: 1, maxLength: 3 }).map((ks) => `?${ks.map((k) => `tagKeys=${enc(k)}`).join('&')}`),
    query,
  )
  const noQuery = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: query })
  type OpBody = keyof typeof opBodies
  const op = (m: string, segs: Array<fc.Arbitrary<string>>, b: OpBody, q: fc.Arbitrary<string> = noQuery) =>
    fc.tuple(
      fc.constant(m),
      fc.tuple(...segs).map((p) => `/${p.join('/')}`),
      q,
      opBodies[b],
    )
  const lit = (t: string) => fc.constant(t)
  const opShaped = fc
    .oneof(
      op('PUT', [lit('views'), instanceLabel], 'create'),
      op('GET', [lit('views'), instanceLabel, viewLabel], 'none'),
      op('POST', [lit('views'), instanceLabel, viewLabel], 'content'),
      op('POST', [lit('views'), instanceLabel, viewLabel, lit('metadata')], 'metadata'),
      op('PUT', [lit('views'), instanceLabel, viewLabel, lit('versions')], 'version'),
      op('DELETE', [lit('views'), instanceLabel, viewLabel], 'none'),
      op('DELETE', [lit('views'), instanceLabel, viewLabel, lit('versions'), versionLabel], 'none'),
      op('GET', [lit('views'), instanceLabel], 'none', listQuery),
      op('GET', [lit('views'), instanceLabel, viewLabel, lit('versions')], 'none', listQuery),
      op('POST', [lit('search-views')], 'search'),
      op('POST', [lit('tags'), arnLabel], 'tag'),
      op('DELETE', [lit('tags'), arnLabel], 'none', untagQuery),
      op('GET', [lit('tags'), arnLabel], 'none'),
    )
    .chain(([m, p, q, valid]) =>
      fc.record({
        method: fc.oneof({ weight: 6, arbitrary: fc.constant(m) }, { weight: 1, arbitrary: method }),
        target: fc.constant(p + q),
        headers,
        body: fc.oneof({ weight: 5, arbitrary: fc.constant(Buffer.from(valid)) }, { weight: 4, arbitrary: body }),
      }),
    )

  const freeForm = fc.record({
    method,
    target: fc.tuple(path, query).map(([p, q]) => p + q),
    headers,
    body,
  })
  return fc.oneof({ weight: 6, arbitrary: opShaped }, { weight: 4, arbitrary: freeForm })
}

export const authArb: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Auth>({ kind: 'none' }) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        header: fc.oneof(
          fc.constantFrom(
            'AWS4-HMAC-SHA256',
            'AWS4-HMAC-SHA256 ',
            'Bearer token',
            'AWS4-HMAC-SHA256 ,,,===,',
            `AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=zz`,
            `AWS4-HMAC-SHA256 Credential=////, SignedHeaders=;;;, Signature=${'a'.repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=${STUB_CREDENTIALS.accessKeyId}/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=${'A'.repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=${STUB_CREDENTIALS.accessKeyId}/20260101/us-east-1/connect/aws4_request,SignedHeaders=,Signature=${'0'.repeat(64)}`,
            `aws4-hmac-sha256 Credential=x`,
            `AWS4-HMAC-SHA256 Credential==, SignedHeaders==, Signature==`,
          ),
          fc
            .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 120 })
            .map((s) => `AWS4-HMAC-SHA256 ${s}`),
        ),
        date: fc.option(
          fc.constantFrom(
            '20260101T000000Z',
            '20261301T000000Z',
            '20260230T250000Z',
            'now',
            '',
            '99999999T999999Z',
            '2026-01-01T00:00:00Z',
          ),
          { nil: undefined },
        ),
      })
      .map((r): Auth => ({ kind: 'junk', ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        key: fc.constantFrom(STUB_CREDENTIALS.accessKeyId, STUB_CREDENTIALS.accessKeyId, 'AKIAOTHER'),
        region: fc.constantFrom(REGION, REGION, 'eu-west-1', ''),
        service: fc.constantFrom('connect', 'connect', 'execute-api'),
        terminator: fc.constantFrom('aws4_request', 'aws4_request', 'aws5_request'),
        signedHeaders: fc.constantFrom(
          'host;x-amz-date',
          'host',
          'x-amz-date',
          'host;x-amz-date;content-type',
          'host;does-not-exist',
          'host;;',
          'HOST;x-amz-date',
          'host;x-amz-date;authorization',
        ),
        signature: fc.stringMatching(/^[0-9a-f]{64}$/),
        skewMs: fc.constantFrom(0, 0, -10 * 60_000, 10 * 60_000),
      })
      .map((r): Auth => ({ kind: 'scoped', ...r })),
  },
  { weight: 4, arbitrary: fc.constant<Auth>({ kind: 'signed' }) },
)

/** How many requests each leg gets, and the seed (the SigV4 leg samples with seed + 1). */
export interface CampaignOptions {
  seed: number
  plainRuns: number
  sigv4Runs: number
}

export function campaign(s: Seeded, { seed, plainRuns, sigv4Runs }: CampaignOptions): FuzzRequest[] {
  const base = fuzzRequests(s)
  const plain = fc
    .sample(base, { seed, numRuns: plainRuns })
    .map((r): FuzzRequest => ({ ...r, leg: 'plain', auth: { kind: 'none' } }))
  const signed = fc
    .sample(fc.tuple(base, authArb), { seed: seed + 1, numRuns: sigv4Runs })
    .map(([r, auth]): FuzzRequest => ({ ...r, leg: 'sigv4', auth }))
  return [...plain, ...signed]
}
