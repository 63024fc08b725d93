// Runs the real CLI as a subprocess (node --import tsx src/cli.ts …), the way CI and users run it, with an
// environment scrubbed of CONFORMANCE_* and AWS_* settings so the developer's shell cannot change a verdict.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'

export const REPO = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('CONFORMANCE_') || k.startsWith('AWS_')) continue
    env[k] = v
  }
  // no shared credentials files either: "aws without configuration" must mean exactly that
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  }
}

export function spawnCli(args: readonly string[], opts: { env?: Record<string, string> } = {}): ChildProcess {
  // Runs replay the committed fixtures/regressions by default; tests that count cases and failures must not
  // depend on what is committed there (nor on committed recordings), so they get none unless they name a folder.
  const isolated =
    args[0] !== 'run'
      ? args
      : [
          ...args,
          ...(args.includes('--regressions') ? [] : ['--regressions', join(REPO, 'test/cli/no-regressions')]),
          ...(args.includes('--recordings') ? [] : ['--recordings', join(REPO, 'test/cli/no-recordings')]),
        ]
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...isolated], {
    cwd: REPO,
    env: cleanEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export function collect(child: ChildProcess, timeoutMs = 45_000): Promise<CliResult> {
  const started = Date.now()
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString()
  })
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`CLI timed out after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, timeoutMs)
    child.on('error', fail)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      done({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })
}

export function runCli(
  args: readonly string[],
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  return collect(spawnCli(args, opts), opts.timeoutMs)
}

const made: string[] = []
// Registered while the importing test file is collected, so it runs once that file is done: keeps /tmp
// from filling up with report folders.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export function tempDir(prefix = 'cvc-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A free TCP port on loopback (for servers that must be told one, like moto's). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export interface Serving {
  url: string
  child: ChildProcess
  done: Promise<CliResult>
}

/** Starts `conformance serve` with these flags on a free port; resolves with its URL once it listens. */
export async function serveCli(flags: readonly string[], timeoutMs = 120_000): Promise<Serving> {
  const child = spawnCli(['serve', '--port', '0', ...flags])
  const done = collect(child, timeoutMs)
  const url = await new Promise<string>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(seen)
      if (m) resolve(m[1]!)
    })
    child.on('exit', () => reject(new Error(`serve exited early: ${seen}`)))
  })
  return { url, child, done }
}
