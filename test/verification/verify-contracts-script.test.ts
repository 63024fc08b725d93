// scripts/verify-contracts.ts as a user runs it: exit 2 with a clear message when it cannot run, and a full
// verification against the stub's HTTP server (SigV4 on) with credentials from the environment.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStubServer, STUB_CREDENTIALS, type StubServer } from '../../src/stub'

const ROOT = new URL('../../', import.meta.url).pathname
const TSX = join(ROOT, 'node_modules/.bin/tsx')

/** Environment without any AWS credential source or CONFORMANCE_* setting, IMDS off: the default chain finds nothing, offline. */
function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|PACT_BROKER_|CONFORMANCE_)/.test(k)) env[k] = v
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    PACT_DO_NOT_TRACK: 'true',
    ...extra,
  }
}

function runScript(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['scripts/verify-contracts.ts', ...args], { cwd: ROOT, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('scripts/verify-contracts.ts', () => {
  it('--target aws without credentials exits 2 and says how to provide them', async () => {
    const r = await runScript(
      ['--target', 'aws', '--instance-id', '11111111-2222-4333-8444-555555555555', '--region', 'us-east-1'],
      isolatedEnv(),
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no AWS credentials found/)
    expect(r.stderr).toMatch(/AWS_PROFILE/)
  })
  it('a bad CONFORMANCE_TPS exits 2 with one line naming the variable', async () => {
    const r = await runScript(['--target', 'http://127.0.0.1:9'], isolatedEnv({ CONFORMANCE_TPS: 'abc' }))
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe('verify-contracts: CONFORMANCE_TPS: "abc" is not a positive number')
  })
  it('--target aws without --instance-id exits 2', async () => {
    const r = await runScript(['--target', 'aws'], isolatedEnv())
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/needs --instance-id/)
  })

  describe('against the stub HTTP server with SigV4 checking on', () => {
    let server: StubServer
    beforeAll(async () => {
      server = await startStubServer({
        port: 0,
        coreOptions: { verifySigV4: { credentials: STUB_CREDENTIALS, region: 'us-east-1' } },
      })
    })
    afterAll(() => server?.close())

    it('verifies every interaction, writes JSON results and leaves no view behind', async () => {
      const json = join(mkdtempSync(join(tmpdir(), 'cvc-verify-')), 'results.json')
      const r = await runScript(
        ['--target', server.url, '--tps', '10000', '--json', json],
        isolatedEnv({
          AWS_ACCESS_KEY_ID: STUB_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: STUB_CREDENTIALS.secretAccessKey,
        }),
      )
      expect(r.code, r.stdout + r.stderr).toBe(0)
      expect(r.stdout).toMatch(/(\d+)\/\1 interactions verified/)
      const out = JSON.parse(readFileSync(json, 'utf8')) as { passed: boolean; results: { status: string }[] }
      expect(out.passed).toBe(true)
      expect(out.results.length).toBeGreaterThanOrEqual(28)
      expect(out.results.every((x) => x.status === 'passed')).toBe(true)
      const left = server.core.model.invoke('ListViews', {
        InstanceId: '11111111-2222-4333-8444-555555555555',
        Type: 'CUSTOMER_MANAGED',
      })
      expect(left.ViewsSummaryList).toEqual([])
    })

    it('--remaining-ms 0: no state is arranged, every interaction is not verified (none failed), exit 0, INCOMPLETE', async () => {
      const json = join(mkdtempSync(join(tmpdir(), 'cvc-verify-')), 'results.json')
      const calls = server.core.counters.requests
      const r = await runScript(
        ['--target', server.url, '--tps', '10000', '--json', json, '--remaining-ms', '0'],
        isolatedEnv({
          AWS_ACCESS_KEY_ID: STUB_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: STUB_CREDENTIALS.secretAccessKey,
        }),
      )
      expect(r.code, r.stdout + r.stderr).toBe(0)
      expect(r.stdout).toMatch(/^INCOMPLETE \((\d+) not verified: time budget\)/m)
      const out = JSON.parse(readFileSync(json, 'utf8')) as { results: { status: string; rules: string[] }[] }
      expect(out.results.every((x) => x.status === 'not-verified' && x.rules.length > 0)).toBe(true)
      // nothing reached the stub: no state was arranged, and the requests of cut-off interactions are held back
      // (replayed with the pact's example values they would create and change views the run does not own)
      expect(server.core.counters.requests - calls).toBeLessThanOrEqual(2)
    })
  })
})
