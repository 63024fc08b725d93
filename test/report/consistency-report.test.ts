// Observed consistency in the report: derived in report assembly (finishTarget), united then summarised again
// by `report merge`, held to the schema, and shown by every format (console line, Markdown, HTML).
import { describe, expect, it } from 'vitest'
import type { ConsistencyObservations } from '../../src/harness/consistency-observations'
import { percent } from '../../src/report/charts'
import { summariseConsistency } from '../../src/report/consistency-summary'
import { consoleSummary } from '../../src/report/console-summary'
import { finishTarget, type TargetCore } from '../../src/report/json-report'
import { matrixHtml } from '../../src/report/matrix-html'
import { matrixMarkdown, summaryMarkdownFile } from '../../src/report/matrix-report'
import { mergeReports } from '../../src/report/merge'
import { reportSchemaErrors } from '../../src/report/report-schema'
import type { ConformanceReport, TargetReport } from '../../src/report/report-types'
import { eventualObservations, fresh, obs } from './consistency-fixture'
import { fixture } from './fixtures'

const STUB = { kind: 'stub' } as const
const clean = fixture('clean')
const base = clean.targets[0]!

function core(t: TargetReport): TargetCore {
  const { id: _i, rules: _r, coverage: _c, totals: _t, failureGroups: _g, consistency: _s, ...rest } = t
  return rest
}

describe('report assembly', () => {
  it('finishTarget summarises the observations into `consistency`, and the report still matches the schema', () => {
    const o = eventualObservations(base, 3)
    const t = finishTarget({ ...core(base), kind: 'endpoint', consistencyObservations: o }, clean.catalogue)
    expect(t.consistency).toEqual(summariseConsistency(o, { kind: 'endpoint' }))
    expect(t.consistency!.observed).toBe('eventual')
    expect(reportSchemaErrors(JSON.parse(JSON.stringify({ ...clean, targets: [t] })))).toEqual([])
  })

  it('without observations there is no summary, even when the entry carried a stale one', () => {
    const withStale = { ...core(base), consistency: summariseConsistency(obs({ reads: fresh(3) }), STUB) } as TargetCore
    expect(finishTarget(core(base), clean.catalogue)).not.toHaveProperty('consistency')
    expect(finishTarget(withStale, clean.catalogue)).not.toHaveProperty('consistency')
  })

  it('the schema refuses a summary or observations of the wrong shape', () => {
    const t = finishTarget({ ...core(base), consistencyObservations: obs({ reads: fresh(2) }) }, clean.catalogue)
    const bad = JSON.parse(JSON.stringify({ ...clean, targets: [t] })) as ConformanceReport
    ;(bad.targets[0]!.consistency as unknown as Record<string, unknown>).observed = 'sometimes'
    ;(bad.targets[0]!.consistencyObservations!.reads[0] as unknown as Record<string, unknown>).sinceWriteMs = -1
    const errors = reportSchemaErrors(bad)
    expect(errors.some((e) => e.startsWith('/targets/0/consistency/observed'))).toBe(true)
    expect(errors.some((e) => e.startsWith('/targets/0/consistencyObservations/reads/0/sinceWriteMs'))).toBe(true)
  })
})

describe('report merge', () => {
  const shard = (label: string, o: ConsistencyObservations | undefined): ConformanceReport => ({
    ...clean,
    targets: [
      finishTarget({ ...core(base), shards: [label], ...(o ? { consistencyObservations: o } : {}) }, clean.catalogue),
    ],
  })
  const a = eventualObservations(base, 1)
  const b = eventualObservations(base, 2)

  it('unites the shards’ raw observations and summarises them again (percentiles do not add up)', () => {
    const { report, warnings } = mergeReports(
      [
        { file: '/tmp/s1/report.json', report: shard('1/2', a) },
        { file: '/tmp/s2/report.json', report: shard('2/2', b) },
      ],
      '/tmp/merged',
    )
    expect(warnings).toEqual([])
    const t = report.targets[0]!
    expect(t.consistencyObservations!.reads).toHaveLength(a.reads.length + b.reads.length)
    expect(t.consistencyObservations!.recheckCalls).toBe(a.recheckCalls + b.recheckCalls)
    const united = obs({
      windowMs: a.windowMs,
      reads: [...a.reads, ...b.reads],
      convergences: [...a.convergences, ...b.convergences],
      recheckCalls: a.recheckCalls + b.recheckCalls,
    })
    expect(t.consistency).toEqual(summariseConsistency(united, base))
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([])
  })

  it('a shard without observations (an older report) leaves the other’s as they are', () => {
    const { report } = mergeReports(
      [
        { file: '/tmp/s1/report.json', report: shard('1/2', a) },
        { file: '/tmp/s2/report.json', report: shard('2/2', undefined) },
      ],
      '/tmp/merged',
    )
    expect(report.targets[0]!.consistency).toEqual(summariseConsistency(a, base))
  })

  it('warns when the shards ran with different windows', () => {
    const { warnings } = mergeReports(
      [
        { file: '/tmp/s1/report.json', report: shard('1/2', a) },
        { file: '/tmp/s2/report.json', report: shard('2/2', { ...b, windowMs: 5000 }) },
      ],
      '/tmp/merged',
    )
    expect(warnings).toEqual([
      'stub: its parts ran with different convergence windows 2 s and 5 s; the observed consistency unites them',
    ])
  })
})

describe('rendered', () => {
  const report = fixture('consistency')
  const [stub, emulator] = report.targets.map((t) => t.consistency!) as [
    NonNullable<TargetReport['consistency']>,
    NonNullable<TargetReport['consistency']>,
  ]

  it('the fixture is realistic: most reads fresh after 1 s, some stale below 500 ms, p99 within the 2 s window', () => {
    expect(stub.staleReads).toBe(0)
    const share = (from: number) => emulator.visibility.find((b) => b.fromMs === from)!.share!
    expect(share(0)).toBeLessThan(0.85)
    expect(share(250)).toBeLessThan(1)
    expect(share(1000)).toBeGreaterThan(0.95)
    expect(emulator.convergence.p99!.ms).toBeLessThanOrEqual(2000)
  })

  it('console: one line with the verdict per target', () => {
    const s = consoleSummary(report, { reports: [] })
    expect(s.split('\n').filter((l) => l.startsWith('Consistency:'))).toEqual([
      `Consistency:  ${stub.verdict}`,
      `Consistency:  ${emulator.verdict}`,
    ])
    expect(consoleSummary(clean, { reports: [] })).not.toContain('Consistency:')
  })

  it('Markdown: the verdict in the summary, the section with the parity note, the tables and the curve as text', () => {
    expect(summaryMarkdownFile(report)).toContain(`consistency: ${emulator.verdict}`)
    const md = matrixMarkdown(report)
    const section = md.slice(md.indexOf('## Observed consistency'), md.indexOf('## Targets'))
    expect(section).toContain(`**${stub.verdict}**`)
    expect(section).toContain(`> ${stub.parityNote}`)
    expect(section).not.toMatch(/<[a-z]/i) // GitHub would swallow anything that looks like a tag
    expect(section.match(/^> /gm)).toHaveLength(1) // the emulator with stale reads has no parity note
    expect(section).toContain('| Operation | Reads | After a write | Stale | Stale share |')
    expect(section).toMatch(/\| 0–50 ms \| 275 \| \d+ \| █{7}░{3} 7\d\.\d %/)
    expect(section).toMatch(/- convergence: p50 \d+ ms · p99 1\.\d s · max 2 s/)
    expect(matrixMarkdown(clean)).not.toContain('Observed consistency')
  })

  it('HTML: the section with both verdicts, a titled chart per target and the window marked', () => {
    const html = matrixHtml(report)
    expect(html).toContain('<h2>Observed consistency</h2>')
    expect(html).toContain(
      '<title id="chart-consistency-1-t">Reads reflecting the latest write — endpoint http://127.0.0.1:8780</title>',
    )
    expect(html).toContain('window 2 s')
    expect(html.indexOf('<h2>Observed consistency</h2>')).toBeLessThan(html.indexOf('<h2>Charts</h2>'))
    expect(matrixHtml(clean)).not.toContain('Observed consistency')
  })

  it('a share short of 100 % never reads as 100 %', () => {
    expect(percent(0.9996)).toBe('> 99.9 %')
    expect(percent(1)).toBe('100 %')
    expect(percent(0.0004)).toBe('< 0.1 %')
    expect(percent(0.7054)).toBe('70.5 %')
    expect(percent(0.21)).toBe('21 %')
  })
})
