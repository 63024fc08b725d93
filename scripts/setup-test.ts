// `npm run setup:test`: installs what a few tests need from outside the lockfile, so that `npm test` itself
// never installs or downloads anything (.ci/run runs this once, after `npm ci`):
// - Chromium for the HTML report's browser test: Debian's `chromium` package through apt-get, only when it
//   is absent (as root, or through sudo where that needs no password); elsewhere it says what to install.
// - the real older @aws-sdk/client-connect release the SDK gate test compares with the pinned one, installed
//   the way `conformance sdk-diff` installs a candidate (from npm's cache when it is there, else the registry)
//   into the gate's folder in the OS temp dir, where the test finds it.
// Both steps do nothing when their prerequisite is already there. Exit 1 names what is still missing.
import { spawnSync } from 'node:child_process'
import { installCandidate } from '../src/sdk-gate/candidate-install'
import { CHROMIUM_PATH, chromiumMissing, REAL_CANDIDATE } from '../test/support/prerequisites'

function say(line: string): void {
  process.stdout.write(`setup:test: ${line}\n`)
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

/** apt-get as root, or through passwordless sudo; undefined when neither is possible here. */
function aptGet(): string[] | undefined {
  if (!has('apt-get')) return undefined
  if (process.getuid?.() === 0) return ['apt-get']
  if (has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0)
    return ['sudo', '-n', 'apt-get']
  return undefined
}

function installChromium(): string | undefined {
  if (!chromiumMissing()) {
    say(`Chromium: ${CHROMIUM_PATH} is there`)
    return undefined
  }
  const apt = aptGet()
  if (!apt || process.env.CHROMIUM_PATH)
    return `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary`
  say("Chromium: installing Debian's chromium package (apt-get)")
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const [cmd, ...pre] = apt
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const r = spawnSync(cmd!, [...pre, ...args], { stdio: 'inherit', env })
    if (r.status !== 0) return `apt-get ${args[0]} failed (exit ${r.status ?? r.signal})`
  }
  return chromiumMissing()
}

async function installSdkCandidate(): Promise<string | undefined> {
  try {
    const c = await installCandidate(REAL_CANDIDATE, { log: (line) => say(line) })
    if (!c.reused) say(`SDK gate candidate: @aws-sdk/client-connect@${c.version} installed in ${c.dir}`)
    return undefined
  } catch (e) {
    return (e as Error).message
  }
}

const missing = [installChromium(), await installSdkCandidate()].filter((m): m is string => !!m)
for (const m of missing) process.stderr.write(`setup:test: ${m}\n`)
process.exitCode = missing.length ? 1 : 0
