// The files other people's CI runs: the GitHub workflows and the composite action are validated against
// GitHub's schemas (@action-validator/core; actionlint is packaged for neither npm nor Debian here) and
// checked for the rules that make re-runs safe; the Dockerfile is parsed (dockerfile-ast; no hadolint here,
// and no Docker daemon, so the image itself is not built by this suite) and checked for a small base,
// a non-root user, a HEALTHCHECK on the readiness route and a consistent port. The action's run step and the
// emulator-instance script are executed for real (the latter against moto where it is installed).
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validateAction, validateWorkflow, type ValidationState } from '@action-validator/core'
import { DockerfileParser } from 'dockerfile-ast'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { HEALTH_PATH } from '../../src/stub'
import { freePort, REPO } from '../cli/support/cli'

type Step = {
  uses?: string
  run?: string
  name?: string
  id?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
type Workflow = { jobs: Record<string, { steps: Step[]; strategy?: { matrix?: Record<string, unknown[]> } }> }

const WORKFLOWS = join(REPO, '.github/workflows')
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))
const text = (f: string) => readFileSync(f, 'utf8')
const problems = (s: ValidationState) => JSON.stringify(s.errors, null, 1)
const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? [])
const globToRegExp = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)

describe('GitHub workflows and the composite action', () => {
  it.each(workflowFiles)('%s is a valid workflow', (f) => {
    const state = validateWorkflow(text(join(WORKFLOWS, f)))
    expect(state.errors, problems(state)).toEqual([])
  })

  it('action.yml is a valid action', () => {
    const state = validateAction(text(join(REPO, 'action.yml')))
    expect(state.errors, problems(state)).toEqual([])
  })

  it('the schema check does catch a broken workflow (so a pass means something)', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n').errors).not.toEqual(
      [],
    )
  })

  it('every artifact upload survives "re-run failed jobs" (overwrite: true)', () => {
    const uploads = [
      ...workflowFiles.map((f) => parse(text(join(WORKFLOWS, f))) as Workflow).flatMap(allSteps),
      ...(parse(text(join(REPO, 'action.yml'))) as { runs: { steps: Step[] } }).runs.steps,
    ].filter((s) => s.uses?.startsWith('actions/upload-artifact'))
    expect(uploads.length).toBeGreaterThan(4)
    for (const s of uploads) expect(s.with?.overwrite, String(s.with?.name)).toBe(true)
  })

  it('the nightly merge downloads shard reports only, never a merged matrix', () => {
    const w = parse(text(join(WORKFLOWS, 'nightly.yml'))) as Workflow
    const names = allSteps(w)
      .filter((s) => s.uses?.startsWith('actions/upload-artifact'))
      .map((s) => String(s.with!.name))
    const downloads = allSteps(w).filter((s) => s.uses?.startsWith('actions/download-artifact'))
    expect(downloads).toHaveLength(1)
    const pattern = globToRegExp(String(downloads[0]!.with!.pattern))
    expect(names.filter((n) => pattern.test(n))).toEqual(names.filter((n) => n.startsWith('shard-')))
    expect(names).toContain('conformance-matrix')
    expect(pattern.test('conformance-matrix')).toBe(false)
  })

  it('the emulator column creates a Connect instance through the emulator when none is named', () => {
    const nightly = text(join(WORKFLOWS, 'nightly.yml'))
    expect(nightly).toContain('bash .github/scripts/create-emulator-instance.sh "$url"')
    expect(nightly).toMatch(/CONFORMANCE_INSTANCE_ID=\$\(bash \.github\/scripts\/create-emulator-instance\.sh/)
  })

  it('the test suite runs on Node 20 and 22', () => {
    const ci = parse(text(join(WORKFLOWS, 'ci.yml'))) as Workflow
    expect(ci.jobs.test!.strategy!.matrix!.node).toEqual(['20', '22'])
    expect(allSteps(ci).some((s) => s.run === 'bash .ci/run')).toBe(true)
  })
})

describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(text(join(REPO, 'Dockerfile')))
  const froms = dockerfile.getFROMs()
  const final = dockerfile
    .getInstructions()
    .filter((i) => i.getRange().start.line >= froms.at(-1)!.getRange().start.line)
  const of = (keyword: string) => final.filter((i) => i.getKeyword() === keyword)
  const args = (keyword: string) => of(keyword).map((i) => i.getArgumentsContent() ?? '')

  it('builds on small, pinned base images', () => {
    for (const f of froms) {
      expect(f.getImageTag(), f.getImageName() ?? '').toMatch(/^\d+(\.\d+)*-(bookworm-slim|slim|alpine)/)
    }
  })

  it('runs as a non-root user in the final stage', () => {
    const users = args('USER')
    expect(users.length).toBeGreaterThan(0)
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/)
    const userLine = of('USER').at(-1)!.getRange().start.line
    expect(of('ENTRYPOINT')[0]!.getRange().start.line).toBeGreaterThan(userLine)
  })

  it('serves on the exposed port and health-checks the readiness route on it', () => {
    const [port] = args('EXPOSE')
    const entrypoint = JSON.parse(args('ENTRYPOINT')[0]!) as string[]
    expect(entrypoint.slice(0, 2)).toEqual(['conformance', 'serve'])
    expect(entrypoint[entrypoint.indexOf('--port') + 1]).toBe(port)
    expect(entrypoint[entrypoint.indexOf('--host') + 1]).toBe('0.0.0.0')
    expect(args('HEALTHCHECK')[0]).toContain(`http://127.0.0.1:${port}${HEALTH_PATH}`)
  })

  it('copies only files that exist, and .dockerignore keeps what the build needs', () => {
    for (const c of dockerfile.getCOPYs().filter((c) => !c.getFromFlag())) {
      for (const src of c.getArgumentsContent()!.split(/\s+/).slice(0, -1))
        expect(existsSync(join(REPO, src)), src).toBe(true)
    }
    const ignored = text(join(REPO, '.dockerignore'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'out']))
    for (const needed of [
      'src',
      'scripts',
      'fixtures',
      'contracts',
      'bin',
      'tsup.config.ts',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
    ]) {
      expect(ignored, needed).not.toContain(needed)
    }
  })
})

function bash(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', script, 'step', ...args], { env, cwd: REPO, timeout: timeoutMs }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    )
  })
}

describe('the action and the emulator script, executed', () => {
  const action = parse(text(join(REPO, 'action.yml'))) as { runs: { steps: Step[] } }
  const step = (id: string) => action.runs.steps.find((s) => s.id === id || s.name === id)!
  const baseEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {}
    for (const [k, v] of Object.entries(process.env)) if (!/^(CONFORMANCE_|AWS_|npm_)/.test(k)) env[k] = v
    return env
  }

  /** Runs the action's "Conformance run" step as the runner would: its env with the inputs filled in. */
  async function runStep(inputs: Record<string, string>) {
    const work = mkdtempSync(join(tmpdir(), 'cvc-action-'))
    const output = join(work, 'github-output')
    const s = step('run')
    const env: NodeJS.ProcessEnv = { ...baseEnv(), GITHUB_OUTPUT: output, GITHUB_RUN_ID: '1234' }
    for (const [k, v] of Object.entries(s.env!)) {
      env[k] = v
        .replace(/\$\{\{ inputs\.([a-z-]+) \}\}/g, (_m, name: string) => inputs[name] ?? '')
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, replaced as written
        .replace('${{ github.action_path }}', REPO)
    }
    const r = await bash(s.run!, [], env)
    const outputs = Object.fromEntries(
      text(output)
        .trim()
        .split('\n')
        .map((l) => l.split('=', 2) as [string, string]),
    )
    return { r, outputs, work }
  }

  const defaults = (over: Record<string, string>) => {
    const inputs = (parse(text(join(REPO, 'action.yml'))) as { inputs: Record<string, { default?: string }> }).inputs
    return { ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.default ?? ''])), ...over }
  }

  it('the run step reports exit 0 and the report path for a passing target, and the verdict step turns the code into the step status', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cvc-action-out-'))
    try {
      const { r, outputs } = await runStep(defaults({ target: 'stub', 'time-budget': '3s', out: work }))
      expect(r.code, r.stderr).toBe(0)
      expect(outputs).toEqual({ 'exit-code': '0', report: `${work}/report.json` })
      expect(existsSync(join(work, 'matrix.md'))).toBe(true)
      const verdict = step('Verdict')
      expect((await bash(verdict.run!, [], { ...baseEnv(), CVC_CODE: '0' })).code).toBe(0)
      expect((await bash(verdict.run!, [], { ...baseEnv(), CVC_CODE: '1' })).code).toBe(1)
      expect((await bash(verdict.run!, [], { ...baseEnv(), CVC_CODE: '' })).code).toBe(4)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }, 120_000)

  it('an unreachable target gives exit code 3 as the output (the step itself goes on to the summary and upload)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cvc-action-out-'))
    try {
      const { r, outputs } = await runStep(
        defaults({ target: `http://127.0.0.1:${await freePort()}`, 'time-budget': '3s', out: work }),
      )
      expect(r.code).toBe(0)
      expect(outputs['exit-code']).toBe('3')
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }, 120_000)

  const noMoto =
    spawnSync(process.env.PYTHON ?? 'python3', ['-c', 'import moto.server'], { encoding: 'utf8' }).status !== 0
  const noAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status !== 0
  if (noMoto || noAws)
    console.warn(
      `ci-files: create-emulator-instance.sh not executed (${noMoto ? 'python3 -c "import moto.server" failed' : 'no aws CLI'})`,
    )

  it.skipIf(noMoto || noAws)(
    'create-emulator-instance.sh creates an instance in moto and prints its id',
    async () => {
      const port = await freePort()
      const moto = execFile(
        process.env.PYTHON ?? 'python3',
        ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
        { env: baseEnv() },
      )
      try {
        const url = `http://127.0.0.1:${port}`
        for (let i = 0; i < 100; i++) {
          if (
            await fetch(`${url}/moto-api/`).then(
              () => true,
              () => false,
            )
          )
            break
          await new Promise((r) => setTimeout(r, 200))
        }
        const script = text(join(REPO, '.github/scripts/create-emulator-instance.sh'))
        const made = await bash(script, [url, 'cvc-test'], baseEnv())
        expect(made.code, made.stderr).toBe(0)
        const id = made.stdout.trim()
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
        const described = await bash(
          'aws connect describe-instance --endpoint-url "$1" --instance-id "$2" --query Instance.InstanceAlias --output text',
          [url, id],
          {
            ...baseEnv(),
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          },
        )
        expect(described.stdout.trim(), described.stderr).toBe('cvc-test')
        const refused = await bash(script, [`http://127.0.0.1:${await freePort()}`], {
          ...baseEnv(),
          AWS_MAX_ATTEMPTS: '1',
        })
        expect(refused.code).toBe(1)
        expect(refused.stderr).toMatch(/^create-emulator-instance: .* did not create a Connect instance/)
      } finally {
        moto.kill('SIGTERM')
      }
    },
    120_000,
  )
})
