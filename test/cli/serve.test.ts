// `conformance serve` is a usable emulator: an SDK client reaches it over HTTP, and SIGINT stops it cleanly.
import {
  ConnectClient,
  CreateViewCommand,
  DescribeViewCommand,
  ListViewsCommand,
  SearchViewsCommand,
} from '@aws-sdk/client-connect'
import { expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID } from '../../src/model'
import { STUB_CREDENTIALS } from '../../src/stub'
import { serveSettings } from '../../src/cli/serve-command'
import { serveCli } from './support/cli'

const serve = (flags: string[]) => serveCli(flags, 30_000)
const stubClient = (url: string) =>
  new ConnectClient({ endpoint: url, region: 'us-east-1', credentials: STUB_CREDENTIALS, maxAttempts: 1 })

it('serves the stub on a free port until SIGINT (with the SigV4 check on)', async () => {
  const { child, done, url } = await serve(['--verify-sigv4'])
  const client = stubClient(url)
  try {
    const out = await client.send(new ListViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID, Type: 'AWS_MANAGED' }))
    expect(out.ViewsSummaryList?.length).toBeGreaterThan(0)
    const stranger = new ConnectClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'nope' },
      maxAttempts: 1,
    })
    await expect(stranger.send(new ListViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    })
    stranger.destroy()
  } finally {
    client.destroy()
    child.kill('SIGINT')
  }
  const r = await done
  expect(r.code).toBe(0)
  expect(r.stdout).toMatch(/SIGINT: closing \(\d+ requests served\)/)
})

it('--live-like throttles each API past its burst of 5 with the declared 429, like the rationed service', async () => {
  const { child, done, url } = await serve(['--live-like'])
  const client = stubClient(url)
  try {
    const list = () =>
      client.send(new ListViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID, Type: 'AWS_MANAGED' })).then(
        () => 200,
        (e) => `${e.$metadata?.httpStatusCode} ${e.name}`,
      )
    // 10 at once: 5 from the burst, a refill of 2/s cannot serve the rest unless they spread over 2.5 s
    const answers = await Promise.all(Array.from({ length: 10 }, list))
    const ok = answers.filter((a) => a === 200).length
    const throttled = answers.filter((a) => a === '429 TooManyRequestsException').length
    expect(ok).toBeGreaterThanOrEqual(5)
    expect(throttled).toBeGreaterThanOrEqual(1)
    expect(ok + throttled).toBe(10)
    await expect(client.send(new SearchViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID }))).resolves.toBeDefined() // its own bucket
  } finally {
    client.destroy()
    child.kill('SIGINT')
  }
  const r = await done
  expect(r.code).toBe(0)
  expect(r.stdout).toContain('live-like: per-API token buckets of 2 requests/s, burst 5')
})

it('--eventual serves bounded-stale reads and, with --eventual-not-found, fresh views that are not found yet', async () => {
  const { child, done, url } = await serve(['--eventual', '2s', '--eventual-not-found', '0.5', '--eventual-seed', '3'])
  const client = stubClient(url)
  try {
    const created = await client.send(
      new CreateViewCommand({
        InstanceId: DEFAULT_INSTANCE_ID,
        Name: 'fresh',
        Status: 'SAVED',
        Content: { Template: '{}', Actions: [] },
      }),
    )
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        client
          .send(new DescribeViewCommand({ InstanceId: DEFAULT_INSTANCE_ID, ViewId: `${created.View!.Id!}:$SAVED` }))
          .then(
            () => 'found',
            (e) => e.name as string,
          ),
      ),
    )
    expect(answers).toContain('found')
    expect(answers).toContain('ResourceNotFoundException')
  } finally {
    client.destroy()
    child.kill('SIGINT')
  }
  const r = await done
  expect(r.code).toBe(0)
  expect(r.stdout).toContain('eventually consistent: reads see states up to 2000 ms old')
})

it('--eventual-not-found without --eventual is a usage error', () => {
  const base = { port: '0', host: '127.0.0.1' }
  expect(() => serveSettings({ ...base, eventualNotFound: '0.5' })).toThrow(
    '--eventual-not-found: needs --eventual <window>',
  )
  expect(serveSettings({ ...base, eventual: '500ms', eventualNotFound: '0.25' })).toMatchObject({
    eventualMs: 500,
    eventualNotFound: 0.25,
  })
})
