// Runs the real CLI as a subprocess (node --import tsx src/cli.ts …), the way CI and users run it, with an
// environment scrubbed of CONFORMANCE_* and AWS_* settings so the developer's shell cannot change a verdict.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/**
 * Runs replay the committed fixtures/regressions by default; tests that count cases and failures must not
 * depend on what is committed there (nor on committed recordings), so they get none unless they name a folder.
 */
function withoutCommittedInputs(args: readonly string[]): readonly string[] {
  return args[0] !== 'run'
    ? args
    : [
        ...args,
        ...(args.includes('--regressions') ? [] : ['--regressions', join(REPO, 'test/cli/no-regressions')]),
        ...(args.includes('--recordings') ? [] : ['--recordings', join(REPO, 'test/cli/no-recordings')]),
      ]
}

export function spawnCli(args: readonly string[], opts: { env?: Record<string, string> } = {}): ChildProcess {
  const isolated = withoutCommittedInputs(args)
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

let inProcessQueue: Promise<unknown> = Promise.resolve()

/**
 * The CLI's own main (src/cli/main.ts) in this process, with the same scrubbed environment and inputs as
 * runCli: the exit code main returns and what it writes, without a subprocess's seconds of startup. For the
 * answers that need no process of their own (usage errors, refusals); that src/cli.ts exits with main's code
 * is what runCli's tests show. Calls run one at a time, since stdout, stderr and the env are the process's.
 */
export function runCliInProcess(
  args: readonly string[],
  // timeoutMs as runCli takes it, unused: the test's own timeout bounds a call in this process
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const call = inProcessQueue.then(() => callMain(args, opts.env ?? {}))
  inProcessQueue = call.catch(() => undefined)
  return call
}

async function callMain(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const { main } = await import('../../../src/cli/main')
  const started = Date.now()
  const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write }
  let stdout = ''
  let stderr = ''
  // what src/cli/main.ts sets once, when a process first imports it
  const silenced = saved.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED
  process.env = {
    ...cleanEnv(env),
    ...(silenced ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: silenced } : {}),
  }
  process.stdout.write = ((s: string | Uint8Array) => {
    stdout += String(s)
    return true
  }) as typeof process.stdout.write
  process.stderr.write = ((s: string | Uint8Array) => {
    stderr += String(s)
    return true
  }) as typeof process.stderr.write
  try {
    const code = await main(['node', 'conformance', ...withoutCommittedInputs(args)])
    return { code, signal: null, stdout, stderr, ms: Date.now() - started }
  } finally {
    process.env = saved.env
    process.stdout.write = saved.out
    process.stderr.write = saved.err
  }
}

/** Folders tempDir made; test/support/temp-dirs.ts removes them after each test file. */
export const madeTempDirs: string[] = []

export function tempDir(prefix = 'cvc-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  madeTempDirs.push(dir)
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
