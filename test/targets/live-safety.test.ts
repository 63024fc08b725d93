// Live-safety logic (run-tag guard, rate limiter, 429 retry, cleanup, SIGINT) exercised against the stub's
// HTTP server through the endpoint target, exactly as it would run against an emulator or AWS.
import { ConnectClient, CreateViewCommand, ListViewsCommand } from '@aws-sdk/client-connect'
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID as I } from '../../src/model/options'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import { RateLimiter } from '../../src/targets/rate-limiter'
import { newRunIdentity, RUN_TAG_KEY } from '../../src/targets/run-identity'
import { GuardRefusal } from '../../src/targets/live-guard'
import type { Target } from '../../src/targets/target'

const content = { Template: '{"Head":{},"Body":[]}', Actions: [] }
let server: StubServer | undefined
let target: Target | undefined
afterEach(async () => {
  await target?.close()
  await server?.close()
  target = server = undefined
})

function plainClient(url: string): ConnectClient {
  return new ConnectClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  })
}

async function customerViewNames(url: string): Promise<string[]> {
  const out = await plainClient(url).send(new ListViewsCommand({ InstanceId: I, Type: 'CUSTOMER_MANAGED' }))
  return (out.ViewsSummaryList ?? []).map((v) => v.Name!).sort()
}

describe('rate limiter', () => {
  it('lets a burst through, then spaces requests at the configured rate', async () => {
    let now = 0
    const waits: number[] = []
    const limiter = new RateLimiter(
      { tps: 2, burst: 3 },
      () => now,
      async (ms) => {
        waits.push(ms)
        now += ms
      },
    )
    const starts: number[] = []
    for (let i = 0; i < 6; i++) {
      await limiter.acquire()
      starts.push(now)
    }
    expect(starts.slice(0, 3)).toEqual([0, 0, 0])
    expect(starts.slice(3)).toEqual([500, 1000, 1500])
  })
  it('rejects a nonsensical limit', () => {
    expect(() => new RateLimiter({ tps: 0, burst: 1 })).toThrow(/invalid rate limit/)
  })
})

describe('run-tag guard on an endpoint target', () => {
  it('creates only run-tagged, prefixed views and never mutates a view it did not create', async () => {
    server = await startStubServer()
    const run = newRunIdentity('guardtest')
    target = await createTarget({ target: server.url, run, rate: { tps: 1000, burst: 1000 } })
    const foreign = await plainClient(server.url).send(
      new CreateViewCommand({ InstanceId: I, Name: 'someone-elses', Status: 'PUBLISHED', Content: content }),
    )
    const foreignId = foreign.View!.Id!

    await expect(
      target.send('CreateView', { InstanceId: I, Name: 'no-prefix', Status: 'SAVED', Content: content }),
    ).rejects.toThrow(GuardRefusal)
    for (const [op, input] of [
      ['UpdateViewContent', { InstanceId: I, ViewId: foreignId, Status: 'SAVED', Content: content }],
      ['DeleteView', { InstanceId: I, ViewId: foreign.View!.Arn }],
      ['CreateViewVersion', { InstanceId: I, ViewId: `${foreignId}:$LATEST` }],
      ['TagResource', { resourceArn: foreign.View!.Arn, tags: { a: 'b' } }],
    ] as const) {
      await expect(target.send(op, input), op).rejects.toThrow(/no conformance-run tag/)
    }

    const mine = await target.send('CreateView', {
      InstanceId: I,
      Name: `${run.namePrefix}mine`,
      Status: 'PUBLISHED',
      Content: content,
      Tags: { [RUN_TAG_KEY]: run.runId },
    })
    expect(mine.ok).toBe(true)
    const mineId = (mine as unknown as { output: { View: { Id: string } } }).output.View.Id
    expect(
      (await target.send('UpdateViewContent', { InstanceId: I, ViewId: mineId, Status: 'SAVED', Content: content })).ok,
    ).toBe(true)
    await expect(
      target.send('UntagResource', { resourceArn: (mine as any).output.View.Arn, tagKeys: [RUN_TAG_KEY] }),
    ).rejects.toThrow(/run tag/)
    // a view that does not exist may be addressed (negative tests): the answer is the service's 404
    const missing = await target.send('DeleteView', { InstanceId: I, ViewId: '00000000-0000-4000-8000-00000000dead' })
    expect(missing.ok ? 'ok' : missing.error.name).toBe('ResourceNotFoundException')
    // an invalid CreateView cannot create anything, so it may go out without the run identity
    const invalid = await target.send('CreateView', { InstanceId: I, Name: '', Status: 'SAVED', Content: content })
    expect(invalid.ok ? 'ok' : invalid.error.name).toBe('InvalidParameterException')

    await target.close()
    target = undefined
    expect(await customerViewNames(server.url)).toEqual(['someone-elses']) // cleanup removed only ours
  })

  it('a view tagged by an earlier run may be cleaned up (sweep), an untagged one never', async () => {
    server = await startStubServer()
    const earlier = await plainClient(server.url).send(
      new CreateViewCommand({
        InstanceId: I,
        Name: 'cvc-old-x',
        Status: 'SAVED',
        Content: content,
        Tags: { [RUN_TAG_KEY]: 'old' },
      }),
    )
    target = await createTarget({ target: server.url, rate: { tps: 1000, burst: 1000 } })
    expect((await target.send('DeleteView', { InstanceId: I, ViewId: earlier.View!.Id })).ok).toBe(true)
  })
})

describe('throttling and server errors', () => {
  it('retries only 429, counts the retries, and never retries a 500 away', async () => {
    server = await startStubServer({
      coreOptions: {
        faults: {
          forceError: [
            { operation: 'ListViews', errorName: 'TooManyRequestsException', times: 2 },
            { operation: 'DescribeView', errorName: 'InternalServiceException', times: 1 },
          ],
        },
      },
    })
    target = await createTarget({ target: server.url, rate: { tps: 1000, burst: 1000 } })
    const listed = await target.send('ListViews', { InstanceId: I })
    expect(listed.ok).toBe(true)
    expect(target.stats.throttleRetries).toBe(2)
    const described = await target.send('DescribeView', {
      InstanceId: I,
      ViewId: 'arn:aws:connect:us-east-1:aws:view/form',
    })
    expect(described.ok ? 'ok' : `${described.error.name} ${described.error.status}`).toBe(
      'InternalServiceException 500',
    )
    expect(target.stats.serverErrors).toBe(1)
  })
})

describe('SIGINT cleanup', () => {
  it('an interrupted live run deletes the views it created before exiting', async () => {
    server = await startStubServer()
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/targets/fixtures/interrupted-run.ts', server.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child never got ready: ${out}`)), 20_000)
      child.stdout.on('data', () => {
        if (out.includes('READY')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    expect((await customerViewNames(server.url)).length).toBe(3)
    child.kill('SIGINT')
    const code = await new Promise<number | null>((r) => child.on('exit', r))
    expect(code, out).toBe(130)
    expect(await customerViewNames(server.url)).toEqual([])
  })
})
