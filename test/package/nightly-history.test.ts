// The nightly loop outside the harness itself: the composite action's `expectations:` input (its run step
// executed as the runner would, against the stub), and the nightly's history step executed for real against a
// throw-away origin repository — two nights and a re-run of the second leave two reports on the data branch
// (a re-run replaces its night, never adds one) and a history page; the step summary links the page.
import { execFile } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO, tempDir } from '../cli/support/cli'
import { fixture } from '../report/fixtures'

type Step = { id?: string; name?: string; run?: string; uses?: string; env?: Record<string, string>; if?: string }
type Job = { steps: Step[]; permissions?: Record<string, string> }

function sh(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { env, cwd, timeout: 180_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr }),
    )
  })
}

/** The environment of a runner step: no CONFORMANCE_*, AWS_* or npm_* of the developer's shell. */
function runnerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^(CONFORMANCE_|AWS_|npm_)/.test(k)) env[k] = v
  return { ...env, ...extra }
}

describe('the action: expectations input', () => {
  const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
    runs: { steps: Step[] }
  }
  const step = action.runs.steps.find((s) => s.id === 'run')!

  async function runStep(inputs: Record<string, string>): Promise<string> {
    const work = tempDir('cvc-action-expect-')
    const all = {
      ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])),
      ...inputs,
    }
    const env: Record<string, string> = { GITHUB_OUTPUT: join(work, 'output'), GITHUB_RUN_ID: '99' }
    for (const [k, v] of Object.entries(step.env!))
      env[k] = v
        .replace(/\$\{\{ inputs\.([a-z-]+) \}\}/g, (_m, name: string) => all[name] ?? '')
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, replaced as written
        .replace('${{ github.action_path }}', REPO)
    env.CVC_OUT = join(work, 'out')
    const r = await sh(step.run!, runnerEnv(env), work)
    expect(r.code, r.out).toBe(0)
    return /exit-code=(\d+)/.exec(readFileSync(join(work, 'output'), 'utf8'))![1]!
  }

  it('a known failure that now passes fails the step, unless allow-unexpected-pass', async () => {
    const file = join(tempDir('cvc-action-file-'), 'stub.expectations.json')
    writeFileSync(
      file,
      '{\n  "format": "connect-views-conformance/expectations@1",\n  "expectations": [\n    { "notImplemented": "SearchViews", "expected": "FAIL", "reason": "not yet" }\n  ]\n}\n',
    )
    const base = { target: 'stub', 'time-budget': '3s', expectations: file }
    // two independent runs (each its own folder), mostly waiting on the CLI: side by side
    const [strict, allowed] = await Promise.all([runStep(base), runStep({ ...base, 'allow-unexpected-pass': 'true' })])
    expect(strict).toBe('1')
    expect(allowed).toBe('0')
  }, 240_000)
})

describe('the nightly: history on a data branch', () => {
  const nightly = parse(readFileSync(join(REPO, '.github/workflows/nightly.yml'), 'utf8')) as {
    jobs: Record<string, Job>
  }
  const merge = nightly.jobs.matrix!
  const history = merge.steps.find((s) => s.id === 'history')!
  const summary = merge.steps.find((s) => s.name === 'History in the job summary')!

  it('only the merge job may write, and its summary links the uploaded page', () => {
    expect(merge.permissions).toEqual({ contents: 'write' })
    for (const [name, job] of Object.entries(nightly.jobs))
      if (name !== 'matrix') expect(job.permissions?.contents ?? 'read', name).toBe('read')
    const upload = merge.steps.find((s) => s.id === 'history-page')!
    expect(upload.uses).toMatch(/^actions\/upload-artifact@/)
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, compared as written
    expect(summary.env!.PAGE_URL).toBe('${{ steps.history-page.outputs.artifact-url }}')
    expect(summary.run).toContain('$GITHUB_STEP_SUMMARY')
    const emulator = nightly.jobs.conformance!.steps.find((s) => s.name === 'Expectations')!
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, compared as written
    expect(emulator.env!.EXPECTATIONS).toBe('${{ inputs.expectations || vars.EMULATOR_EXPECTATIONS }}')
    expect(emulator.run).toContain('CONFORMANCE_EXPECTATIONS=')
  })

  it('two nights and a re-run of the second: two reports on the branch, one page', async () => {
    const root = tempDir('cvc-nightly-')
    const git = (args: string, cwd = root) => sh(`git ${args}`, runnerEnv({ HOME: root }), cwd)
    await git('init -q --bare origin.git')
    await git(`clone -q ${join(root, 'origin.git')} work`)
    const work = join(root, 'work')
    await sh(
      'git -c user.name=t -c user.email=t@t commit -q --allow-empty -m main && git push -q origin HEAD:main',
      runnerEnv({ HOME: root }),
      work,
    )
    // `npx conformance …` as the runner has it after npm ci: this repository's CLI
    const bin = join(root, 'bin')
    mkdirSync(bin)
    writeFileSync(
      join(bin, 'npx'),
      `#!/bin/sh\n[ "$1" = conformance ] && shift\nexec "${process.execPath}" "${join(REPO, 'bin/conformance.mjs')}" "$@"\n`,
    )
    chmodSync(join(bin, 'npx'), 0o755)
    const night = async (runId: string, day: string, attempt: string) => {
      const report = fixture('clean')
      report.targets[0]!.startedAt = `${day}T03:23:00.000Z`
      mkdirSync(join(work, 'out/merged'), { recursive: true })
      writeFileSync(join(work, 'out/merged/report.json'), JSON.stringify(report))
      await sh('rm -rf out/history; git worktree remove --force history 2>/dev/null || true', runnerEnv({}), work)
      const output = join(root, `output-${runId}-${attempt}`)
      const r = await sh(
        history.run!,
        runnerEnv({
          HOME: root,
          PATH: `${bin}:${process.env.PATH}`,
          NODE_OPTIONS: '',
          GITHUB_RUN_ID: runId,
          GITHUB_RUN_ATTEMPT: attempt,
          GITHUB_OUTPUT: output,
        }),
        work,
      )
      expect(r.code, r.out).toBe(0)
      expect(readFileSync(output, 'utf8')).toContain('page=true')
      return r.out
    }
    await night('1001', '2026-11-01', '1')
    await night('1002', '2026-11-02', '1')
    const rerun = await night('1002', '2026-11-02', '2')
    expect(rerun).toContain('2 runs of 1 target over 2 nights')
    await git(`clone -q -b conformance-history ${join(root, 'origin.git')} check`)
    expect(readdirSync(join(root, 'check/reports')).sort()).toEqual(['1001.json', '1002.json'])
    expect(existsSync(join(root, 'check/history.html'))).toBe(true)
    expect(readFileSync(join(work, 'out/history/history.html'), 'utf8')).toContain('Conformance score over time')
  }, 240_000)
})
