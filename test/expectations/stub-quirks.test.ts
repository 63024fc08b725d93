// The emulator author's loop, end to end through the CLI, on our own stub with planted bugs: a baseline written
// from a run with one bug (seed 7); then, on another seed (keys hold across seeds), the bug still there passes
// (exit 0, "0 unexpected"); the bug fixed is an unexpected pass naming the lines to delete (exit 1); a second
// bug added is an unexpected failure naming only the new cause (exit 1). The bugs: a stale checksum accepted
// (R12 on CreateViewVersion) and versions listed lowest first (R18 on ListViewVersions), both caught
// deterministically by the fixed coverage plan and by their own properties whatever the seed.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { runCli, runCliInProcess, tempDir, type CliResult } from '../cli/support/cli'

const ONLY = ['--only', 'coverage-plan', 'checksum-conflict', 'pagination']
const FIRST = 'checksum-not-checked'
const SECOND = 'list-versions-ascending'

/** The baseline run is a real process; the later runs, on the embedded stub, call the CLI's main in this one. */
async function run(
  out: string,
  seed: number,
  quirks: string[],
  file?: string,
  cli = runCliInProcess,
): Promise<CliResult> {
  return cli(
    [
      'run',
      '--target',
      'stub',
      '--seed',
      String(seed),
      ...ONLY,
      ...(quirks.length ? ['--quirk', ...quirks] : []),
      '--report',
      'json',
      '--out',
      out,
      ...(file ? ['--expectations', file] : []),
    ],
    { timeoutMs: 120_000 },
  )
}

const reportOf = (out: string) =>
  (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!

describe('expectations on the stub with planted bugs', () => {
  const dir = tempDir('cvc-expect-')
  const file = join(dir, 'stub.expectations.json')
  let written: CliResult
  beforeAll(async () => {
    const baseline = await run(join(dir, 'baseline'), 7, [FIRST], undefined, runCli)
    expect(baseline.code, baseline.stderr).toBe(1)
    written = await runCliInProcess(['expectations', 'write', join(dir, 'baseline', 'report.json'), '--out', file])
  }, 180_000)

  it('writes the baseline: the first bug, keyed by property, rule and operation, one entry per line', () => {
    expect(written.code, written.stderr).toBe(0)
    expect(written.stdout).toContain(`wrote ${file}`)
    const lines = readFileSync(file, 'utf8').split('\n')
    const entries = lines.filter((l) => l.trim().startsWith('{ "'))
    expect(entries).toEqual([
      expect.stringMatching(
        /^ {4}\{ "property": "coverage-plan", "rule": "R12", "operation": "CreateViewVersion", "expected": "FAIL", "reason": ".+" \},$/,
      ),
      expect.stringMatching(
        /^ {4}\{ "property": "checksum-conflict", "rule": "R12", "operation": "CreateViewVersion", "expected": "FAIL", "reason": ".+" \}$/,
      ),
    ])
    expect(readFileSync(file, 'utf8')).not.toContain('seed 8')
  })

  it('the same bug on another seed: exit 0, 0 unexpected', async () => {
    const out = join(dir, 'same')
    const r = await run(out, 8, [FIRST], file)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Expectations: 0 unexpected: \d+ expected, 0 unexpected failures, 0 unexpected passes/)
    expect(r.stdout).toContain('RESULT: AS EXPECTED — 0 unexpected')
    expect(reportOf(out).expectations!.expected).toBeGreaterThan(0)
  }, 120_000)

  it('the bug fixed: exit 1, an unexpected pass per entry, each with the line to delete', async () => {
    const r = await run(join(dir, 'fixed'), 8, [], file)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/Expectations: 2 unexpected: \d+ expected, 0 unexpected failures, 2 unexpected passes/)
    const text = readFileSync(file, 'utf8').split('\n')
    for (const property of ['coverage-plan', 'checksum-conflict']) {
      const line = text.findIndex((l) => l.includes(`"property": "${property}"`)) + 1
      expect(r.stdout).toContain(`delete ${file}:${line}: { "property": "${property}", "rule": "R12"`)
    }
    expect(r.stdout).toContain('RESULT: FAILED — 0 unexpected failures, 2 unexpected passes')
    // --allow-unexpected-pass makes it a warning
    const allowed = await runCliInProcess(
      ['run', '--target', 'stub', '--seed', '8', ...ONLY, '--report', 'json', '--out', join(dir, 'allowed')],
      { env: { CONFORMANCE_EXPECTATIONS: file, CONFORMANCE_ALLOW_UNEXPECTED_PASS: '1' }, timeoutMs: 120_000 },
    )
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0)
    expect(allowed.stdout).toMatch(
      /RESULT: AS EXPECTED — 0 unexpected .*warning: 0 unexpected failures, 2 unexpected passes/,
    )
  }, 240_000)

  it('a second bug: exit 1, unexpected failures about the new cause only', async () => {
    const out = join(dir, 'second')
    const r = await run(out, 8, [FIRST, SECOND], file)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    const x = reportOf(out).expectations!
    expect(x.unexpectedPasses).toEqual([])
    expect(x.unexpectedFailures.length).toBeGreaterThan(0)
    for (const f of x.unexpectedFailures) expect(f.key).toMatch(/ · R(17|18|27) · ListViewVersions$/)
    expect(r.stdout).toMatch(/Unexpected failures \(not in .*\): \d+/)
    expect(r.stdout).toContain('add: { "property": "pagination", "rule": "R18", "operation": "ListViewVersions"')
  }, 120_000)

  it('a file that is not usable stops the run before it starts: exit 2, one line naming the file and line', async () => {
    const missing = await runCliInProcess(['run', '--target', 'stub', '--expectations', join(dir, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr.trim()).toBe(`conformance: --expectations: ${join(dir, 'nope.json')}: cannot read (ENOENT)`)
    const bad = join(dir, 'bad.json')
    writeFileSync(
      bad,
      '{\n  "format": "connect-views-conformance/expectations@1",\n  "expectations": [\n    { "property": "typo", "rule": "R12", "expected": "FAIL", "reason": "r" }\n  ]\n}\n',
    )
    const typo = await runCliInProcess(['run', '--target', 'stub'], { env: { CONFORMANCE_EXPECTATIONS: bad } })
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(new RegExp(`^conformance: CONFORMANCE_EXPECTATIONS: ${bad}:4: unknown property "typo"`))
  }, 60_000)

  it('re-baselining keeps the reasons and links a person wrote', async () => {
    const text = readFileSync(file, 'utf8').replace(
      /"reason": "(?:[^"\\]|\\.)*" \}/,
      '"reason": "tracked upstream", "link": "https://example.org/emulator/issues/7" }',
    )
    const again = join(dir, 'again.expectations.json')
    writeFileSync(again, text)
    const r = await runCliInProcess(['expectations', 'write', join(dir, 'baseline', 'report.json'), '--out', again])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`the reasons and links already in ${again} are kept`)
    expect(readFileSync(again, 'utf8')).toContain(
      '"expected": "FAIL", "reason": "tracked upstream", "link": "https://example.org/emulator/issues/7" }',
    )
  }, 60_000)
})
