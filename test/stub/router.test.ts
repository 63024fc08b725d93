import { describe, expect, it } from 'vitest'
import { OPERATIONS, OPERATION_NAMES } from '../../src/spec'
import { errorStatus, matchRoute, WireError } from '../../src/stub'
import { compileTemplate, removeDotSegments } from '../../src/stub/router'

function routeError(method: string, path: string): WireError {
  try {
    matchRoute(method, path)
  } catch (e) {
    if (e instanceof WireError) return e
    throw e
  }
  throw new Error(`${method} ${path} unexpectedly routed`)
}

const ARN_ENCODED = 'arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fi-1%2Fview%2Fv-1'
const ARN = 'arn:aws:connect:us-east-1:123456789012:instance/i-1/view/v-1'

describe('router', () => {
  it('routes every operation from its own URI template and method', () => {
    for (const op of OPERATION_NAMES) {
      const { method, uri } = OPERATIONS[op]
      const path = uri.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'ViewVersion' ? '7' : `x-${name}`))
      const m = matchRoute(method, path)
      expect(m.op, `${method} ${path}`).toBe(op)
      for (const [, name] of uri.matchAll(/\{(\w+)\}/g))
        expect(m.labels[name!]).toBe(name === 'ViewVersion' ? '7' : `x-${name}`)
    }
  })

  it('keeps an ARN-form ViewId with %2F/%3A as one label and decodes it', () => {
    const m = matchRoute('GET', `/views/i-1/${ARN_ENCODED}`)
    expect(m).toEqual({ op: 'DescribeView', labels: { InstanceId: 'i-1', ViewId: ARN } })
  })

  it('decodes a qualified id (%3A%24LATEST) and a qualified ARN under /versions', () => {
    expect(matchRoute('GET', '/views/i-1/abcd-1234%3A%24LATEST').labels.ViewId).toBe('abcd-1234:$LATEST')
    const m = matchRoute('PUT', `/views/i-1/${ARN_ENCODED}%3A%24SAVED/versions`)
    expect(m.op).toBe('CreateViewVersion')
    expect(m.labels.ViewId).toBe(`${ARN}:$SAVED`)
  })

  it('routes the tagging ops on a percent-encoded ARN', () => {
    expect(matchRoute('POST', `/tags/${ARN_ENCODED}`)).toEqual({ op: 'TagResource', labels: { resourceArn: ARN } })
    expect(matchRoute('DELETE', `/tags/${ARN_ENCODED}`).op).toBe('UntagResource')
    expect(matchRoute('GET', `/tags/${ARN_ENCODED}`).op).toBe('ListTagsForResource')
  })

  it('hands a non-integer version label to decoding unchanged (decoding rejects it, see request-decoding tests)', () => {
    expect(matchRoute('DELETE', '/views/i/v/versions/abc')).toEqual({
      op: 'DeleteViewVersion',
      labels: { InstanceId: 'i', ViewId: 'v', ViewVersion: 'abc' },
    })
  })

  it('answers an unknown path with 404 UnknownOperationException', () => {
    for (const p of [
      '/',
      '/nope',
      '/views',
      '/Views/i',
      '/views/i/v/Versions',
      '/views/i/v/versions/1/extra',
      'views/i',
      '',
    ]) {
      const e = routeError('GET', p)
      expect(e.errorName, p).toBe('UnknownOperationException')
      expect(e.status, p).toBe(404)
    }
  })

  it('answers a known path with the wrong method with 405 UnknownOperationException', () => {
    for (const [method, path] of [
      ['PATCH', '/views/i'],
      ['POST', '/views/i/v/versions'],
      ['GET', '/views/i/v/metadata'],
      ['get', '/views/i'],
      ['HEAD', '/search-views'],
    ] as const) {
      const e = routeError(method, path)
      expect(e.errorName, `${method} ${path}`).toBe('UnknownOperationException')
      expect(e.status, `${method} ${path}`).toBe(405)
    }
  })

  it('never matches an empty label (/views/i/ and //)', () => {
    expect(routeError('GET', '/views/i/').status).toBe(404)
    expect(routeError('GET', '/views//v').status).toBe(404)
    expect(routeError('DELETE', '/views/i/v/versions/').status).toBe(404)
  })

  it("removes '.' and '..' segments (also %2E spellings) like new URL() does for msw", () => {
    expect(removeDotSegments(['views', 'i', '..', 'versions'])).toEqual(['views', 'versions'])
    expect(removeDotSegments(['views', 'i', '.'])).toEqual(['views', 'i', ''])
    expect(matchRoute('GET', '/views/i/./v').labels).toEqual({ InstanceId: 'i', ViewId: 'v' })
    expect(matchRoute('GET', '/views/x/%2E%2E/i').op).toBe('ListViews')
    // DescribeView with ViewId '..' collapses to /views/ → no route, on every transport alike.
    expect(routeError('GET', '/views/i/..').status).toBe(404)
    expect(new URL('https://h/views/i/..').pathname).toBe('/views/')
  })

  it('rejects a malformed percent-encoding in a label with SerializationException', () => {
    const e = routeError('GET', '/views/i/v%ZZ')
    expect(e.errorName).toBe('SerializationException')
    expect(e.status).toBeUndefined()
    expect(errorStatus(e.errorName)).toBe(400)
  })

  it('refuses templates it cannot route correctly (greedy labels)', () => {
    expect(() => compileTemplate('DescribeView', 'GET', '/files/{Key+}')).toThrow(/greedy/)
    expect(() => compileTemplate('DescribeView', 'GET', '/x?list')).toThrow(/query literals/)
  })
})
