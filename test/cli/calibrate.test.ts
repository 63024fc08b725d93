// `conformance calibrate`, `serve --choices` and `run --choices-profile`, end to end through the CLI: a stub
// server serving known non-default choices is recorded over HTTP, calibration recovers the choices, a
// server serving the profile replays the recording with no difference, and strict runs hold targets to it.
// Commands on the embedded stub and refusals call the CLI's main in this process (runCliInProcess): they need
// no process of their own, and the served, recorded and calibrated steps still run as real processes.
import { writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import type { ConformanceReport } from '../../src/report/report-types'
import type { ChoicesProfile } from '../../src/choices/profile'
import { withChoicesProfile } from '../../src/choices/run-mode'
import { runCli, runCliInProcess, spawnCli, tempDir } from './support/cli'

const servers: ChildProcess[] = []
afterAll(() => {
  for (const s of servers.splice(0)) s.kill('SIGINT')
})

async function serve(args: string[]): Promise<string> {
  const child = spawnCli(['serve', '--port', '0', ...args])
  servers.push(child)
  return new Promise<string>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(seen)
      if (m) resolve(m[1]!)
    })
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString()
    })
    child.on('exit', () => reject(new Error(`serve exited early: ${seen}`)))
  })
}

/** A profile written by hand: what a stub should serve (evidence is not needed to serve). */
function handProfile(file: string, settled: Record<string, string>): void {
  writeFileSync(
    file,
    JSON.stringify({
      format: 'connect-views-conformance/choices-profile',
      version: 1,
      calibratedAt: '2026-11-30T00:00:00.000Z',
      targetKind: 'stub',
      sources: [],
      settled: Object.fromEntries(Object.entries(settled).map(([n, value]) => [n, { value, evidence: [] }])),
      unsettled: [],
      residual: { steps: 0, detail: [] },
    }),
  )
}

describe('run --choices-profile', () => {
  it('the model serves the settled values in every mode; only strict mode asserts the rules resting on them', () => {
    const file = join(tempDir(), 'p.json')
    handProfile(file, { checksumConflictError: 'ResourceInUseException', publishedTemplateValidation: 'none' })
    const plain = withChoicesProfile({ strict: false, confirmed: new Set(['R41']) }, file)
    expect(plain.choices).toEqual({
      checksumConflictError: 'ResourceInUseException',
      publishedTemplateValidation: 'none',
    })
    expect([...plain.confirmed]).toEqual(['R41'])
    const strict = withChoicesProfile({ strict: true, confirmed: new Set<string>() }, file)
    expect([...strict.confirmed]).toEqual(['R12']) // R4 also rests on validationErrorClass, which is not settled
    expect(withChoicesProfile({ strict: true }, undefined)).toEqual({ strict: true })
  })
})

describe('calibrate → serve --choices → parity and strict runs', () => {
  const dir = tempDir()
  const served = { checksumConflictError: 'ResourceInUseException', aliasVersionField: 'highest' }

  it('recovers the choices a served stub made, and a stub serving the profile answers exactly like the recording', async () => {
    handProfile(join(dir, 'truth.json'), served)
    const truthUrl = await serve(['--choices', join(dir, 'truth.json')])
    const rec = join(dir, 'rec.json')
    const r = await runCli([
      'record',
      '--target',
      truthUrl,
      '--tps',
      '1000',
      '--property',
      'checksum-conflict',
      '--seed',
      '1',
      '--commands',
      '40',
      '--out',
      rec,
    ])
    expect(r.code, r.stderr).toBe(0)

    const profileFile = join(dir, 'profile.json')
    const c = await runCli(['calibrate', rec, '--out', profileFile], { timeoutMs: 120_000 })
    expect(c.code, c.stderr).toBe(0)
    expect(c.stdout).toMatch(
      /settled +checksumConflictError = ResourceInUseException +\(.*rec\.json step \d+ CreateViewVersion/,
    )
    expect(c.stdout).toMatch(/differs from the recordings at 0 steps/)
    const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as ChoicesProfile
    expect(profile.settled.checksumConflictError?.value).toBe('ResourceInUseException')
    expect(profile.settled.aliasVersionField?.value).toBe('highest')
    expect(profile.targetKind).toBe('endpoint')
    // what the checksum-conflict vocabulary never does stays open
    expect(profile.unsettled.find((u) => u.choice === 'listViewsNameOrder')?.reason).toBe('no-evidence')

    const calibratedUrl = await serve(['--choices', profileFile])
    const same = await runCli(['parity', rec, '--target', calibratedUrl, '--tps', '1000'])
    expect(same.code, same.stdout + same.stderr).toBe(0)
    expect(same.stdout).toMatch(/: identical/)
    const plain = await runCliInProcess(['parity', rec, '--target', 'stub'])
    expect(plain.code).toBe(1) // the default stub is not the recorded target

    // strict mode holds a target to the settled values: the served truth passes, the default stub fails R12's class
    const ok = await runCli(
      [
        'run',
        '--target',
        calibratedUrl,
        '--tps',
        '1000',
        '--strict',
        '--choices-profile',
        profileFile,
        '--only',
        'differential',
        '--runs',
        '8',
        '--seed',
        '4',
        '--out',
        join(dir, 'ok'),
        '--report',
        'json',
      ],
      { timeoutMs: 120_000 },
    )
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    const t = (JSON.parse(readFileSync(join(dir, 'ok', 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
    expect(t.mode.confirmed).toContain('R12')
    const bad = await runCliInProcess(
      [
        'run',
        '--target',
        'stub',
        '--strict',
        '--choices-profile',
        profileFile,
        '--only',
        'differential',
        '--runs',
        '30',
        '--seed',
        '4',
        '--out',
        join(dir, 'bad'),
        '--report',
        'json',
      ],
      { timeoutMs: 120_000 },
    )
    expect(bad.code, bad.stdout).toBe(1)
    expect(bad.stdout).toMatch(/R12/)
    expect(bad.stdout).toMatch(/InvalidParameterException; R12 expects ResourceInUseException/)
    expect(bad.stdout).toMatch(/--choices-profile /) // the reproduce line keeps the profile
    // the bundle keeps the mode it failed in: it still fails on the default stub and is fixed on the calibrated one
    const bundle = join(dir, 'bad', 'bundles', 'differential-R12-seed4.json')
    expect((await runCliInProcess(['replay', bundle, '--target', 'stub'])).stdout).toMatch(/STILL FAILING/)
    expect((await runCli(['replay', bundle, '--target', calibratedUrl, '--tps', '1000'])).stdout).toMatch(/FIXED/)
  }, 240_000)

  it('a bad profile or recording is one readable line and exit 2', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'connect-views-conformance/choices-profile',
        version: 1,
        settled: { versionNumbering: { value: 'sometimes', evidence: [] } },
      }),
    )
    const run = await runCliInProcess([
      'run',
      '--choices-profile',
      bad,
      '--only',
      'differential',
      '--runs',
      '1',
      '--out',
      join(dir, 'x'),
    ])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/--choices-profile: .*bad\.json: invalid choices profile/)
    handProfile(bad, { versionNumbering: 'sometimes' })
    const srv = await runCliInProcess(['serve', '--port', '0', '--choices', bad])
    expect(srv.code).toBe(2)
    expect(srv.stderr).toMatch(/--choices: .*"sometimes" is not one of never-reuse, reuse-after-highest-deleted/)
    const rec = await runCliInProcess(['record', '--property', 'nope', '--out', join(dir, 'r.json')])
    expect(rec.code).toBe(2)
    expect(rec.stderr).toMatch(/--property: "nope" is not one of .*checksum-conflict/)
    const small = join(dir, 'small.json')
    expect((await runCliInProcess(['record', '--commands', '3', '--out', small])).code).toBe(0)
    const other = join(dir, 'other.json')
    writeFileSync(
      other,
      JSON.stringify({
        ...JSON.parse(readFileSync(small, 'utf8')),
        target: { kind: 'aws', label: 'aws eu-west-2', region: 'eu-west-2' },
      }),
    )
    const mixed = await runCliInProcess(['calibrate', small, other, '--out', join(dir, 'p.json')])
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(
      /^conformance: calibrate: the recordings are of different targets: stub \(stub\), aws \(aws eu-west-2\)\n$/,
    )
    const cal = await runCliInProcess(['calibrate', join(dir, 'missing.json')])
    expect(cal.code).toBe(2)
    expect(cal.stderr).toMatch(/calibrate: .*missing\.json does not exist/)
  }, 60_000)
})
