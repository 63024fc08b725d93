// The honest test of an incomplete emulator (issue 10): moto's server implements Connect instances and
// tags but no view operation. Against it, the run must exit 1 with every view operation *not implemented*
// (with moto's HTML 404 as evidence), no view rule `passed`, and no "SyntaxError" anywhere in the report.
// Skipped, with the reason, where Python's moto is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConnectClient, CreateInstanceCommand } from '@aws-sdk/client-connect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { OPERATION_NAMES } from '../../src/spec'
import { freePort, runCli, tempDir, type CliResult } from '../cli/support/cli'

const motoMissing = spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' }).status !== 0
if (motoMissing)
  console.warn('moto is not installed (pip install "moto[server]"): skipping the run against moto.server')

const VIEW_OPERATIONS = OPERATION_NAMES.filter(
  (op) => !['TagResource', 'UntagResource', 'ListTagsForResource'].includes(op),
)

async function waitForHttp(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms
  for (;;) {
    try {
      await fetch(url)
      return
    } catch (e) {
      if (Date.now() > until) throw new Error(`moto did not start at ${url}: ${(e as Error).message}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

describe.skipIf(motoMissing)('against moto.server (no view operations)', () => {
  let moto: ChildProcess
  let run: CliResult
  let out: string
  beforeAll(async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
    await waitForHttp(url, 20_000)
    // moto generates the instance id: create one through its API, as an emulator job would
    const client = new ConnectClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const instance = await client.send(
      new CreateInstanceCommand({
        IdentityManagementType: 'CONNECT_MANAGED',
        InstanceAlias: `cvc-${port}`,
        InboundCallsEnabled: true,
        OutboundCallsEnabled: true,
      }),
    )
    client.destroy()
    out = tempDir()
    run = await runCli(
      ['run', '--target', url, '--instance-id', instance.Id!, '--seed', '1', '--time-budget', '30s', '--out', out],
      { timeoutMs: 90_000 },
    )
  }, 120_000)
  afterAll(() => {
    moto?.kill('SIGTERM')
  })

  it("exits 1 with every view operation not implemented, with moto's 404 page as evidence", () => {
    expect(run.code, run.stdout + run.stderr).toBe(1)
    const t = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    for (const op of VIEW_OPERATIONS) {
      const c = t.coverage.find((x) => x.operation === op)!
      expect(c.implementation, op).toBe('not-implemented')
      expect(c.evidence?.status, op).toBe(404)
    }
    const viewRules = new Set(t.rules.map((r) => r.id).filter((id) => !['R21', 'R40'].includes(id)))
    expect(t.rules.filter((r) => viewRules.has(r.id) && r.status === 'passed').map((r) => r.id)).toEqual([])
  })

  it('names no SyntaxError: the SDK failing to parse an HTML page is evidence, not a finding', () => {
    expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toContain('SyntaxError')
    expect(run.stdout).not.toContain('SyntaxError')
  })
})
