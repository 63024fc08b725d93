// Expectations files, held against reports of real runs (test/report/fixtures/): the file format (one entry
// per line, the line of each entry remembered, a deleted last line's comma forgiven, mistakes named with their
// line), the three outcomes (expected, unexpected failure, unexpected pass with the line to delete), the
// baseline writer (intermittent entries from runs that disagree), the score, and every format showing them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { PROPERTY_IDS } from '../../src/engine/property-registry'
import { expectationsWriteCommand } from '../../src/cli/expectations-command'
import { UsageError } from '../../src/exit-codes'
import { baselineEntries } from '../../src/expectations/baseline'
import { runExitCode } from '../../src/expectations/exit-code'
import {
  ExpectationsError,
  entryLine,
  expectationsText,
  parseExpectations,
} from '../../src/expectations/expectations-file'
import { tapReporter } from '../../src/presentation/tap-reporter'
import type { EngineEvent } from '../../src/engine/events'
import { consoleSummary } from '../../src/report/console-summary'
import { finishTarget, newReport, type TargetCore } from '../../src/report/json-report'
import { junitXml } from '../../src/report/junit-report'
import { matrixHtml } from '../../src/report/matrix-html'
import { summaryMarkdownFile } from '../../src/report/matrix-report'
import { mergeReports } from '../../src/report/merge'
import { reportSchemaErrors } from '../../src/report/report-schema'
import type { ConformanceReport, ExpectationEntry, TargetReport } from '../../src/report/report-types'
import { fixture as committed, type FIXTURES } from '../report/fixtures'

const XSD = readFileSync(new URL('../report/junit-10.xsd', import.meta.url), 'utf8')

/**
 * A committed report with the executed-assertion counts a current run records (these fixtures predate them):
 * each property that reached a verdict counts one assertion of each of its rules, so a rule it checks is
 * exercised, as it is in a run today.
 */
function fixture(name: keyof typeof FIXTURES): ConformanceReport {
  const r = committed(name)
  for (const t of r.targets)
    for (const p of t.properties)
      if ((p.status === 'passed' || p.status === 'failed') && !p.assertions)
        p.assertions = Object.fromEntries(p.rules.map((rule) => [rule, 1]))
  return r
}

/** A target entry back to what a run hands finishTarget, held against `entries`. */
function heldAgainst(t: TargetReport, entries: ExpectationEntry[], allowUnexpectedPass = false): TargetCore {
  const { id: _i, rules: _r, coverage: _c, totals: _t, score: _s, expectations: _e, failureGroups: _f, ...core } = t
  return { ...core, expectations: { file: 'expectations.json', allowUnexpectedPass, entries } }
}

function judged(report: ConformanceReport, entries: ExpectationEntry[], allow = false): ConformanceReport {
  return newReport(
    report.targets.map((t) => finishTarget(heldAgainst(t, entries, allow), report.catalogue)),
    report.catalogue,
  )
}

/** The baseline of a run, through the file format (what `expectations write` writes and `run` reads). */
function baselineOf(...runs: ConformanceReport[]): ExpectationEntry[] {
  const { entries } = baselineEntries(
    runs.map((r) => r.targets[0]!),
    PROPERTY_IDS,
  )
  return parseExpectations(expectationsText({ entries }, '/tmp/x/expectations.json'), 'expectations.json', PROPERTY_IDS)
    .entries
}

describe('the file', () => {
  const text = [
    '{',
    '  "format": "connect-views-conformance/expectations@1",',
    '  "expectations": [',
    '    { "notImplemented": "CreateView", "expected": "FAIL", "reason": "not yet" },',
    '    { "property": "differential", "rule": "R12", "operation": "CreateViewVersion", "expected": "FAIL|PASS", "reason": "r", "link": "https://example.org/issues/1" },',
    '  ]',
    '}',
  ].join('\n')

  it('reads one entry per line, remembers each line, and forgives the comma a deleted last line leaves', () => {
    const f = parseExpectations(text, 'e.json', PROPERTY_IDS)
    expect(f.entries.map((e) => e.line)).toEqual([4, 5])
    expect(f.entries[1]).toMatchObject({ property: 'differential', rule: 'R12', expected: 'FAIL|PASS' })
  })

  it('writes what it reads: one line per entry', () => {
    const f = parseExpectations(text, 'e.json', PROPERTY_IDS)
    const out = expectationsText({ entries: f.entries }, '/a/b/e.json')
    const again = parseExpectations(out, 'e.json', PROPERTY_IDS)
    expect(again.entries.map(({ line: _l, ...e }) => e)).toEqual(f.entries.map(({ line: _l, ...e }) => e))
    for (const e of again.entries) expect(out.split('\n')[e.line! - 1]).toContain(entryLine(e))
  })

  it.each([
    ['{"format": "x", "expectations": []}', /not an expectations file/],
    [
      '{"format": "connect-views-conformance/expectations@1", "expectations": [\n{ "expected": "FAIL", "reason": "r" }]}',
      /e\.json:2: an entry names exactly one of/,
    ],
    [
      '{"format": "connect-views-conformance/expectations@1", "expectations": [\n{ "property": "nope", "rule": "R1", "expected": "FAIL", "reason": "r" }]}',
      /e\.json:2: unknown property "nope"/,
    ],
    [
      '{"format": "connect-views-conformance/expectations@1", "expectations": [\n{ "property": "delete", "rule": "R99", "expected": "FAIL", "reason": "r" }]}',
      /e\.json:2: unknown rule "R99"/,
    ],
    [
      '{"format": "connect-views-conformance/expectations@1", "expectations": [\n{ "notImplemented": "CreateView", "expected": "PASS", "reason": "r" }]}',
      /e\.json:2: entry\/expected/,
    ],
    [
      '{"format": "connect-views-conformance/expectations@1", "expectations": [\n{ "notImplemented": "CreateView", "expected": "FAIL", "reason": "r" },\n{ "notImplemented": "CreateView", "expected": "FAIL", "reason": "s" }]}',
      /e\.json:3: operation CreateView not implemented is already listed on line 2/,
    ],
    ['not json', /e\.json: not JSON/],
  ])('refuses %j with a line naming the problem', (bad, message) => {
    expect(() => parseExpectations(bad, 'e.json', PROPERTY_IDS)).toThrow(ExpectationsError)
    expect(() => parseExpectations(bad, 'e.json', PROPERTY_IDS)).toThrow(message)
  })
})

describe('results against the file', () => {
  const quirks = fixture('quirks')
  const clean = fixture('clean')
  const moto = fixture('moto')

  it('a run held against its own baseline: 0 unexpected, exit 0, though the verdict is FAILED', () => {
    const entries = baselineOf(quirks)
    expect(entries.length).toBeGreaterThan(3)
    const r = judged(quirks, entries)
    const x = r.targets[0]!.expectations!
    expect(x.unexpectedFailures).toEqual([])
    expect(x.unexpectedPasses).toEqual([])
    expect(x.expected).toBeGreaterThan(entries.length)
    expect(runExitCode(r)).toBe(0)
    expect(reportSchemaErrors(r)).toEqual([])
    expect(consoleSummary(r, { reports: [] })).toContain('RESULT: AS EXPECTED — 0 unexpected')
  })

  it('the bugs fixed: every entry is an unexpected pass naming its line; exit 1, or 0 with allowUnexpectedPass', () => {
    const entries = baselineOf(quirks)
    const r = judged(clean, entries)
    const x = r.targets[0]!.expectations!
    expect(x.unexpectedFailures).toEqual([])
    expect(x.unexpectedPasses.map((p) => p.line)).toEqual(entries.map((e) => e.line))
    expect(runExitCode(r)).toBe(1)
    const summary = consoleSummary(r, { reports: [] })
    expect(summary).toContain(`delete expectations.json:${entries[0]!.line}: ${entryLine(entries[0]!)}`)
    expect(runExitCode(judged(clean, entries, true))).toBe(0)
    expect(consoleSummary(judged(clean, entries, true), { reports: [] })).toMatch(/RESULT: AS EXPECTED .*warning/)
  })

  it('a new bug: only its failures are unexpected, each with the line that would accept it', () => {
    const r = judged(quirks, [])
    const x = r.targets[0]!.expectations!
    expect(x.unexpectedFailures.length).toBeGreaterThan(0)
    expect(x.unexpectedPasses).toEqual([])
    expect(runExitCode(r)).toBe(1)
    expect(consoleSummary(r, { reports: [] })).toContain(`Fix first:    ${x.unexpectedFailures[0]!.key} (unexpected)`)
    // the lines to add are a file that accepts exactly these failures
    const accepted = x.unexpectedFailures.map((f) => JSON.parse(f.entry) as ExpectationEntry)
    expect(runExitCode(judged(quirks, accepted))).toBe(0)
  })

  it('an emulator missing ten operations: ten entries; the same file against a complete target: ten lines to delete', () => {
    const entries = baselineOf(moto)
    expect(entries.map((e) => e.notImplemented).filter(Boolean)).toHaveLength(10)
    expect(runExitCode(judged(moto, entries))).toBe(0)
    const r = judged(clean, entries)
    expect(r.targets[0]!.expectations!.unexpectedPasses.map((p) => p.key)).toEqual(
      entries.map((e) => `operation ${e.notImplemented} not implemented`),
    )
  })

  it('an entry about a property that reached no verdict, or whose rule still fails elsewhere, is not observed (not a pass)', () => {
    const entries: ExpectationEntry[] = [
      { property: 'pagination', rule: 'R12', operation: 'CreateViewVersion', expected: 'FAIL', reason: 'r' },
    ]
    // R12 still fails in the quirky run (checksum-conflict), so pagination passing says nothing about it
    const x = judged(quirks, entries).targets[0]!.expectations!
    expect(x.unexpectedPasses).toEqual([])
    expect(x.notObserved).toBe(1)
    // in the clean run R12 passes everywhere: the entry is stale
    expect(judged(clean, entries).targets[0]!.expectations!.unexpectedPasses).toHaveLength(1)
  })

  it('two runs that disagree: what failed in one and passed in the other is intermittent (FAIL|PASS) and passes both', () => {
    const entries = baselineOf(quirks, clean)
    expect(entries.every((e) => e.expected === 'FAIL|PASS')).toBe(true)
    expect(entries[0]!.reason).toMatch(/^intermittent: failed in 1 of 2 runs/)
    expect(runExitCode(judged(quirks, entries))).toBe(0)
    expect(runExitCode(judged(clean, entries))).toBe(0)
  })

  it('a merge holds the merged column against the entries again, and keeps the probe verdicts', () => {
    const held = judged(moto, baselineOf(moto))
    const { report } = mergeReports([{ file: '/tmp/a/report.json', report: held }], '/tmp/m')
    expect(report.targets[0]!.expectations).toEqual(held.targets[0]!.expectations)
    expect(report.targets[0]!.score!.operations).toEqual({ implemented: 3, total: 13 })
  })
})

describe('every format shows the score and the three counts on top', () => {
  const r = judged(fixture('quirks'), baselineOf(fixture('clean')).concat(baselineOf(fixture('moto'))))

  it('the score: documented rules passed out of those exercised, per operation, operations implemented', () => {
    const t = r.targets[0]!
    const documented = t.rules.filter((x) => x.confidence === 'documented')
    expect(t.score!.rules.passed).toBe(documented.filter((x) => x.status === 'passed').length)
    expect(t.score!.rules.exercised).toBe(
      documented.filter((x) => x.status === 'passed' || x.status === 'failed').length,
    )
    expect(t.score!.byOperation).toHaveLength(13)
    expect(Object.keys(t).slice(0, 3)).toEqual(['id', 'score', 'expectations'])
  })

  it('console, Markdown, HTML: the counts before anything else about the target', () => {
    const console = consoleSummary(r, { reports: [] })
    expect(console.split('\n').findIndex((l) => l.startsWith('Expectations:'))).toBeLessThan(
      console.split('\n').findIndex((l) => l.startsWith('Target:')),
    )
    expect(console).toMatch(
      /Expectations: \d+ unexpected: \d+ expected, \d+ unexpected failures?, 10 unexpected passes/,
    )
    expect(console).toMatch(/Score: +\d+(\.\d)?% of documented rules/)
    const md = summaryMarkdownFile(r)
    expect(md.indexOf('expectations: ')).toBeLessThan(md.indexOf('rules: '))
    expect(md).toContain('## Unexpected results')
    const html = matrixHtml(r)
    expect(html.indexOf('<b>expectations</b>')).toBeLessThan(html.indexOf('<b>rules</b>'))
    expect(html).toContain('Line to delete')
  })

  it('JUnit: score and counts as properties, expected failures skipped, unexpected passes failed; valid against the XSD', async () => {
    const xml = junitXml(r)
    expect(xml).toMatch(/<property name="score" value="0\.\d+"\/>/)
    expect(xml).toContain('<property name="expectations.unexpectedPasses" value="10"/>')
    expect(xml).toContain('type="unexpected-pass"')
    const quirky = fixture('quirks')
    const own = junitXml(judged(quirky, baselineOf(quirky)))
    expect(own).toContain('<skipped type="expected-failure"')
    expect(own).not.toContain('<failure')
    for (const doc of [xml, own]) {
      const v = await validateXML({ xml: [{ fileName: 'junit.xml', contents: doc }], schema: [XSD] })
      expect(v.errors).toEqual([])
    }
  })
})

describe('the coverage plan is judged as one property, whatever its step verdicts are called', () => {
  /** The clean run with the coverage plan failing at its stale-checksum step, as a run reports it. */
  function withPlanFailure(): ConformanceReport {
    const r = fixture('clean')
    const message = 'R12: CreateViewVersion accepted ViewContentSha256 "ff", which is not the checksum of $LATEST'
    r.targets[0]!.properties.unshift({
      id: 'coverage-plan',
      title: 'the coverage plan',
      rules: ['R12'],
      status: 'failed',
      seed: 7,
      numRuns: 1,
      commandsExecuted: 12,
      durationMs: 1,
      assertions: { R12: 1 },
      interactions: [
        { interaction: 'plan step 1: CreateView {"slot":0}', state: 'serves R2', status: 'passed', rules: ['R2'] },
        {
          interaction: 'plan step 12: CreateViewVersion {"slot":0,"sha":"stale"}',
          state: 'serves R12',
          status: 'failed',
          rules: ['R12'],
          mismatch: message,
        },
      ],
      failure: {
        rule: 'R12',
        message: message.slice(5),
        step: 1,
        commands: [{ op: 'CreateView' }, { op: 'CreateViewVersion' }],
        counterexample: ['CreateView', 'CreateViewVersion'],
        reproduce: 'npx conformance run --only coverage-plan',
      },
    })
    return r
  }

  it('its entry is property + rule + operation, and JUnit and TAP show its failure as expected', () => {
    const r = withPlanFailure()
    const entries = baselineOf(r)
    expect(entries.filter((e) => e.property === 'coverage-plan')).toEqual([
      expect.objectContaining({ property: 'coverage-plan', rule: 'R12', operation: 'CreateViewVersion' }),
    ])
    expect(entries.some((e) => e.interaction?.startsWith('plan step'))).toBe(false)
    const held = judged(r, entries)
    expect(junitXml(held)).not.toContain('<failure')
    expect(junitXml(held)).toContain('<skipped type="expected-failure" message="expected failure (expectations.json:')
    // TAP: an expected failure is `not ok … # TODO`, and the counts are a comment on top
    const out = mkdtempSync(join(tmpdir(), 'cvc-tap-'))
    const tap = tapReporter(out)
    const emit = () => {}
    for (const p of held.targets[0]!.properties)
      tap.PropertyFinished!({ type: 'PropertyFinished', report: p } as EngineEvent & { type: 'PropertyFinished' }, emit)
    tap.RunFinished!({ type: 'RunFinished', report: held }, emit)
    const text = readFileSync(join(out, 'report.tap'), 'utf8')
    expect(text).toMatch(/^# expectations: 0 unexpected: \d+ expected/m)
    expect(text).toMatch(
      /^not ok 1 - coverage-plan: the coverage plan # TODO expected failure \(expectations.json\): /m,
    )
  })
})

describe('expectations write', () => {
  it('a file is for one target: reports holding several need --target, and name them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvc-write-'))
    const merged = join(dir, 'report.json')
    writeFileSync(merged, JSON.stringify(fixture('merged')))
    const write = (target?: string) =>
      expectationsWriteCommand([merged], { out: join(dir, 'e.json'), ...(target ? { target } : {}) }, { out: () => {} })
    expect(() => write()).toThrow(UsageError)
    expect(() => write()).toThrow('the reports hold 2 targets ("stub", "endpoint http://127.0.0.1:8779")')
    expect(write('endpoint http://127.0.0.1:8779')).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8')).target).toBe('endpoint http://127.0.0.1:8779')
  })
})
