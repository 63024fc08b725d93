// `conformance serve` is a usable emulator: an SDK client reaches it over HTTP, and SIGINT stops it cleanly.
import { ConnectClient, ListViewsCommand } from '@aws-sdk/client-connect'
import { expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID } from '../../src/model'
import { STUB_CREDENTIALS } from '../../src/stub'
import { collect, spawnCli } from './support/cli'

it('serves the stub on a free port until SIGINT (with the SigV4 check on)', async () => {
  const child = spawnCli(['serve', '--port', '0', '--verify-sigv4'])
  const done = collect(child, 30_000)
  const url = await new Promise<string>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(seen)
      if (m) resolve(m[1]!)
    })
    child.on('exit', () => reject(new Error(`serve exited early: ${seen}`)))
  })
  const client = new ConnectClient({ endpoint: url, region: 'us-east-1', credentials: STUB_CREDENTIALS, maxAttempts: 1 })
  try {
    const out = await client.send(new ListViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID, Type: 'AWS_MANAGED' }))
    expect(out.ViewsSummaryList?.length).toBeGreaterThan(0)
    const stranger = new ConnectClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'nope' }, maxAttempts: 1 })
    await expect(stranger.send(new ListViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } })
    stranger.destroy()
  } finally {
    client.destroy()
    child.kill('SIGINT')
  }
  const r = await done
  expect(r.code).toBe(0)
  expect(r.stdout).toMatch(/SIGINT: closing \(\d+ requests served\)/)
})
