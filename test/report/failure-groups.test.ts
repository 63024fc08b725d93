// Failures are grouped by cause (operation, rule, mismatch shape) and the verdict is right in both directions.
import { describe, expect, it } from 'vitest'
import { failureGroups, mismatchShape, operationNamedIn } from '../../src/report/failure-groups'
import { finishTarget, hasFailures, newReport, specCatalogue } from '../../src/report/json-report'
import type { PropertyReport, TargetReport } from '../../src/report/report-types'
import { firstToFix, targetVerdict } from '../../src/report/verdict'
import { fixture } from './fixtures'

function target(properties: PropertyReport[], extra: Partial<TargetReport> = {}): TargetReport {
  const t = finishTarget(
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
      properties,
      regressions: [],
      stats: { calls: 0, throttleRetries: 0, serverErrors: 0, byOperation: {}, errorsByOperation: {} },
    },
    specCatalogue(),
  )
  return { ...t, ...extra }
}

const base = { title: 't', rules: [], seed: 1, numRuns: 1, commandsExecuted: 1, durationMs: 1 }
function failed(id: string, rule: string, message: string, commands: { op: string }[]): PropertyReport {
  return {
    ...base,
    id,
    status: 'failed',
    failure: {
      rule,
      message,
      step: commands.length - 1,
      commands,
      counterexample: commands.map((c) => c.op),
      reproduce: `run --only ${id}`,
    },
  }
}

describe('mismatchShape / operationNamedIn', () => {
  it('takes ids, ARNs, quoted values and counts out, but keeps rule ids and HTTP statuses', () => {
    const a = mismatchShape(
      'DescribeView of "cvc-abc-1" (4013fa32-761b-46fa-ad26-d22f1208434c) answered InvalidParameterException; R25 expects 404, status: expected 404 but was 400 after 3 calls',
    )
    const b = mismatchShape(
      'DescribeView of "cvc-xyz-9" (7038ac4e-2ee0-457e-ac16-000000000000) answered InvalidParameterException; R25 expects 404, status: expected 404 but was 400 after 12 calls',
    )
    expect(a).toBe(b)
    expect(a).toContain('R25')
    expect(a).toContain('expected 404 but was 400')
    expect(mismatchShape('status: expected 409 but was 404')).not.toBe(
      mismatchShape('status: expected 404 but was 400'),
    )
  })
  it('names the first operation of the message, the longest name first', () => {
    expect(operationNamedIn('CreateViewVersion accepted a stale checksum')).toBe('CreateViewVersion')
    expect(
      operationNamedIn('provider state setup failed: ListViews failed while arranging', 'CreateView: a name…'),
    ).toBe('ListViews')
    expect(operationNamedIn('order [1, 2], expected [2, 1]', 'ListViewVersions')).toBe('ListViewVersions')
    expect(operationNamedIn('nothing here')).toBe('—')
  })
})

describe('failureGroups', () => {
  it('one group per cause, counted, with the smallest counterexample', () => {
    const msg = (id: string) => `CreateView answered SyntaxError, which the operation does not declare (view "${id}")`
    const t = target([
      failed('immutability', 'R33', msg('a'), [{ op: 'CreateView' }, { op: 'CreateView' }]),
      failed('delete', 'R33', msg('b'), [{ op: 'CreateView' }]),
      failed('pagination', 'R18', 'ListViewVersions: order [1, 2], expected [2, 1]', [{ op: 'ListViewVersions' }]),
    ])
    const groups = failureGroups(t)
    expect(groups.map((g) => [g.operation, g.rule, g.count])).toEqual([
      ['CreateView', 'R33', 2],
      ['ListViewVersions', 'R18', 1],
    ])
    expect(groups[0]!.sources).toEqual(['immutability', 'delete'])
    expect(groups[0]!.smallest!.source).toBe('delete')
    expect(groups[0]!.smallest!.reproduce).toBe('run --only delete')
  })

  it('groups the moto run (every view operation missing) into a few causes that cover every failing check', () => {
    const t = fixture('moto').targets[0]!
    const groups = t.failureGroups!
    expect(groups.length).toBeLessThanOrEqual(4)
    const interactions = t.properties.flatMap((p) => p.interactions ?? []).filter((i) => i.status === 'failed').length
    const plainFailures = t.properties.filter((p) => p.status === 'failed' && !p.interactions?.length).length
    const regressions = t.regressions.filter((g) => g.verdict === 'STILL FAILING').length
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(interactions + plainFailures + regressions)
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length)
    // a group recomputed from the report is what the report holds (merge re-derives them)
    expect(failureGroups(t).map((g) => g.key)).toEqual(groups.map((g) => g.key))
  })
})

describe('targetVerdict', () => {
  it('PASSED only when everything ran and passed', () => {
    expect(targetVerdict(target([{ ...base, id: 'a', status: 'passed' }]))).toBe('PASSED')
    expect(targetVerdict(fixture('clean').targets[0]!)).toBe('PASSED')
  })
  it('INCONCLUSIVE, never FAILED, when the budget or an interruption left something open', () => {
    for (const status of ['inconclusive', 'interrupted', 'not-run'] as const) {
      const t = target([
        { ...base, id: 'a', status: 'passed' },
        { ...base, id: 'b', status },
      ])
      expect(targetVerdict(t), status).toBe('INCONCLUSIVE')
      expect(hasFailures(newReport([t])), status).toBe(false)
    }
    expect(targetVerdict(target([]))).toBe('INCONCLUSIVE')
  })
  it('FAILED on a failing property, a still-failing regression or an operation not implemented', () => {
    expect(targetVerdict(target([failed('a', 'R1', 'CreateView x', [{ op: 'CreateView' }])]))).toBe('FAILED')
    expect(
      targetVerdict(
        target([{ ...base, id: 'a', status: 'passed' }], {
          regressions: [{ file: 'f', property: 'a', rule: 'R1', verdict: 'STILL FAILING', detail: 'd' }],
        }),
      ),
    ).toBe('FAILED')
    const moto = fixture('moto').targets[0]!
    const missingOnly = { ...target([{ ...base, id: 'a', status: 'passed' }]), coverage: moto.coverage }
    expect(targetVerdict(missingOnly)).toBe('FAILED')
    expect(firstToFix(missingOnly)).toMatch(/^implement CreateView \(answers 404 text\/html/)
    expect(hasFailures(newReport([missingOnly]))).toBe(true)
  })
})
