// `conformance run` end to end: a passing and a failing stub run as subprocesses, then their exit codes,
// closing summaries and every report file (JSON against its schema, JUnit well-formed, HTML, Markdown).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readBundle } from '../../src/harness/replay'
import { reportSchemaErrors } from '../../src/report/report-schema'
import type { ConformanceReport } from '../../src/report/report-types'
import { OPERATION_NAMES, RULES } from '../../src/spec'
import { PROPERTY_IDS } from '../../src/engine/property-registry'
import { runCli, runCliInProcess, tempDir, type CliResult } from './support/cli'
import { descendants, parseXml } from './support/xml'

const FILES = ['report.json', 'junit.xml', 'matrix.md', 'matrix.html']
let passing: { out: string; r: CliResult }
let failing: { out: string; r: CliResult }

const json = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport

beforeAll(async () => {
  const a = tempDir()
  const b = tempDir()
  const [ra, rb] = await Promise.all([
    runCli(['run', '--target', 'stub', '--runs', '5', '--seed', '7', '--out', a]),
    runCli([
      'run',
      '--target',
      'stub',
      '--quirk',
      'checksum-not-checked',
      '--runs',
      '5',
      '--seed',
      '7',
      '--out',
      b,
      '--only',
      'checksum-conflict',
      'validation',
      'differential',
    ]),
  ])
  passing = { out: a, r: ra }
  failing = { out: b, r: rb }
})

describe('exit codes', () => {
  it('0 when every property holds on the stub', () => {
    expect(passing.r.stderr).toBe('')
    expect(passing.r.code).toBe(0)
  })
  it('1 when the stub runs with the checksum-not-checked quirk (R12)', () => {
    expect(failing.r.code).toBe(1)
  })
})

describe('closing summary', () => {
  it('names target, seed, operations exercised, rules checked, sequences, failures, wall time and report paths', () => {
    const s = passing.r.stdout
    expect(s).toMatch(/Target:\s+stub\s/)
    expect(s).toMatch(/Seed:\s+7\s/)
    expect(s).toMatch(/Operations:\s+1[0-3]\/13 exercised/)
    expect(s).toMatch(/Rules:\s+\d+ checked \(\d+ documented, 0 inferred\)/)
    expect(s).toMatch(
      /Sequences:\s+[\d,]+ generated, [\d,]+ commands executed; [\d,]+ API calls \(0 throttle retries, 0 server errors\)/,
    )
    expect(s).toMatch(/Failures:\s+none/)
    expect(s).toMatch(/Wall time:\s+\d+\.\d+ s/)
    for (const f of FILES) expect(s).toContain(join(passing.out, f))
    expect(s).toContain('RESULT: PASSED')
  })
  it('lists failures grouped by cause with the command that reproduces them', () => {
    const s = failing.r.stdout
    expect(s).toMatch(/Verdict:\s+FAILED — 2 properties failed/)
    expect(s).toMatch(/Target:\s+stub \+checksum-not-checked/)
    expect(s).toMatch(/Failures:\s+2 distinct causes \(2 failing checks\)/)
    expect(s).toMatch(
      /✘ R12\s+CreateViewVersion\s+1×\s+CreateViewVersion accepted ViewContentSha256 "…", which is not the checksum of \$LATEST/,
    )
    expect(s).toMatch(/smallest: checksum-conflict \(\d+ commands?\)/)
    expect(s).toMatch(
      /reproduce: npx conformance run --target stub --quirk checksum-not-checked --only checksum-conflict --seed 7 --path \S+@\S+/,
    )
    expect(s).toContain(`${join(failing.out, 'bundles')} (2 written)`)
    expect(s).toContain('RESULT: FAILED')
  })
  it('the reproduce line runs exactly the shrunk counterexample again (one run, same rule)', async () => {
    const line = /reproduce: npx conformance (run .*--only checksum-conflict .*)$/m.exec(failing.r.stdout)![1]!
    const out = tempDir()
    // the line as a user pastes it, through the CLI's main in this process (the runs above are real processes)
    const again = await runCliInProcess([...line.split(' '), '--out', out, '--report', 'json'])
    expect(again.code).toBe(1)
    const p = json(out).targets[0]!.properties[0]!
    expect(p).toMatchObject({ id: 'checksum-conflict', status: 'failed', numRuns: 1 })
    expect(p.failure!.rule).toBe('R12')
  })
  it('prints plain progress lines when stdout is not a TTY', () => {
    expect(passing.r.stdout).toContain(`[1/${PROPERTY_IDS.length}] coverage-plan …`)
    expect(passing.r.stdout).toContain(`[2/${PROPERTY_IDS.length}] immutability …`)
    expect(passing.r.stdout).not.toContain('\x1b[2K')
  })
})

describe('reports', () => {
  it('writes every format, also when the run failed', () => {
    for (const out of [passing.out, failing.out])
      for (const f of FILES) expect(existsSync(join(out, f)), `${out}/${f}`).toBe(true)
  })

  it('the JSON report validates against report.schema.json', () => {
    expect(reportSchemaErrors(json(passing.out))).toEqual([])
    expect(reportSchemaErrors(json(failing.out))).toEqual([])
  })

  it('the schema is not vacuous: a broken report is rejected', () => {
    const r = json(passing.out) as unknown as { targets: { seed: unknown; properties: { status: string }[] }[] }
    r.targets[0]!.seed = 'seven'
    r.targets[0]!.properties[0]!.status = 'failed' // failed without a failure object
    expect(reportSchemaErrors(r).join('\n')).toMatch(/seed must be integer[\s\S]*must have required property 'failure'/)
  })

  it('JSON: every rule with its confidence and status, every property, stats and operation × error coverage', () => {
    const t = json(passing.out).targets[0]!
    expect(t.seed).toBe(7)
    expect(t.mode).toEqual({ strict: false })
    expect(t.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id))
    expect(new Set(t.rules.map((r) => r.status))).toEqual(
      new Set(['passed', 'not-asserted-in-this-mode', 'not-exercised']),
    )
    for (const r of t.rules.filter((x) => x.confidence !== 'documented'))
      expect(r.status).toBe('not-asserted-in-this-mode')
    expect(t.properties.map((p) => p.id)).toEqual(PROPERTY_IDS)
    // contract verification runs every interaction once and the coverage plan is one fixed run, whatever --runs says
    expect(
      t.properties.every(
        (p) =>
          p.status === 'passed' &&
          (p.id === 'contracts'
            ? p.numRuns === p.interactions!.length
            : p.id === 'coverage-plan'
              ? p.numRuns === 1
              : p.numRuns === 5),
      ),
    ).toBe(true)
    expect(t.stats.calls).toBeGreaterThan(100)
    expect(t.stats.throttleRetries).toBe(0)
    expect(t.coverage.map((c) => c.operation)).toEqual([...OPERATION_NAMES])
    const describe = t.coverage.find((c) => c.operation === 'DescribeView')!
    expect(describe.declared.find((d) => d.error === 'ResourceNotFoundException')!.count).toBeGreaterThan(0)
    expect(describe.declared.find((d) => d.error === 'InternalServiceException')).toMatchObject({
      count: 0,
      reason: expect.stringContaining('not inducible'),
    })
  })

  it('JSON: a failed property carries its counterexample, seed, reproduce line and a bundle that exists', () => {
    const t = json(failing.out).targets[0]!
    expect(t.quirks).toEqual(['checksum-not-checked'])
    expect(t.rules.find((r) => r.id === 'R12')).toMatchObject({ status: 'failed', failures: 2 })
    const p = t.properties.find((x) => x.id === 'checksum-conflict')!
    expect(p.status).toBe('failed')
    expect(p.failure!.rule).toBe('R12')
    expect(p.failure!.counterexample.length).toBeGreaterThan(0)
    expect(p.failure!.counterexample.length).toBeLessThanOrEqual(5) // shrunk
    expect(p.failure!.reproduce).toContain('--seed 7')
    const bundle = readBundle(join(failing.out, p.failure!.bundle!))
    expect(bundle).toMatchObject({
      property: 'checksum-conflict',
      rule: 'R12',
      seed: 7,
      reproduce: p.failure!.reproduce,
    })
  })

  it('JUnit is well-formed XML with one testcase per property and a failure naming rule and reproduce command', () => {
    const ok = parseXml(readFileSync(join(passing.out, 'junit.xml'), 'utf8'))
    expect(ok.name).toBe('testsuites')
    // one case per property, except contracts (one per Pact interaction) and the coverage plan (one per step)
    const interactions = json(passing.out).targets[0]!.properties.find((p) => p.id === 'contracts')!.interactions!
      .length
    expect(interactions).toBeGreaterThanOrEqual(13)
    const planSteps = json(passing.out).targets[0]!.properties.find((p) => p.id === 'coverage-plan')!.interactions!
      .length
    expect(planSteps).toBeGreaterThanOrEqual(30)
    expect(descendants(ok, 'testcase')).toHaveLength(PROPERTY_IDS.length - 2 + interactions + planSteps)
    expect(descendants(ok, 'failure')).toHaveLength(0)
    const bad = parseXml(readFileSync(join(failing.out, 'junit.xml'), 'utf8'))
    expect(bad.attrs).toMatchObject({ tests: '3', failures: '2' })
    const failures = descendants(bad, 'failure')
    expect(failures.map((f) => f.attrs.type)).toEqual(['R12', 'R12'])
    expect(failures[0]!.text).toMatch(/reproduce: npx conformance run --target stub --quirk checksum-not-checked/)
  })

  it('the HTML matrix is one self-contained page with the rule, property and coverage tables', () => {
    const html = readFileSync(join(failing.out, 'matrix.html'), 'utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).not.toMatch(/<(script|link|img)\b/)
    for (const h of ['Rules', 'Properties', 'Operation × declared error coverage', 'Failures'])
      expect(html).toContain(`<h2>${h}</h2>`)
    expect(html).toContain('<td class="fail">✘ FAIL</td>')
  })

  it('the Markdown matrix has rules × targets and operation × declared error tables with reasons', () => {
    const md = readFileSync(join(passing.out, 'matrix.md'), 'utf8')
    expect(md).toContain('| Rule | Confidence | Statement | stub |')
    expect(md).toMatch(/\| R12 \| documented \| .* \| ✔ pass \|/)
    expect(md).toContain('| Operation | Declared error | stub | Why never produced |')
    expect(md).toMatch(/\| CreateView \| AccessDeniedException \| never \| needs a principal without permission/)
    expect(md).toMatch(/\| CreateView \| TooManyRequestsException \| never \| only under load/)
  })
})
