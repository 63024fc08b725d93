// `conformance serve` as an emulator for someone else's application: the instance id, account and region
// it uses, instances created on first use, a readiness route, and state that survives a SIGTERM and a
// restart (--state-file), with a corrupt or mismatched file refused in one line. The AWS CLI and boto3
// (both on CI's machine; skipped with the reason where absent) talk to it as they would to AWS.
import { execFile, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ConnectClient,
  CreateViewCommand,
  CreateViewVersionCommand,
  DescribeViewCommand,
  ListTagsForResourceCommand,
  ListViewVersionsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-connect'
import { describe, expect, it } from 'vitest'
import { runCliInProcess, serveCli, tempDir, type CliResult, type Serving } from './support/cli'

const INSTANCE = '0f2a1b3c-1111-4222-8333-444455556666'
const ACCOUNT = '111122223333'
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example/secret' }
const content = { Template: '{"Head":"emulated"}', Actions: ['Submit'] }

const serve = (flags: string[]) => serveCli(flags)

async function stop(s: Serving, signal: NodeJS.Signals = 'SIGTERM'): Promise<CliResult> {
  s.child.kill(signal)
  return s.done
}

function available(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 })
  return r.status === 0
    ? undefined
    : `${cmd} ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').split('\n')[0]}`
}
const noAwsCli = available('aws', ['--version'])
const noBoto3 = available(process.env.PYTHON ?? 'python3', ['-c', 'import boto3'])
if (noAwsCli) console.warn(`serve-emulator: AWS CLI tests skipped (${noAwsCli})`)
if (noBoto3) console.warn(`serve-emulator: boto3 tests skipped (${noBoto3})`)

/** Dummy credentials and nothing from the developer's AWS configuration. */
const toolEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example/secret',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
  NO_PROXY: '*',
})

function tool(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: toolEnv(), timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    )
  })
}

describe('serve --instance-id --account-id', () => {
  it.skipIf(!!noAwsCli)('answers the AWS CLI for that instance and account, and 404s another instance', async () => {
    const s = await serve(['--instance-id', INSTANCE, '--account-id', ACCOUNT])
    try {
      const aws = (...args: string[]) => tool('aws', ['connect', ...args, '--endpoint-url', s.url, '--output', 'json'])
      const created = await aws(
        'create-view',
        '--instance-id',
        INSTANCE,
        '--name',
        'app-view',
        '--status',
        'PUBLISHED',
        '--content',
        JSON.stringify(content),
      )
      expect(created.code, created.stderr).toBe(0)
      const view = (JSON.parse(created.stdout) as { View: { Id: string; Arn: string } }).View
      expect(view.Arn).toBe(`arn:aws:connect:us-east-1:${ACCOUNT}:instance/${INSTANCE}/view/${view.Id}`)
      const listed = await aws('list-views', '--instance-id', INSTANCE, '--type', 'CUSTOMER_MANAGED')
      expect(
        (JSON.parse(listed.stdout) as { ViewsSummaryList: { Id: string }[] }).ViewsSummaryList.map((v) => v.Id),
      ).toEqual([view.Id])
      const other = await aws('list-views', '--instance-id', randomUUID())
      expect(other.code).not.toBe(0)
      expect(other.stderr).toMatch(/ResourceNotFoundException/)
    } finally {
      expect((await stop(s)).code).toBe(0)
    }
  })

  it.skipIf(!!noBoto3)(
    'boto3 reaches several named instances; --any-instance creates well-formed ones on first use',
    async () => {
      const second = randomUUID()
      const s = await serve([
        '--instance-id',
        INSTANCE,
        '--instance-id',
        second,
        '--account-id',
        ACCOUNT,
        '--region',
        'eu-west-2',
        '--any-instance',
      ])
      try {
        const script = `
import boto3, json, sys, uuid
c = boto3.client('connect', endpoint_url=sys.argv[1], region_name='eu-west-2')
out = {}
for i in sys.argv[2:]:
    v = c.create_view(InstanceId=i, Name='boto3-view', Status='SAVED', Content={'Template': '{}', 'Actions': []})['View']
    out[i] = v['Arn']
fresh = str(uuid.uuid4())
out['fresh'] = len(c.list_views(InstanceId=fresh)['ViewsSummaryList'])
try:
    c.list_views(InstanceId='not-an-instance-id')
    out['malformed'] = 'accepted'
except c.exceptions.ResourceNotFoundException:
    out['malformed'] = 'ResourceNotFoundException'
print(json.dumps(out))`
        const r = await tool(process.env.PYTHON ?? 'python3', ['-c', script, s.url, INSTANCE, second])
        expect(r.code, r.stderr).toBe(0)
        const out = JSON.parse(r.stdout) as Record<string, unknown>
        expect(out[INSTANCE]).toMatch(new RegExp(`^arn:aws:connect:eu-west-2:${ACCOUNT}:instance/${INSTANCE}/view/`))
        expect(out[second]).toMatch(new RegExp(`:instance/${second}/view/`))
        expect(out.fresh).toBeGreaterThan(0) // the AWS-managed views, listed in the new instance
        expect(out.malformed).toBe('ResourceNotFoundException')
      } finally {
        expect((await stop(s)).code).toBe(0)
      }
    },
  )

  it('answers GET /_conformance/health for readiness probes', async () => {
    const s = await serve(['--instance-id', INSTANCE])
    try {
      const res = await fetch(`${s.url}/_conformance/health`)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ status: 'ok', instances: [INSTANCE], region: 'us-east-1' })
    } finally {
      await stop(s)
    }
  })

  it('refuses a malformed account id in one line (exit 2)', async () => {
    // refusals call the CLI's main in this process: serving, stopping and restarting run as real processes
    const r = await runCliInProcess(['serve', '--port', '0', '--account-id', '1234'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe('conformance: --account-id: "1234" is not a 12-digit AWS account id')
  })
})

describe('serve --state-file', () => {
  interface Acked {
    id: string
    arn: string
    name: string
    versions: number[]
    tags: Record<string, string>
  }

  /** Workers create views, publish versions and tag them until the server goes away; only answered calls count. */
  async function drive(url: string, acked: Map<string, Acked>, until: () => boolean): Promise<void> {
    const client = new ConnectClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 })
    const worker = async (w: number) => {
      for (let i = 0; i < 500 && !until(); i++) {
        try {
          const v = (
            await client.send(
              new CreateViewCommand({
                InstanceId: INSTANCE,
                Name: `w${w}-v${i}`,
                Status: 'PUBLISHED',
                Content: content,
              }),
            )
          ).View!
          const rec: Acked = { id: v.Id!, arn: v.Arn!, name: v.Name!, versions: [], tags: {} }
          acked.set(rec.id, rec)
          const n = (
            await client.send(
              new CreateViewVersionCommand({
                InstanceId: INSTANCE,
                ViewId: rec.id,
                VersionDescription: `v of ${rec.name}`,
              }),
            )
          ).View!.Version!
          rec.versions.push(n)
          await client.send(
            new TagResourceCommand({ resourceArn: rec.arn, tags: { worker: String(w), step: String(i) } }),
          )
          rec.tags = { worker: String(w), step: String(i) }
        } catch {
          return // the server went away mid-call: that call was not acknowledged
        }
      }
    }
    await Promise.all([0, 1, 2, 3].map(worker))
    client.destroy()
  }

  // SIGTERM: the orderly shutdown; SIGKILL: proof that a change is in the file (the journal) before it is
  // acknowledged, with and without fsync (group commit)
  it.each([
    ['SIGTERM', []],
    ['SIGKILL', []],
    ['SIGKILL', ['--state-fsync']],
  ] as const)(
    'a %s mid-stream loses no acknowledged view, version or tag across a restart %j',
    async (signal, extra) => {
      const file = join(tempDir(), 'state.json')
      const first = await serve(['--instance-id', INSTANCE, '--state-file', file, ...extra])
      const acked = new Map<string, Acked>()
      let terminated = false
      const driving = drive(first.url, acked, () => terminated)
      // SIGTERM while the workers are still sending
      while (acked.size < 30) await new Promise((r) => setTimeout(r, 10))
      terminated = true
      const closed = await stop(first, signal)
      await driving
      if (signal === 'SIGTERM') {
        expect(closed.code, closed.stderr).toBe(0)
        expect(closed.stdout).toMatch(/SIGTERM: closing/)
      } else {
        expect(closed.signal).toBe('SIGKILL')
      }

      const second = await serve(['--instance-id', INSTANCE, '--state-file', file])
      const client = new ConnectClient({ endpoint: second.url, region: 'us-east-1', credentials, maxAttempts: 1 })
      try {
        for (const rec of acked.values()) {
          const d = (await client.send(new DescribeViewCommand({ InstanceId: INSTANCE, ViewId: rec.id }))).View!
          expect(d.Name).toBe(rec.name)
          expect(d.Content?.Template).toBe(content.Template)
          const versions =
            (await client.send(new ListViewVersionsCommand({ InstanceId: INSTANCE, ViewId: rec.id })))
              .ViewVersionSummaryList ?? []
          for (const n of rec.versions) expect(versions.map((v) => v.Version)).toContain(n)
          const tags = (await client.send(new ListTagsForResourceCommand({ resourceArn: rec.arn }))).tags ?? {}
          expect(tags).toMatchObject(rec.tags)
        }
        expect(acked.size).toBeGreaterThanOrEqual(30)
      } finally {
        client.destroy()
        await stop(second)
      }
    },
    120_000,
  )

  it('refuses a corrupt state file in one line (exit 2) and leaves it as it was', async () => {
    const file = join(tempDir(), 'state.json')
    writeFileSync(file, '{"format":"connect-views-conformance/stub-state@1","instances":[')
    const r = await runCliInProcess(['serve', '--port', '0', '--state-file', file])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^conformance: serve: state file .*state\.json: not readable JSON .*fix or remove it/)
    expect(readFileSync(file, 'utf8')).toBe('{"format":"connect-views-conformance/stub-state@1","instances":[')
  })

  it('refuses a state file written for another account (its ARNs would be wrong)', async () => {
    const file = join(tempDir(), 'state.json')
    const s = await serve(['--state-file', file, '--account-id', ACCOUNT])
    await stop(s)
    const r = await runCliInProcess(['serve', '--port', '0', '--state-file', file])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/written for region us-east-1 and account 111122223333, not us-east-1 and 123456789012/)
  })
})
