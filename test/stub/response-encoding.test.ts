import { describe, expect, it } from 'vitest'
import { ERROR_NAMES } from '../../src/spec'
import { encodeError, encodeSuccess, errorStatus } from '../../src/stub'
import { applyOutputQuirks } from '../../src/stub/wire-quirks'
import { INSTANCE, createViewRaw, json, testCore, wireRequest } from './support/wire'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('status codes', () => {
  it('uses the modelled httpStatus of each error shape in the service model', () => {
    const expected: Record<string, number> = {
      AccessDeniedException: 403,
      DuplicateResourceException: 409,
      InternalServiceException: 500,
      InvalidParameterException: 400,
      InvalidRequestException: 400,
      ResourceInUseException: 409,
      ResourceNotFoundException: 404,
      ServiceQuotaExceededException: 402,
      ThrottlingException: 429,
      TooManyRequestsException: 429,
    }
    expect(Object.keys(expected).sort()).toEqual([...ERROR_NAMES].sort())
    for (const name of ERROR_NAMES) expect(errorStatus(name), name).toBe(expected[name])
  })

  it('knows the wire-only errors', () => {
    expect(errorStatus('SerializationException')).toBe(400)
    expect(errorStatus('UnknownOperationException')).toBe(404)
    expect(errorStatus('RequestEntityTooLargeException')).toBe(413)
    expect(errorStatus('MissingAuthenticationTokenException')).toBe(403)
    expect(errorStatus('InvalidSignatureException')).toBe(403)
  })
})

describe('encoding', () => {
  it('answers success with 200, JSON and a request id', () => {
    const res = encodeSuccess({ View: { Id: 'v' } }, 'rid-1')
    expect(res).toEqual({
      status: 200,
      headers: {
        'x-amzn-requestid': 'rid-1',
        'content-type': 'application/json',
        'content-length': String(res.body.length),
      },
      body: '{"View":{"Id":"v"}}',
    })
  })

  it('puts the error type in x-amzn-errortype and only modelled members in the body', () => {
    const res = encodeError(
      {
        errorName: 'ResourceInUseException',
        message: 'in use',
        fields: { ResourceType: 'CONTACT_FLOW', ResourceId: 'arn:x', Secret: 'no' },
      },
      'rid-2',
    )
    expect(res.status).toBe(409)
    expect(res.headers['x-amzn-errortype']).toBe('ResourceInUseException')
    expect(res.headers['x-amzn-requestid']).toBe('rid-2')
    expect(json(res)).toEqual({ Message: 'in use', ResourceType: 'CONTACT_FLOW', ResourceId: 'arn:x' })
    expect(json(encodeError({ errorName: 'SerializationException', message: 'bad', fields: { X: 1 } }, 'r'))).toEqual({
      Message: 'bad',
    })
  })

  it('counts the content-length in UTF-8 bytes', () => {
    const res = encodeSuccess({ Name: 'é€😀' }, 'r')
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body)))
    expect(Number(res.headers['content-length'])).toBeGreaterThan(res.body.length)
  })

  it('gives every core answer a fresh UUID request id', async () => {
    const core = testCore()
    const a = await core.handle(wireRequest('GET', `/views/${INSTANCE}`))
    const b = await core.handle(wireRequest('GET', '/nope'))
    expect(a.headers['x-amzn-requestid']).toMatch(UUID)
    expect(b.headers['x-amzn-requestid']).toMatch(UUID)
    expect(a.headers['x-amzn-requestid']).not.toBe(b.headers['x-amzn-requestid'])
    expect(b.headers['content-type']).toBe('application/json')
  })
})

describe('wire quirks', () => {
  it('iso-timestamps: every timestamp member, also nested in SearchViews lists, becomes an ISO string', () => {
    const view = { Id: 'v', CreatedTime: 1700000000, LastModifiedTime: 1700000000.5, Status: 'SAVED' }
    const out = applyOutputQuirks(
      'SearchViews',
      { Views: [view], ApproximateTotalCount: 1 },
      new Set(['iso-timestamps']),
    )
    expect(out).toEqual({
      Views: [{ ...view, CreatedTime: '2023-11-14T22:13:20.000Z', LastModifiedTime: '2023-11-14T22:13:20.500Z' }],
      ApproximateTotalCount: 1,
    })
    expect(view.CreatedTime).toBe(1700000000) // the model's object is not mutated
  })

  it('unknown-enum-value: View.Status SAVED goes out as DRAFT, PUBLISHED and summaries untouched', () => {
    const q = new Set(['unknown-enum-value'] as const)
    expect(applyOutputQuirks('DescribeView', { View: { Status: 'SAVED' } }, q)).toEqual({ View: { Status: 'DRAFT' } })
    expect(applyOutputQuirks('DescribeView', { View: { Status: 'PUBLISHED' } }, q)).toEqual({
      View: { Status: 'PUBLISHED' },
    })
    expect(applyOutputQuirks('ListViews', { ViewsSummaryList: [{ Status: 'SAVED' }] }, q)).toEqual({
      ViewsSummaryList: [{ Status: 'SAVED' }],
    })
  })

  it('is a no-op without quirks (same object back)', () => {
    const out = { View: { Status: 'SAVED', CreatedTime: 1 } }
    expect(applyOutputQuirks('DescribeView', out, new Set())).toBe(out)
  })

  it('applies the quirks switched on in the model options, through the core', async () => {
    const core = testCore({ modelOptions: { quirks: ['iso-timestamps', 'unknown-enum-value'] } })
    const { Id } = await createViewRaw(core, 'draft', 'SAVED')
    const res = await core.handle(wireRequest('GET', `/views/${INSTANCE}/${Id}%3A%24SAVED`))
    const view = json(res).View as Record<string, unknown>
    expect(view.Status).toBe('DRAFT')
    expect(view.CreatedTime).toMatch(/^\d{4}-\d\d-\d\dT/)
  })
})
