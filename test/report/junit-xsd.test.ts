// JUnit totals must add up at every level and the file must be valid JUnit as CI tools read it: validated
// against Jenkins xunit-plugin's junit-10.xsd (committed beside this test, source URL in its header).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { finishTarget, newReport, specCatalogue } from '../../src/report/json-report'
import { junitXml } from '../../src/report/junit-report'
import type { ConformanceReport } from '../../src/report/report-types'
import { descendants, parseXml, type XmlElement } from '../cli/support/xml'
import { fixture, FIXTURES } from './fixtures'

const XSD = readFileSync(new URL('./junit-10.xsd', import.meta.url), 'utf8')

/** A budget-ended run: inconclusive, interrupted and not-run properties and an unreplayable bundle are skipped cases. */
function inconclusiveReport(): ConformanceReport {
  const base = { seed: 1, numRuns: 0, commandsExecuted: 0, durationMs: 0, rules: [] }
  return newReport(
    [
      finishTarget(
        {
          kind: 'endpoint',
          label: 'endpoint http://127.0.0.1:1',
          region: 'us-east-1',
          instanceId: 'i',
          quirks: [],
          mode: { strict: false },
          seed: 1,
          budget: { timeBudgetMs: 2000 },
          shards: [],
          startedAt: new Date(0).toISOString(),
          durationMs: 2000,
          interrupted: false,
          properties: [
            { ...base, id: 'immutability', title: 't', status: 'passed', numRuns: 3 },
            {
              ...base,
              id: 'pagination',
              title: 't',
              status: 'inconclusive',
              note: 'time budget ran out after 0 sequences',
            },
            { ...base, id: 'delete', title: 't', status: 'not-run' },
          ],
          regressions: [
            { file: 'fixtures/regressions/x.json', property: 'delete', verdict: 'CANNOT REPLAY', detail: 'unreadable' },
          ],
          stats: { calls: 0, throttleRetries: 0, serverErrors: 0, byOperation: {}, errorsByOperation: {} },
        },
        specCatalogue(),
      ),
    ],
    specCatalogue(),
    new Date(0),
  )
}

const cases: [string, ConformanceReport][] = [
  ...(Object.keys(FIXTURES) as (keyof typeof FIXTURES)[]).map((k) => [k, fixture(k)] as [string, ConformanceReport]),
  ['inconclusive', inconclusiveReport()],
]

const n = (e: XmlElement, a: string) => Number(e.attrs[a])

describe('JUnit report', () => {
  it.each(cases)('%s: valid against the JUnit XSD', async (_name, report) => {
    const result = await validateXML({
      xml: [{ fileName: 'junit.xml', contents: junitXml(report) }],
      schema: [{ fileName: 'junit-10.xsd', contents: XSD }],
    })
    expect(result.errors.map((e) => e.rawMessage)).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('the validator does reject invalid JUnit (a testsuite without its required counts)', async () => {
    const bad = junitXml(fixture('clean')).replace(/(<testsuite [^>]*?) tests="\d+"/, '$1')
    const result = await validateXML({
      xml: [{ fileName: 'junit.xml', contents: bad }],
      schema: [{ fileName: 'junit-10.xsd', contents: XSD }],
    })
    expect(result.valid).toBe(false)
    expect(result.errors[0]?.rawMessage).toContain("attribute 'tests' is required")
  })

  it.each(cases)('%s: totals add up at every level', (_name, report) => {
    const root = parseXml(junitXml(report))
    const suites = root.children.filter((c) => c.name === 'testsuite')
    expect(suites).toHaveLength(report.targets.length)
    for (const s of suites) {
      const testcases = s.children.filter((c) => c.name === 'testcase')
      expect(n(s, 'tests')).toBe(testcases.length)
      expect(n(s, 'failures')).toBe(testcases.filter((c) => c.children.some((x) => x.name === 'failure')).length)
      expect(n(s, 'skipped')).toBe(testcases.filter((c) => c.children.some((x) => x.name === 'skipped')).length)
      expect(n(s, 'errors')).toBe(0)
    }
    expect(n(root, 'tests')).toBe(descendants(root, 'testcase').length)
    expect(n(root, 'tests')).toBe(suites.reduce((k, s) => k + n(s, 'tests'), 0))
    expect(n(root, 'failures')).toBe(descendants(root, 'failure').length)
    expect(n(root, 'failures')).toBe(suites.reduce((k, s) => k + n(s, 'failures'), 0))
  })

  it('counts each Pact interaction as a case (a clean run: properties + 28 interactions + regressions)', () => {
    const report = fixture('clean')
    const t = report.targets[0]!
    const interactions = t.properties.find((p) => p.id === 'contracts')!.interactions!.length
    expect(interactions).toBeGreaterThan(0)
    const root = parseXml(junitXml(report))
    expect(n(root, 'tests')).toBe(t.properties.length - 1 + interactions + t.regressions.length)
  })

  it('reports inconclusive, not-run and unreplayable as skipped, never as failures', () => {
    const root = parseXml(junitXml(inconclusiveReport()))
    expect(n(root, 'failures')).toBe(0)
    const skipped = descendants(root, 'skipped').map((s) => s.attrs.message)
    expect(skipped).toHaveLength(3)
    expect(skipped[0]).toContain(
      'inconclusive: the time budget ended it before a verdict (time budget ran out after 0 sequences)',
    )
  })
})
