// The live-AWS target is real code: the SDK's default credential chain, SigV4, the live-safety guard and
// rate limiter. Here it is exercised against the stub's HTTP server with signature checking on, reached
// through the SDK's own configured-endpoint variable (AWS_ENDPOINT_URL_CONNECT), so nothing leaves the machine.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checksumConflict } from '../../src/properties/checksum-conflict'
import { runProperty } from '../../src/engine/runners/sequential'
import { DEFAULT_INSTANCE_ID } from '../../src/model/options'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget, TargetUnavailable } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const CREDS = { accessKeyId: 'CVCLIVEPATHKEY000000', secretAccessKey: 'live/path/secret/for/tests' }
const saved = { ...process.env }
let server: StubServer | undefined
let target: Target | undefined

beforeEach(() => {
  // an empty world for the credential chain: no env keys, no shared files, no instance metadata lookups
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k]
  const home = mkdtempSync(join(tmpdir(), 'cvc-aws-'))
  process.env.HOME = home
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials')
  process.env.AWS_CONFIG_FILE = join(home, 'config')
  process.env.AWS_EC2_METADATA_DISABLED = 'true'
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
})
afterEach(async () => {
  await target?.close()
  await server?.close()
  target = server = undefined
  process.env = { ...saved }
})

describe('aws target', () => {
  it('without an instance id it is not configured, with a clear reason', async () => {
    const e = await createTarget({ target: 'aws' }).catch((x) => x)
    expect(e).toBeInstanceOf(TargetUnavailable)
    expect(e.reason).toBe('not-configured')
    expect(e.message).toMatch(/instance id.*CONFORMANCE_INSTANCE_ID/)
  })

  it('without credentials anywhere in the default chain it is not configured, with a clear reason', async () => {
    const e = await createTarget({ target: 'aws', instanceId: DEFAULT_INSTANCE_ID }).catch((x) => x)
    expect(e).toBeInstanceOf(TargetUnavailable)
    expect(e.reason).toBe('not-configured')
    expect(e.message).toMatch(/no AWS credentials/)
  })

  it('with credentials from the chain it signs requests the SigV4-checking stub accepts, and runs a property', async () => {
    server = await startStubServer({ coreOptions: { verifySigV4: { credentials: CREDS, region: 'us-east-1' } } })
    process.env.AWS_ACCESS_KEY_ID = CREDS.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY = CREDS.secretAccessKey
    process.env.AWS_ENDPOINT_URL_CONNECT = server.url
    target = await createTarget({
      target: 'aws',
      instanceId: DEFAULT_INSTANCE_ID,
      region: 'us-east-1',
      rate: { tps: 10_000, burst: 10_000 },
    })
    expect(target.kind).toBe('aws')
    expect(target.guarded).toBe(true)
    const r = await runProperty(checksumConflict, target, { seed: 3, numRuns: 5, mode: { strict: false } })
    expect(r.failure?.message ?? '').toBe('')
    expect(server.core.counters.byStatus[403] ?? 0).toBe(0)
    expect(server.core.counters.byStatus[200]).toBeGreaterThan(10)
  })

  it('a wrong secret in the chain is rejected by the signature check, not silently accepted', async () => {
    server = await startStubServer({ coreOptions: { verifySigV4: { credentials: CREDS, region: 'us-east-1' } } })
    process.env.AWS_ACCESS_KEY_ID = CREDS.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY = 'not/the/right/secret'
    process.env.AWS_ENDPOINT_URL_CONNECT = server.url
    target = await createTarget({
      target: 'aws',
      instanceId: DEFAULT_INSTANCE_ID,
      rate: { tps: 10_000, burst: 10_000 },
    })
    const o = await target.send('ListViews', { InstanceId: DEFAULT_INSTANCE_ID })
    expect(o.ok ? 'ok' : `${o.error.name} ${o.error.status}`).toBe('InvalidSignatureException 403')
  })
})
