// Usage and configuration errors exit 2 with exactly one readable line on stderr and nothing else;
// a target that does not answer exits 3. (0 and 1 are covered by run.test.ts; the remaining value checks
// run in process in config.test.ts, since every subprocess costs seconds of startup.) The first case of each
// code runs the real process; the others call the CLI's main in this process, which returns the code the
// process exits with and writes the same lines.
import { describe, expect, it } from 'vitest'
import { runCli, runCliInProcess, tempDir } from './support/cli'

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean)
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^conformance: /)
  return lines[0]!
}

describe.concurrent('exit 2: usage and configuration errors', () => {
  const cases: [string, string[], RegExp, Record<string, string>?][] = [
    ['an unknown flag', ['run', '--bogus'], /unknown option '--bogus'/],
    ['a shard index above the count', ['run', '--shard', '3/2'], /--shard: "3\/2" is not a shard i\/n/],
    ['aws without an instance id', ['run', '--target', 'aws'], /aws target needs an instance id/],
    ['an unknown property', ['run', '--only', 'nope'], /unknown property "nope" \(known: coverage-plan, immutability/],
    [
      '--quirk with a non-stub target',
      ['run', '--target', 'http://127.0.0.1:9', '--quirk', 'checksum-not-checked'],
      /quirks switch deviations on in the embedded stub only/,
    ],
    ['an unknown subcommand', ['frobnicate'], /unknown command 'frobnicate'/],
    [
      'an --out folder that cannot be created',
      ['run', '--out', 'package.json/out'],
      /--out package\.json\/out: cannot create the report folder \(ENOTDIR\)/,
    ],
    ['a bad env value', ['run'], /CONFORMANCE_SEED: "x1" is not an integer/, { CONFORMANCE_SEED: 'x1' }],
    [
      'a rate that is not a number',
      ['run', '--target', 'http://127.0.0.1:9'],
      /^conformance: CONFORMANCE_TPS: "abc" is not a positive number$/,
      { CONFORMANCE_TPS: 'abc' },
    ],
  ]
  for (const [i, [what, args, message, env = {}]] of cases.entries()) {
    it(what, async () => {
      // --out: should a case wrongly start a run, its reports must not land in the repository
      const cli = i === 0 ? runCli : runCliInProcess
      const r = await cli(args[0] === 'run' && !args.includes('--out') ? [...args, '--out', tempDir()] : args, {
        env,
      })
      expect(oneLine(r.stderr)).toMatch(message)
      expect(r.stdout).toBe('')
      expect(r.code).toBe(2)
    })
  }
})

describe.concurrent('exit 3: target unreachable', () => {
  it('run against a URL where nothing listens', async () => {
    const out = tempDir()
    const r = await runCli(['run', '--target', 'http://127.0.0.1:9', '--out', out])
    expect(oneLine(r.stderr)).toMatch(/endpoint http:\/\/127\.0\.0\.1:9 is unreachable: .*ECONNREFUSED/)
    expect(r.code).toBe(3)
  })
  it('sweep against a URL where nothing listens', async () => {
    const r = await runCliInProcess(['sweep', '--target', 'http://127.0.0.1:9'])
    expect(oneLine(r.stderr)).toMatch(/unreachable/)
    expect(r.code).toBe(3)
  })
})
