// boto3 interop: a real botocore (its own serializer, label encoding, rest-json parser, error parser and
// paginator) drives a full view life cycle against the stub's HTTP server. The scenario and its step-by-step
// checks live in boto3_scenario.py; this test starts the server, runs the script as a subprocess and checks
// the key facts from the one JSON line it prints.
//
// Skipped (never faked) when `python3 -c "import boto3"` fails; set PYTHON to use another interpreter.
import { execFile, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID } from '../../src/model'
import { startStubServer, type StubServer } from '../../src/stub'

const PYTHON = process.env.PYTHON ?? 'python3'
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'boto3_scenario.py')
const SCRIPT_TIMEOUT_MS = 45_000

/**
 * A sealed environment: dummy credentials, fixed region, no shared config/credential files, no instance
 * metadata lookups and no proxy, so the script can only ever talk to the loopback endpoint it is given.
 * HOME is kept so a user-site boto3 install (~/.local) is still importable.
 */
function pythonEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(process.env.HOME !== undefined ? { HOME: process.env.HOME } : {}),
    ...(process.env.VIRTUAL_ENV !== undefined ? { VIRTUAL_ENV: process.env.VIRTUAL_ENV } : {}),
    AWS_ACCESS_KEY_ID: 'CVCINTEROPDUMMY00000',
    AWS_SECRET_ACCESS_KEY: 'interop/dummy/secret/not/real',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_PROXY: '*',
    no_proxy: '*',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
  }
}

function probeBoto3(): { ok: true } | { ok: false; why: string } {
  const r = spawnSync(PYTHON, ['-c', 'import boto3'], { env: pythonEnv(), encoding: 'utf8', timeout: 15_000 })
  if (r.error) return { ok: false, why: `${PYTHON} could not be run (${r.error.message})` }
  if (r.status !== 0)
    return {
      ok: false,
      why: `\`${PYTHON} -c "import boto3"\` failed: ${r.stderr.trim().split('\n').at(-1) ?? `exit ${r.status}`}`,
    }
  return { ok: true }
}

const probe = probeBoto3()
const hasBoto3 = probe.ok
if (!probe.ok)
  console.warn(`[boto3 interop] SKIPPED: ${probe.why}. Install boto3 (pip install boto3) to run this test.`)

interface Timestamp {
  type: string
  aware: boolean
  epoch: number
  iso: string
}
interface ErrorObs {
  code: string
  status: number
  message: string
}
interface Observations {
  boto3: string
  botocore: string
  view: { id: string; arn: string; sha256_len: number; create_version: number | null }
  publish1: { version: number; arn: string; status: string }
  noChangePublish: { version: number }
  checksumConflict: ErrorObs
  staleConflict: ErrorObs
  describe: Record<
    'bare' | '1' | '$LATEST' | '$SAVED' | 'arn:1' | 'arn',
    { version: number | null; status: string; arn: string; sha256: boolean }
  >
  publish2: { version: number; arn: string }
  versionPages: Array<{ versions: number[]; nextToken: boolean }>
  listViews: { customer: Array<{ id: string; status: string; name: string }>; awsManagedCount: number }
  tags: { afterTag: Record<string, string>; afterUntag: Record<string, string> }
  afterDeleteVersion: { versions: number[]; describeDeleted: ErrorObs }
  publish3: { version: number; versions: number[] }
  afterDeleteView: ErrorObs
  modeledExceptionClass?: boolean
  timestamps: Record<string, Timestamp>
  /** Raw JSON types of CreatedTime/LastModifiedTime in the response bodies, counted before botocore parsed them. */
  wireTimestampTypes: Record<string, number>
}

function runScenario(
  endpoint: string,
  instance: string,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [SCRIPT, endpoint, instance],
      { env: pythonEnv(), timeout: SCRIPT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
        resolve({ stdout, stderr: err && !stderr ? String(err) : stderr, code })
      },
    )
  })
}

describe('boto3 against the stub HTTP server', () => {
  // A clock with a fractional-second start and an odd step, recording every value it hands out: each
  // timestamp botocore parsed must map back to exactly one of them (epoch seconds, fractions intact).
  const issuedMs = new Set<number>()
  let t = Date.UTC(2026, 0, 1, 0, 0, 0, 250)
  const now = () => {
    t += 1_234
    issuedMs.add(t)
    return t
  }
  let server: StubServer | undefined

  beforeAll(async () => {
    if (!hasBoto3) return
    server = await startStubServer({ port: 0, host: '127.0.0.1', coreOptions: { modelOptions: { now } } })
  })
  afterAll(async () => {
    await server?.close()
  })

  it.skipIf(!hasBoto3)('runs the full view life cycle through boto3 with the facts botocore saw', async () => {
    const run = await runScenario(server!.url, DEFAULT_INSTANCE_ID)
    expect(run.code, `boto3 scenario failed:\n${run.stderr}`).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines, 'exactly one line of observations').toHaveLength(1)
    const obs = JSON.parse(lines[0]!) as Observations

    // Create → publish → no-change publish: versions as documented (R10, R11).
    expect(obs.view.sha256_len).toBe(64)
    expect(obs.publish1).toEqual({ version: 1, arn: `${obs.view.arn}:1`, status: 'PUBLISHED' })
    expect(obs.noChangePublish.version).toBe(1)
    expect(obs.publish2).toEqual({ version: 2, arn: `${obs.view.arn}:2` })

    // Checksum conflict (R12): some 4xx with a real error code that botocore extracted; stale == random.
    expect(obs.checksumConflict.status).toBeGreaterThanOrEqual(400)
    expect(obs.checksumConflict.status).toBeLessThan(500)
    expect(obs.checksumConflict.code).toMatch(/^[A-Z][A-Za-z]+Exception$/)
    expect(obs.checksumConflict.message.length).toBeGreaterThan(0)
    expect(obs.staleConflict.code).toBe(obs.checksumConflict.code)
    console.info(`[boto3 interop] checksum conflict → ${obs.checksumConflict.status} ${obs.checksumConflict.code}`)

    // Qualified describes (R1): numeric by id and by ARN (botocore sent the ARN as one %2F/%3A-encoded label).
    expect(obs.describe['1']).toMatchObject({ version: 1, status: 'PUBLISHED', arn: `${obs.view.arn}:1` })
    expect(obs.describe['arn:1']).toMatchObject({ version: 1, status: 'PUBLISHED', arn: `${obs.view.arn}:1` })
    expect(obs.describe.$LATEST).toMatchObject({ status: 'PUBLISHED', arn: obs.view.arn, sha256: true })
    expect(obs.describe.$SAVED.arn).toBe(obs.view.arn)
    expect(obs.describe.bare).toEqual(obs.describe.$LATEST)
    expect(obs.describe.arn).toEqual(obs.describe.$LATEST)

    // boto3's paginator with PageSize 1: one version per page, highest first, no token on the last page.
    expect(obs.versionPages).toEqual([
      { versions: [2], nextToken: true },
      { versions: [1], nextToken: false },
    ])
    expect(obs.listViews.customer).toEqual([{ id: obs.view.id, status: 'PUBLISHED', name: 'boto3 interop view' }])
    expect(obs.listViews.awsManagedCount).toBeGreaterThan(0)

    // Tags (lower-case wire names; repeated tagKeys query incl. a key with a space).
    expect(obs.tags.afterTag).toEqual({ origin: 'boto3', team: 'cx', 'cost center': '42' })
    expect(obs.tags.afterUntag).toEqual({ team: 'cx' })

    // Deletes, then 404 ResourceNotFoundException mapped onto botocore's modeled exception class.
    expect(obs.afterDeleteVersion.versions).toEqual([2])
    expect(obs.afterDeleteVersion.describeDeleted).toMatchObject({ code: 'ResourceNotFoundException', status: 404 })
    // Publishing after deleting version 1 never reuses a number (3 under the stub's default 'never-reuse').
    expect(obs.publish3).toEqual({ version: 3, versions: [3, 2] })
    expect(obs.afterDeleteView).toMatchObject({ code: 'ResourceNotFoundException', status: 404 })
    expect(obs.modeledExceptionClass).toBe(true)

    // Timestamps: botocore turned every epoch-seconds number into an aware datetime, and each one is a
    // clock value the stub issued (so seconds were read as seconds, fractions kept).
    expect(
      Object.keys(obs.wireTimestampTypes).every((k) => k === 'int' || k === 'float'),
      JSON.stringify(obs.wireTimestampTypes),
    ).toBe(true)
    expect(Object.values(obs.wireTimestampTypes).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20)
    const stamps = Object.entries(obs.timestamps)
    expect(stamps.length).toBeGreaterThanOrEqual(10)
    for (const [where, ts] of stamps) {
      expect(ts, where).toMatchObject({ type: 'datetime', aware: true })
      const ms = Math.round(ts.epoch * 1000)
      expect(issuedMs.has(ms), `${where}: ${ts.iso} (${ms}) was never issued by the stub clock`).toBe(true)
      expect(new Date(ts.iso).getTime(), where).toBe(ms)
    }
    const created = Math.round(obs.timestamps['create.CreatedTime']!.epoch * 1000)
    const published2 = Math.round(obs.timestamps['publish2.LastModifiedTime']!.epoch * 1000)
    expect(published2).toBeGreaterThan(created)

    expect(server!.core.counters.unexpectedErrors, String(server!.core.unexpectedErrorLog.at(-1))).toBe(0)
    expect(
      Object.keys(server!.core.counters.byStatus)
        .map(Number)
        .every((s) => s < 500),
    ).toBe(true)
  })
})
