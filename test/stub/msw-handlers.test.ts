import { ConnectClient, ListViewsCommand } from '@aws-sdk/client-connect'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONNECT_URL, STUB_CREDENTIALS, createStubHandlers } from '../../src/stub'
import { baseUrlMatcher } from '../../src/stub/msw-handlers'
import { INSTANCE, testCore } from './support/wire'

describe('msw base URL matching', () => {
  it('matches every regional Connect endpoint by default, nothing that merely looks like one', () => {
    for (const u of [
      'https://connect.us-east-1.amazonaws.com/views/x',
      'https://connect.eu-west-2.amazonaws.com/search-views',
      'https://connect.us-east-1.amazonaws.com',
    ]) {
      expect(DEFAULT_CONNECT_URL.test(u), u).toBe(true)
    }
    for (const u of [
      'https://connect.us-east-1.amazonaws.com.evil.test/views',
      'http://connect.us-east-1.amazonaws.com/views',
      'https://connectx.us-east-1.amazonaws.com/views',
      'https://s3.amazonaws.com/',
    ]) {
      expect(DEFAULT_CONNECT_URL.test(u), u).toBe(false)
    }
  })

  it('turns a base URL string into a matcher for everything under it, * within one part', () => {
    const m = baseUrlMatcher('http://stub.test:8080/')
    expect(m.test('http://stub.test:8080/views/i')).toBe(true)
    expect(m.test('http://stub.test:8080')).toBe(true)
    expect(m.test('http://stub.test:80801/views')).toBe(false)
    const wild = baseUrlMatcher('https://connect.*.amazonaws.com')
    expect(wild.test('https://connect.ap-south-1.amazonaws.com/tags/x')).toBe(true)
    expect(wild.test('https://connect.a/b.amazonaws.com/tags/x')).toBe(false)
  })
})

describe('msw handlers with a custom base URL', () => {
  const core = testCore()
  const server = setupServer(...createStubHandlers(core, { baseUrl: 'http://stub.test:8080' }))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  it('serves a ConnectClient pointed at that endpoint', async () => {
    const client = new ConnectClient({
      region: 'us-east-1',
      endpoint: 'http://stub.test:8080',
      credentials: STUB_CREDENTIALS,
      maxAttempts: 1,
    })
    const out = await client.send(new ListViewsCommand({ InstanceId: INSTANCE, Type: 'AWS_MANAGED' }))
    expect(out.ViewsSummaryList!.length).toBeGreaterThan(0)
  })

  it('hands a malformed percent-encoding to the core (400), not to msw param decoding (crash)', async () => {
    const res = await fetch('http://stub.test:8080/views/%ZZ')
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException')
    expect(core.counters.unexpectedErrors).toBe(0)
  })
})
