// The package as a user gets it: `npm pack` (which builds dist/ through prepack), the tarball installed into
// a fresh folder in the OS temp dir (outside this repository, so nothing resolves from its node_modules;
// dependencies come from the npm registry or npm's cache; no install scripts, as in the Dockerfile), then
// what the README promises outside the clone:
// `npx conformance run --target stub --time-budget 10s` exits 0 and replays the regression bundles shipped
// in the package, and a user's TypeScript file importing the stub by package name type-checks under
// moduleResolution nodenext and runs (its own ConnectClient, msw's setupServer, the HTTP server).
import { execFile, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DockerfileParser } from 'dockerfile-ast'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../cli/support/cli'

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** The environment without npm's per-run variables (npm test sets npm_config_*, which would steer the inner npm). */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (!/^(npm_|CONFORMANCE_|AWS_|NODE_PATH$|NODE_OPTIONS$|VITEST)/.test(k)) env[k] = v
  return {
    ...env,
    PACT_DO_NOT_TRACK: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env: userEnv(), timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
        resolve({ code, stdout, stderr: `${stderr}${err && typeof err.code !== 'number' ? `\n${err.message}` : ''}` })
      },
    )
  })
}

const tail = (r: Ran) =>
  `exit ${r.code}\n${r.stdout.split('\n').slice(-25).join('\n')}\n${r.stderr.split('\n').slice(-25).join('\n')}`

describe('the packed package, installed outside the repository', () => {
  let project: string
  let tarball: string

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'cvc-user-'))
    const packed = await run('npm', ['pack', '--pack-destination', project, '--silent'], REPO, 240_000)
    expect(packed.code, tail(packed)).toBe(0)
    tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'cvc-user-project', private: true, type: 'module' }),
    )
    const installed = await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', `./${tarball}`],
      project,
      300_000,
    )
    expect(installed.code, tail(installed)).toBe(0)
  }, 600_000)

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true })
  })

  it('ships the build, the committed fixtures and no sources or tests; the bin runs', async () => {
    const pkg = join(project, 'node_modules/connect-views-conformance')
    for (const f of [
      'dist/cli.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/verify-contracts.js',
      'bin/conformance.mjs',
      'fixtures/regressions',
      'contracts/pacts',
      'fixtures/schemas/index.json',
      'src/report/report.schema.json',
      'src/expectations/expectations.schema.json',
    ]) {
      expect(existsSync(join(pkg, f)), f).toBe(true)
    }
    for (const f of ['src/cli.ts', 'test', 'properties', '.github', 'tsconfig.json'])
      expect(existsSync(join(pkg, f)), f).toBe(false)
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(manifest.private).toBeUndefined()
    const version = await run('npx', ['--no-install', 'conformance', '--version'], project, 60_000)
    expect(version.stdout.trim(), tail(version)).toBe(manifest.version)
  })

  it('npx conformance run --target stub --time-budget 10s passes, replaying the shipped regression bundles', async () => {
    const r = await run(
      'npx',
      ['--no-install', 'conformance', 'run', '--target', 'stub', '--time-budget', '10s', '--out', 'out', '--seed', '1'],
      project,
      180_000,
    )
    expect(r.code, tail(r)).toBe(0)
    // exit 0 is the contract; on a loaded machine the budget may leave a property inconclusive, never failed
    expect(r.stdout).toMatch(/RESULT: (PASSED|INCONCLUSIVE)/)
    const report = JSON.parse(readFileSync(join(project, 'out/report.json'), 'utf8')) as {
      targets: { regressions: { verdict: string }[]; properties: { id: string; status: string }[] }[]
    }
    const shipped = readdirSync(join(REPO, 'fixtures/regressions')).filter((f) => f.endsWith('.json')).length
    expect(report.targets[0]!.regressions).toHaveLength(shipped)
    expect(report.targets[0]!.properties.filter((p) => p.status === 'failed')).toEqual([])
    expect(['passed', 'inconclusive']).toContain(
      report.targets[0]!.properties.find((p) => p.id === 'contracts')?.status,
    )
  }, 240_000)

  it('a user file importing the stub by package name type-checks (nodenext) and runs', async () => {
    cpSync(join(REPO, 'fixtures/package-user'), project, { recursive: true })
    const tsc = await run(
      process.execPath,
      [join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'],
      project,
      120_000,
    )
    expect(tsc.code, tail(tsc)).toBe(0)
    const user = await run(process.execPath, ['build/stub-usage.js'], project, 60_000)
    expect(user.code, tail(user)).toBe(0)
    expect(user.stdout).toMatch(/package user checks: 3 passed/)
  }, 240_000)

  // No Docker daemon here: the image's ENTRYPOINT and HEALTHCHECK commands run against the same install
  // instead (the final stage is this tarball installed with --omit=dev).
  it("the Dockerfile's entrypoint serves and its healthcheck command passes", async () => {
    const instructions = DockerfileParser.parse(readFileSync(join(REPO, 'Dockerfile'), 'utf8')).getInstructions()
    const json = (k: string) =>
      JSON.parse(
        instructions
          .filter((i) => i.getKeyword() === k)
          .at(-1)!
          .getArgumentsContent()!
          .replace(/^CMD\s+/, ''),
      ) as string[]
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    // a free port for the fixed 8700, and loopback for 0.0.0.0: test servers never listen beyond this machine
    const withPort = (argv: string[]) =>
      argv.map((a) => (a === '0.0.0.0' ? '127.0.0.1' : a.replaceAll('8700', String(port))))
    const [bin, ...entry] = withPort(json('ENTRYPOINT'))
    expect(bin).toBe('conformance')
    const server = spawn(
      join(project, 'node_modules/.bin/conformance'),
      [...entry, '--instance-id', '0f2a1b3c-1111-4222-8333-444455556666'],
      { cwd: project, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = ''
        server.stdout.on('data', (d: Buffer) => {
          seen += d.toString()
          if (seen.includes('listening on')) resolve()
        })
        server.on('exit', () => reject(new Error(`serve exited: ${seen}`)))
      })
      const [cmd, ...args] = withPort(json('HEALTHCHECK'))
      const probe = await run(cmd === 'node' ? process.execPath : cmd!, args, project, 30_000)
      expect(probe.code, tail(probe)).toBe(0)
    } finally {
      server.kill('SIGTERM')
    }
  }, 60_000)
})
