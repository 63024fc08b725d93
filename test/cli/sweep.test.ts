// The janitor against the stub's HTTP server as an endpoint target: views created directly through a
// ConnectClient, with and without the run tag and the cvc- name prefix; only views with both marks go.
import { ConnectClient, CreateViewCommand, ListViewsCommand } from '@aws-sdk/client-connect'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID } from '../../src/model'
import { STUB_CREDENTIALS, startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import { RUN_TAG_KEY } from '../../src/targets/run-identity'
import { runStartedAt, sweepLeftovers } from '../../src/targets/sweep'
import { runCli } from './support/cli'

const HOUR = 3_600_000
const CONTENT = { Template: '{"Head":{"Title":"t"},"Body":[]}', Actions: ['Submit'] }
/** A run id in run-identity.ts's shape: Date.now() in base 36 + 6 hex digits. */
const runIdAt = (ms: number) => `${ms.toString(36)}abc123`

let server: StubServer
let client: ConnectClient

async function create(name: string, tags?: Record<string, string>): Promise<void> {
  await client.send(
    new CreateViewCommand({
      InstanceId: DEFAULT_INSTANCE_ID,
      Name: name,
      Status: 'SAVED',
      Content: CONTENT,
      ...(tags ? { Tags: tags } : {}),
    }),
  )
}

async function names(): Promise<string[]> {
  const out = await client.send(new ListViewsCommand({ InstanceId: DEFAULT_INSTANCE_ID, Type: 'CUSTOMER_MANAGED' }))
  return (out.ViewsSummaryList ?? []).map((v) => v.Name!).sort()
}

beforeEach(async () => {
  server = await startStubServer({})
  client = new ConnectClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: STUB_CREDENTIALS,
    maxAttempts: 1,
  })
  const old = runIdAt(Date.now() - 5 * HOUR)
  const fresh = runIdAt(Date.now() - 60_000)
  await create('cvc-old-a', { [RUN_TAG_KEY]: old, team: 'x' })
  await create('cvc-old-b', { [RUN_TAG_KEY]: old })
  await create('cvc-fresh', { [RUN_TAG_KEY]: fresh })
  await create('cvc-untagged') // our prefix, but not our tag: a human's view that happens to look like ours
  await create('production-view', { [RUN_TAG_KEY]: old }) // our tag but not our prefix
  await create('plain')
})

afterEach(async () => {
  client.destroy()
  await server.close()
})

describe('sweepLeftovers (library)', () => {
  it('deletes exactly the views with the cvc- prefix and the run tag, across pages', async () => {
    // more views than one ListViews page (100) so the sweep must follow NextToken
    for (let i = 0; i < 101; i++) await create(`cvc-bulk-${String(i).padStart(3, '0')}`, { [RUN_TAG_KEY]: 'bulk' })
    const target = await createTarget({ target: server.url, rate: { tps: 10_000, burst: 10_000 } })
    try {
      const r = await sweepLeftovers(target)
      expect(
        r.removed
          .map((v) => v.name)
          .filter((n) => !n.startsWith('cvc-bulk-'))
          .sort(),
      ).toEqual(['cvc-fresh', 'cvc-old-a', 'cvc-old-b'])
      expect(r.removed).toHaveLength(104)
      expect(r.prefixWithoutTag.map((v) => v.name)).toEqual(['cvc-untagged'])
      expect(r.failed).toEqual([])
    } finally {
      await target.close()
    }
    expect(await names()).toEqual(['cvc-untagged', 'plain', 'production-view'])
  })

  it('leaves runs younger than minAge alone, and deletes nothing in a dry run', async () => {
    const target = await createTarget({ target: server.url, rate: { tps: 10_000, burst: 10_000 } })
    try {
      const dry = await sweepLeftovers(target, { dryRun: true })
      expect(dry.removed).toHaveLength(3)
      expect(await names()).toHaveLength(6)
      const r = await sweepLeftovers(target, { minAgeMs: 2 * HOUR })
      expect(r.removed.map((v) => v.name).sort()).toEqual(['cvc-old-a', 'cvc-old-b'])
      expect(r.kept).toEqual([
        expect.objectContaining({ name: 'cvc-fresh', reason: expect.stringMatching(/^run started 1 min ago$/) }),
      ])
    } finally {
      await target.close()
    }
  })

  it('reads the start time out of a run id', () => {
    expect(runStartedAt(runIdAt(1_790_000_000_000))).toBe(1_790_000_000_000)
    expect(runStartedAt('bulk')).toBeUndefined()
  })
})

describe('conformance sweep (CLI)', () => {
  it('lists what it removed and leaves everything else', async () => {
    const r = await runCli(['sweep', '--target', server.url, '--tps', '1000'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    for (const name of ['cvc-old-a', 'cvc-old-b', 'cvc-fresh'])
      expect(r.stdout).toMatch(new RegExp(`removed +${name} +\\(id `))
    expect(r.stdout).toMatch(/left alone +cvc-untagged/)
    expect(r.stdout).toContain(
      '6 customer views scanned: 3 removed, 0 kept, 0 failed, 1 untagged with the prefix left alone',
    )
    expect(await names()).toEqual(['cvc-untagged', 'plain', 'production-view'])
  })
})
