// Installs a candidate @aws-sdk/client-connect side by side, under an npm alias, in a folder of the OS temp
// dir, never in the project (its lockfile and node_modules stay untouched). The folder lies outside the
// project tree on purpose: Node's resolution walks up parent folders, and a candidate installed inside the
// project could silently pick up the pinned @smithy/* packages for anything its own install lacks.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSdkFrom, type SdkUnderTest } from './sdk-under-test'

export const CANDIDATE_ALIAS = 'client-connect-candidate'
export const SDK_PACKAGE = '@aws-sdk/client-connect'

/** The candidate cannot be fetched or loaded: the gate exits 2 with this one-line message. */
export class CandidateUnavailableError extends Error {
  override readonly name = 'CandidateUnavailableError'
}

export interface InstallOptions {
  /** Parent folder of the per-version install folders. Default `<os tmpdir>/connect-views-sdk-gate`. */
  readonly root?: string
  /** Reinstall even when a complete install of this spec exists. */
  readonly fresh?: boolean
  readonly npmCommand?: string
  readonly log?: (line: string) => void
}

export interface InstalledCandidate {
  readonly spec: string
  /** Resolved version (a dist-tag or range resolves to one). */
  readonly version: string
  /** The --prefix folder. */
  readonly dir: string
  readonly reused: boolean
}

const MARKER = '.gate-install.json'

/**
 * Version, range or dist-tag. No ':' or '/', so npm cannot read it as a git, file or URL spec; the
 * arguments go to execFile without a shell either way.
 */
export function checkVersionSpec(spec: string): string {
  const s = spec.trim()
  if (!/^[A-Za-z0-9.^~<>=|*+ -]{1,64}$/.test(s))
    throw new CandidateUnavailableError(`invalid candidate version "${spec}" (expected e.g. 3.1108.0)`)
  return s
}

function folderName(spec: string): string {
  return spec.replace(/[^A-Za-z0-9.-]/g, '_')
}

interface NpmResult {
  code: number
  stdout: string
  stderr: string
}

function runNpm(npm: string, args: string[], cwd: string): Promise<NpmResult> {
  return new Promise((resolve) => {
    execFile(
      npm,
      args,
      {
        cwd,
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, npm_config_update_notifier: 'false' },
      },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && !stderr ? err.message : '') })
      },
    )
  })
}

/** One line explaining an npm failure, from npm's `npm error code X` output. */
export function explainNpmFailure(spec: string, stderr: string): string {
  const code = /npm (?:error|ERR!) code (\w+)/.exec(stderr)?.[1]
  const target = `${SDK_PACKAGE}@${spec}`
  switch (code) {
    case 'ETARGET':
      return `cannot fetch ${target}: no such version on the registry`
    case 'E404':
      return `cannot fetch ${target}: package or version not found (404)`
    case 'ENOTCACHED':
      return `cannot fetch ${target}: not in the npm cache and the registry cannot be reached (offline)`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'ETIMEDOUT':
      return `cannot fetch ${target}: registry unreachable (${code}) and the package is not in the npm cache`
    case 'EBADENGINE':
      return `cannot install ${target}: it does not support Node ${process.version} (EBADENGINE)`
    default: {
      const line = stderr.split('\n').find((l) => /npm (error|ERR!)/.test(l) && !/A complete log/.test(l))
      return `cannot fetch ${target}: ${line?.replace(/^npm (error|ERR!)\s*/, '') ?? 'npm install failed'}`
    }
  }
}

function installDir(spec: string, root: string | undefined): string {
  return join(root ?? join(tmpdir(), 'connect-views-sdk-gate'), folderName(spec))
}

/** A complete earlier install of this spec (no npm, no network), or undefined. */
export function installedCandidate(specInput: string, root?: string): InstalledCandidate | undefined {
  const spec = checkVersionSpec(specInput)
  const dir = installDir(spec, root)
  const marker = join(dir, MARKER)
  if (!existsSync(marker) || !existsSync(join(dir, 'node_modules', CANDIDATE_ALIAS, 'package.json'))) return undefined
  const m = JSON.parse(readFileSync(marker, 'utf8')) as { version: string }
  return { spec, version: m.version, dir, reused: true }
}

/**
 * Installs (or reuses) `client-connect-candidate@npm:@aws-sdk/client-connect@<spec>`. `--prefer-offline`
 * answers from the npm cache without revalidating, so a cached candidate installs with no network;
 * only a cache miss goes to the registry.
 */
export async function installCandidate(specInput: string, options: InstallOptions = {}): Promise<InstalledCandidate> {
  const spec = checkVersionSpec(specInput)
  const log = options.log ?? (() => {})
  const dir = installDir(spec, options.root)
  const marker = join(dir, MARKER)
  const existing = options.fresh ? undefined : installedCandidate(spec, options.root)
  if (existing) {
    log(`reusing ${SDK_PACKAGE}@${existing.version} in ${dir}`)
    return existing
  }
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  // A package.json of its own stops npm from walking up to some parent project.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-gate-candidate', private: true }) + '\n')
  const args = (preferOffline: boolean) => [
    'install',
    '--prefix',
    dir,
    '--no-save',
    '--no-package-lock',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    // npm's default (2 retries, up to 60 s apart) makes an offline failure take minutes; one quick retry is plenty
    '--fetch-retries=1',
    '--fetch-retry-mintimeout=1000',
    '--fetch-retry-maxtimeout=2000',
    ...(preferOffline ? ['--prefer-offline'] : []),
    '--loglevel=error',
    `${CANDIDATE_ALIAS}@npm:${SDK_PACKAGE}@${spec}`,
  ]
  const npm = options.npmCommand ?? 'npm'
  log(`npm ${args(true).join(' ')}`)
  let res = await runNpm(npm, args(true), dir)
  if (res.code !== 0 && /npm (?:error|ERR!) code ETARGET/.test(res.stderr)) {
    // The cached packument may predate the version asked for (prefer-offline does not revalidate it): ask
    // the registry once. Other failures (unreachable registry, 404) would only repeat.
    log(`npm failed with --prefer-offline (${explainNpmFailure(spec, res.stderr)}); retrying online`)
    res = await runNpm(npm, args(false), dir)
  }
  if (res.code !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new CandidateUnavailableError(explainNpmFailure(spec, res.stderr))
  }
  const pkgPath = join(dir, 'node_modules', CANDIDATE_ALIAS, 'package.json')
  if (!existsSync(pkgPath))
    throw new CandidateUnavailableError(`cannot fetch ${SDK_PACKAGE}@${spec}: npm succeeded but ${pkgPath} is missing`)
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version
  writeFileSync(marker, JSON.stringify({ spec, version }) + '\n')
  return { spec, version, dir, reused: false }
}

/** Loads an installed candidate; a load failure (e.g. a release that needs a newer Node) is CandidateUnavailableError. */
export function loadCandidate(installed: InstalledCandidate, label = 'candidate'): SdkUnderTest {
  try {
    return loadSdkFrom(installed.dir, CANDIDATE_ALIAS, label)
  } catch (e) {
    throw new CandidateUnavailableError(
      `cannot load ${SDK_PACKAGE}@${installed.version} from ${installed.dir}: ${(e as Error).message.split('\n')[0]}`,
    )
  }
}
