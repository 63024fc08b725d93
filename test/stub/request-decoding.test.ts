import { describe, expect, it } from 'vitest'
import type { OperationName } from '../../src/spec'
import { decodeRequest, parseQuery, WireError } from '../../src/stub'
import { MAX_NESTING_DEPTH } from '../../src/stub/request-decoding'
import { INSTANCE, json, testCore, wireRequest } from './support/wire'

function decode(op: OperationName, labels: Record<string, string>, query = '', body = '') {
  return decodeRequest(op, { labels, query, body })
}

function serializationError(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(WireError)
    expect((e as WireError).errorName).toBe('SerializationException')
    return (e as WireError).message
  }
  throw new Error('expected a SerializationException')
}

const VIEW = { InstanceId: 'i', ViewId: 'v' }

describe('labels', () => {
  it('types an integer label: decimal integers only', () => {
    expect(decode('DeleteViewVersion', { ...VIEW, ViewVersion: '3' })).toEqual({ ...VIEW, ViewVersion: 3 })
    // Well-formed but out of the model's range: the model, not the wire, rejects these.
    expect(decode('DeleteViewVersion', { ...VIEW, ViewVersion: '-1' }).ViewVersion).toBe(-1)
    expect(decode('DeleteViewVersion', { ...VIEW, ViewVersion: '0' }).ViewVersion).toBe(0)
    for (const bad of [
      'abc',
      '1.5',
      '0x10',
      '1e3',
      '+1',
      ' 1',
      'Infinity',
      'NaN',
      'true',
      '$LATEST',
      '2147483648',
      '-2147483649',
    ]) {
      expect(
        serializationError(() => decode('DeleteViewVersion', { ...VIEW, ViewVersion: bad })),
        bad,
      ).toContain('ViewVersion')
    }
  })

  it('answers /versions/abc over the core with 400 SerializationException', async () => {
    const res = await testCore().handle(wireRequest('DELETE', `/views/${INSTANCE}/v/versions/abc`))
    expect(res.status).toBe(400)
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException')
  })
})

describe('query', () => {
  it('percent-decodes values and keeps a literal + as +', () => {
    expect(decode('ListViews', { InstanceId: 'i' }, 'maxResults=10&nextToken=a%2Bb%2F%3D%3D&type=AWS_MANAGED')).toEqual(
      { InstanceId: 'i', MaxResults: 10, NextToken: 'a+b/==', Type: 'AWS_MANAGED' },
    )
    expect(decode('ListViews', { InstanceId: 'i' }, 'nextToken=a+b%20c').NextToken).toBe('a+b c')
    expect(parseQuery('a=1&&b&a=2')).toEqual(
      new Map([
        ['a', ['1', '2']],
        ['b', ['']],
      ]),
    )
  })

  it('collects repeated tagKeys into a list, a single one too', () => {
    expect(decode('UntagResource', { resourceArn: 'arn' }, 'tagKeys=a&tagKeys=c%20d').tagKeys).toEqual(['a', 'c d'])
    expect(decode('UntagResource', { resourceArn: 'arn' }, 'tagKeys=a').tagKeys).toEqual(['a'])
    expect(decode('UntagResource', { resourceArn: 'arn' }, '')).toEqual({ resourceArn: 'arn' })
  })

  it('ignores unknown query keys', () => {
    expect(decode('ListViews', { InstanceId: 'i' }, 'foo=bar&MaxResults=x')).toEqual({ InstanceId: 'i' })
  })

  it('rejects a non-integer maxResults, a repeated scalar key and bad percent-encoding', () => {
    for (const q of ['maxResults=abc', 'maxResults=', 'maxResults=1.0', 'maxResults=99999999999']) {
      expect(
        serializationError(() => decode('ListViews', { InstanceId: 'i' }, q)),
        q,
      ).toContain('maxResults')
    }
    expect(serializationError(() => decode('ListViews', { InstanceId: 'i' }, 'maxResults=1&maxResults=2'))).toContain(
      'at most once',
    )
    expect(serializationError(() => decode('ListViews', { InstanceId: 'i' }, 'nextToken=%E0%A4%A'))).toContain(
      'percent-encoding',
    )
  })
})

describe('body', () => {
  it('takes an empty body or {} as no members', () => {
    expect(decode('CreateViewVersion', VIEW, '', '')).toEqual(VIEW)
    expect(decode('CreateViewVersion', VIEW, '', '{}')).toEqual(VIEW)
    expect(decode('CreateViewVersion', VIEW, '', ' \n')).toEqual(VIEW)
  })

  it('rejects invalid JSON and JSON that is not an object', () => {
    expect(serializationError(() => decode('CreateViewVersion', VIEW, '', '{'))).toContain('not valid JSON')
    for (const b of ['[]', 'null', '"x"', '3', 'true']) {
      expect(
        serializationError(() => decode('CreateViewVersion', VIEW, '', b)),
        b,
      ).toContain('must be a JSON object')
    }
  })

  it('names the member path of a wrongly typed value', () => {
    const create = (body: unknown) => () => decode('CreateView', { InstanceId: 'i' }, '', JSON.stringify(body))
    const base = { Name: 'n', Status: 'SAVED', Content: { Template: '{}', Actions: ['a'] } }
    expect(serializationError(create({ ...base, Name: 5 }))).toMatch(/'Name'.*expected string, got number/)
    expect(serializationError(create({ ...base, Content: { Actions: ['a', 7] } }))).toContain("'Content.Actions[1]'")
    expect(serializationError(create({ ...base, Content: { Actions: 'a' } }))).toMatch(
      /'Content.Actions'.*expected list/,
    )
    expect(serializationError(create({ ...base, Content: [] }))).toMatch(/'Content'.*expected structure, got array/)
    expect(serializationError(create({ ...base, Tags: { k: 1 } }))).toContain("'Tags.k'")
    expect(serializationError(create({ ...base, Tags: ['k'] }))).toMatch(/'Tags'.*expected map/)
    expect(serializationError(create({ ...base, Content: { Actions: ['a', null] } }))).toContain(
      'null is not allowed in a list',
    )
  })

  it('rejects integers that are strings, fractions or out of range (restJson1 malformed-integer tests)', () => {
    for (const v of ['"10"', '1.5', '1e400', '2147483648', 'true']) {
      expect(
        serializationError(() => decode('SearchViews', {}, '', `{"InstanceId":"i","MaxResults":${v}}`)),
        v,
      ).toContain("'MaxResults'")
    }
    expect(decode('SearchViews', {}, '', '{"InstanceId":"i","MaxResults":1e1}').MaxResults).toBe(10)
  })

  it('drops unknown members (top level and nested) and treats null as absent', () => {
    const body = {
      Name: 'n',
      Status: 'SAVED',
      Content: { Template: '{}', InputSchema: 'x', Extra: 1 },
      Bogus: true,
      Description: null,
    }
    expect(decode('CreateView', { InstanceId: 'i' }, '', JSON.stringify(body))).toEqual({
      InstanceId: 'i',
      Name: 'n',
      Status: 'SAVED',
      Content: { Template: '{}' },
    })
  })

  it('keeps a tag key named __proto__ as a key', () => {
    const input = decode('TagResource', { resourceArn: 'arn' }, '', '{"tags":{"__proto__":"v","k":"w"}}')
    const tags = input.tags as Record<string, unknown>
    expect(Object.keys(tags)).toEqual(['__proto__', 'k'])
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype)
  })

  it('bounds nesting of recursive shapes (SearchCriteria) with a SerializationException', () => {
    let criteria: unknown = { ViewTypeCondition: 'AWS_MANAGED' }
    for (let i = 0; i < MAX_NESTING_DEPTH + 5; i++) criteria = { OrConditions: [criteria] }
    expect(
      serializationError(() =>
        decode('SearchViews', {}, '', JSON.stringify({ InstanceId: 'i', SearchCriteria: criteria })),
      ),
    ).toContain('nesting')
    let shallow: unknown = { ViewTypeCondition: 'AWS_MANAGED' }
    for (let i = 0; i < 3; i++) shallow = { AndConditions: [shallow] }
    expect(
      decode('SearchViews', {}, '', JSON.stringify({ InstanceId: 'i', SearchCriteria: shallow })).SearchCriteria,
    ).toEqual(shallow)
  })

  it('ignores a body on operations without body members', () => {
    expect(decode('DescribeView', VIEW, '', 'not json at all')).toEqual(VIEW)
  })

  it('answers bad JSON over the core with 400 SerializationException and a Message', async () => {
    const res = await testCore().handle(wireRequest('PUT', `/views/${INSTANCE}`, '{"Name":'))
    expect(res.status).toBe(400)
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException')
    expect(String(json(res).Message)).toContain('not valid JSON')
  })
})
