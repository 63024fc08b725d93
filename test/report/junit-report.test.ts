// Generated inputs reach failure messages verbatim; the JUnit file must stay parseable whatever they hold.
import { describe, expect, it } from 'vitest'
import { finishTarget, newReport, specCatalogue } from '../../src/report/json-report'
import { junitXml } from '../../src/report/junit-report'
import type { PropertyReport } from '../../src/report/report-types'
import { descendants, parseXml } from '../cli/support/xml'

const NASTY = 'Name "a\u0001b" <x> & \uD800 lone surrogate ]]> end\ttab'

function reportWith(p: PropertyReport) {
  return newReport(
    [
      finishTarget(
        {
          kind: 'stub',
          label: 'stub',
          region: 'us-east-1',
          instanceId: 'i',
          quirks: [],
          mode: { strict: false },
          seed: 1,
          budget: {},
          shards: [],
          startedAt: new Date(0).toISOString(),
          durationMs: 5,
          interrupted: false,
          properties: [p],
          regressions: [],
          stats: { calls: 0, throttleRetries: 0, serverErrors: 0, byOperation: {}, errorsByOperation: {} },
        },
        specCatalogue(),
      ),
    ],
    specCatalogue(),
    new Date(0),
  )
}

describe('junitXml', () => {
  it('stays well-formed with control characters, lone surrogates, markup and ]]> in a failure', () => {
    const xml = junitXml(
      reportWith({
        id: 'validation',
        title: 'T <&>',
        rules: ['R24'],
        status: 'failed',
        seed: 1,
        numRuns: 1,
        commandsExecuted: 1,
        durationMs: 1,
        failure: {
          rule: 'R24',
          message: `${NASTY}\nsecond line`,
          step: 0,
          commands: [{ op: 'Raw' }],
          counterexample: [NASTY],
          reproduce: 'npm run conformance -- run',
        },
      }),
    )
    const root = parseXml(xml)
    const failure = descendants(root, 'failure')[0]!
    expect(failure.attrs.message).toBe('R24: Name "a\\u0001b" <x> & \\ud800 lone surrogate ]]> end\ttab')
    expect(failure.text).toContain('second line')
    expect(failure.text).toContain('reproduce: npm run conformance -- run')
    expect(descendants(root, 'testcase')[0]!.attrs.name).toBe('validation: T <&>')
  })

  it('marks interrupted properties as skipped, not failed', () => {
    const root = parseXml(
      junitXml(
        reportWith({
          id: 'delete',
          title: 't',
          rules: [],
          status: 'interrupted',
          seed: 1,
          numRuns: 0,
          commandsExecuted: 0,
          durationMs: 0,
        }),
      ),
    )
    expect(descendants(root, 'skipped')).toHaveLength(1)
    expect(root.attrs.failures).toBe('0')
  })
})

describe('the XML checker used by the CLI tests', () => {
  it('rejects what is not well-formed', () => {
    for (const bad of [
      '<a><b></a>',
      '<a x=1/>',
      '<a>&nbsp;</a>',
      '<a/><b/>',
      '<a>\u0001</a>',
      '<a x="1" x="2"/>',
      '<a>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow()
    }
  })
})
