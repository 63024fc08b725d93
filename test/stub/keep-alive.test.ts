// The stub server keeps idle connections a minute: a rate-limited client idles for seconds between calls,
// and a connection the server closes just as the client reuses it is a call with no answer (ECONNRESET).
import { get } from 'node:http'
import { expect, it } from 'vitest'
import { HEALTH_PATH, startStubServer } from '../../src/stub'

it('announces and keeps a 60 s keep-alive, not Node’s 5 s', async () => {
  const server = await startStubServer()
  try {
    const header = await new Promise<string | undefined>((resolve, reject) =>
      get(`${server.url}${HEALTH_PATH}`, { headers: { connection: 'keep-alive' } }, (res) => {
        res.resume()
        resolve(res.headers['keep-alive'] as string | undefined)
      }).on('error', reject),
    )
    expect(header).toBe('timeout=60')
  } finally {
    await server.close()
  }
})
