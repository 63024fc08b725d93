// Installing and loading a candidate, and the command's exit codes, with a fake npm so the suite stays
// offline and fast. (A real install is test/sdk-gate/real-candidate.test.ts, opt-in.)
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  CandidateUnavailableError,
  checkVersionSpec,
  explainNpmFailure,
  installCandidate,
  loadCandidate,
  sdkGateCommand,
  type GateReport,
} from '../../src/sdk-gate'

const PINNED_DIR = fileURLToPath(new URL('../../node_modules/@aws-sdk/client-connect', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'gate-install-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/**
 * A stand-in for npm: records its arguments, then either "installs" the pinned SDK under the alias (a
 * symlink) or fails with the given npm error code(s), one per call.
 */
function fakeNpm(name: string, failures: string[] = []): { path: string; calls: () => string[][] } {
  const path = join(work, name)
  const log = join(work, `${name}.calls.jsonl`)
  writeFileSync(
    path,
    `#!/usr/bin/env node
const fs = require('node:fs'), p = require('node:path')
const args = process.argv.slice(2)
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n')
const failures = ${JSON.stringify(failures)}
const n = fs.readFileSync(${JSON.stringify(log)}, 'utf8').trim().split('\\n').length
if (n <= failures.length) { process.stderr.write('npm error code ' + failures[n - 1] + '\\nnpm error something went wrong\\n'); process.exit(1) }
const prefix = args[args.indexOf('--prefix') + 1]
fs.mkdirSync(p.join(prefix, 'node_modules'), { recursive: true })
fs.symlinkSync(${JSON.stringify(PINNED_DIR)}, p.join(prefix, 'node_modules', 'client-connect-candidate'))
`,
  )
  chmodSync(path, 0o755)
  return {
    path,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as string[])
        : [],
  }
}

describe('installCandidate', () => {
  it('installs under the npm alias with --prefer-offline, outside the project, then reuses the install', async () => {
    const npm = fakeNpm('npm-ok')
    const root = join(work, 'root-ok')
    const first = await installCandidate('3.1136.0', { root, npmCommand: npm.path })
    expect(first).toMatchObject({ version: '3.1136.0', reused: false, dir: join(root, '3.1136.0') })
    const args = npm.calls()[0]
    expect(args).toEqual(
      expect.arrayContaining([
        'install',
        '--prefix',
        first.dir,
        '--no-save',
        '--no-package-lock',
        '--prefer-offline',
        'client-connect-candidate@npm:@aws-sdk/client-connect@3.1136.0',
      ]),
    )
    expect(loadCandidate(first).sdk.ConnectClient).toBeTypeOf('function')
    const again = await installCandidate('3.1136.0', { root, npmCommand: npm.path })
    expect(again.reused).toBe(true)
    expect(npm.calls()).toHaveLength(1)
  })

  it('offline and not cached: one attempt, one explaining line, nothing left behind', async () => {
    const npm = fakeNpm('npm-offline', ['EAI_AGAIN'])
    const err = await installCandidate('3.1200.0', { root: join(work, 'root-offline'), npmCommand: npm.path }).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(CandidateUnavailableError)
    expect((err as Error).message).toBe(
      'cannot fetch @aws-sdk/client-connect@3.1200.0: registry unreachable (EAI_AGAIN) and the package is not in the npm cache',
    )
    expect(npm.calls()).toHaveLength(1)
    expect(existsSync(join(work, 'root-offline', '3.1200.0'))).toBe(false)
  })

  it('a version missing from the cached metadata is asked of the registry once more (the cache may be stale)', async () => {
    const npm = fakeNpm('npm-stale', ['ETARGET'])
    const got = await installCandidate('3.1200.0', { root: join(work, 'root-stale'), npmCommand: npm.path })
    expect(got.reused).toBe(false)
    expect(npm.calls().map((a) => a.includes('--prefer-offline'))).toEqual([true, false])
  })

  it('rejects specs npm would read as a path, URL or git source', () => {
    for (const bad of ['file:../x', 'github:aws/sdk', '../evil', '', 'a'.repeat(80)])
      expect(() => checkVersionSpec(bad), bad).toThrow(CandidateUnavailableError)
    for (const ok of ['3.1108.0', 'latest', '^3.1100.0', '>=3.1000.0 <3.1100.0']) expect(checkVersionSpec(ok)).toBe(ok)
  })

  it('explains npm error codes', () => {
    expect(explainNpmFailure('9.9.9', 'npm error code ETARGET\nnpm error notarget No matching version')).toBe(
      'cannot fetch @aws-sdk/client-connect@9.9.9: no such version on the registry',
    )
    expect(explainNpmFailure('9.9.9', 'npm error code E404\n')).toMatch(/not found \(404\)/)
    expect(explainNpmFailure('9.9.9', 'npm error weird\nnpm error A complete log of this run')).toBe(
      'cannot fetch @aws-sdk/client-connect@9.9.9: weird',
    )
  })
})

describe('sdkGateCommand exit codes', () => {
  const run = async (candidate: string, npm: string, out: string) => {
    const stdout: string[] = []
    const stderr: string[] = []
    const code = await sdkGateCommand({
      candidate,
      out,
      npmCommand: npm,
      installRoot: join(work, `cmd-${out.split('/').pop()}`),
      schemas: false,
      stdout: (t) => stdout.push(t),
      stderr: (t) => stderr.push(t),
    })
    return { code, stdout: stdout.join('\n'), stderr }
  }

  it('0 and a report when the candidate behaves like the pinned SDK', async () => {
    const out = join(work, 'out-same')
    const r = await run('3.1136.0', fakeNpm('npm-cmd-ok').path, out)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/identical/)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as GateReport
    expect(report).toMatchObject({
      identical: true,
      candidate: { version: '3.1136.0' },
      schemas: 'skipped: not requested',
    })
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^# SDK upgrade gate/)
  })

  it('2 with one line on stderr when the version does not exist', async () => {
    const r = await run('9.9.9', fakeNpm('npm-cmd-etarget', ['ETARGET', 'ETARGET']).path, join(work, 'out-missing'))
    expect(r.code).toBe(2)
    expect(r.stderr.at(-1)).toBe(
      'sdk-gate: cannot fetch @aws-sdk/client-connect@9.9.9: no such version on the registry',
    )
  })

  it('2 for an invalid spec, before npm runs', async () => {
    const npm = fakeNpm('npm-cmd-never')
    const r = await run('file:/tmp/x', npm.path, join(work, 'out-invalid'))
    expect(r.code).toBe(2)
    expect(npm.calls()).toEqual([])
  })
})
