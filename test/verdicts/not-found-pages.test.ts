// An honest implementation probe: a target that implements every operation but answers a view that does
// not exist with an HTML 404 page (a web framework's default) is reported with 13/13 operations implemented
// and exactly one failing cause, the not-found rule (R25) on the operations that do it — not "10 operations
// not implemented" with every command of theirs skipped. A target whose CreateView is missing is probed the
// old way, on a view that does not exist, and the report says so.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { ConformanceReport, TargetReport } from '../../src/report/report-types'
import { consoleSummary } from '../../src/report/console-summary'
import { OPERATION_NAMES } from '../../src/spec'
import { startStubServer, type StubServer } from '../../src/stub'
import { VIEW_ADDRESSED } from '../../src/targets/implementation-probe'

process.env.PACT_DO_NOT_TRACK = 'true'
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

async function run(args: string[]): Promise<{ code: number; report: ConformanceReport; t: TargetReport }> {
  const out = mkdtempSync(join(tmpdir(), 'cvc-pages-'))
  const code = await main(['node', 'conformance', 'run', '--report', 'json', '--out', out, ...args])
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport
  return { code, report, t: report.targets[0]! }
}

describe('a target that answers unknown ids with an HTML 404 page (quirk html-404-for-unknown-ids)', () => {
  let r: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    r = await run(['--target', 'stub', '--quirk', 'html-404-for-unknown-ids', '--seed', '1', '--runs', '10'])
  }, 120_000)

  it('has 13/13 operations implemented, probed on a view the probe created', () => {
    expect(r.t.totals.operationsNotImplemented).toEqual([])
    expect(r.t.coverage.map((c) => c.implementation)).toEqual(OPERATION_NAMES.map(() => 'implemented'))
    expect(r.t.stats.probe).toEqual({ on: 'own-view' })
  })

  it('fails exactly one cause: R25, on the operations that address a view, with the page as evidence', () => {
    expect(r.code).toBe(1)
    expect(r.t.totals.failingRules).toEqual(['R25'])
    expect(r.t.failureGroups?.map((g) => `${g.rule} ${g.operation} ${g.count}`)).toEqual(['R25 DescribeView 1'])
    const probe = r.t.properties.find((p) => p.id === 'implementation-probe')!
    expect(probe.status).toBe('failed')
    expect(probe.failure?.rule).toBe('R25')
    expect(probe.failure?.message).toContain('HTTP 404, text/html')
    for (const op of VIEW_ADDRESSED) expect(probe.failure?.message).toContain(op)
    // every other property ran to its verdict: the page, read as ResourceNotFoundException, hid nothing
    expect(r.t.properties.filter((p) => p.status === 'failed').map((p) => p.id)).toEqual(['implementation-probe'])
  })

  it('says so in the verdict: one rule broken, no operation not implemented', () => {
    const text = consoleSummary(r.report, { reports: [] })
    expect(text).toMatch(/Verdict: +FAILED — 1 property failed\n/)
    expect(text).toContain('Operations:   13/13 exercised')
    expect(text).toContain('Failures:     1 distinct cause (1 failing check)')
    expect(text).toMatch(/RESULT: FAILED — 1 rule broken on stub \+html-404-for-unknown-ids$/)
    expect(text).not.toContain('not implemented')
  })
})

describe('a target whose CreateView is missing', () => {
  let server: StubServer
  let r: Awaited<ReturnType<typeof run>>
  beforeAll(async () => {
    const views = OPERATION_NAMES.filter((op) => !['TagResource', 'UntagResource', 'ListTagsForResource'].includes(op))
    server = await startStubServer({ coreOptions: { missingOperations: views } })
    r = await run(['--target', server.url, '--seed', '1', '--runs', '2', '--only', 'differential'])
  }, 120_000)
  afterAll(() => server?.close())

  it('is probed on a view that does not exist, and the report says why', () => {
    expect(r.t.stats.probe?.on).toBe('absent-view')
    expect(r.t.stats.probe?.note).toMatch(/^CreateView is not implemented: the other operations were probed on a view/)
    expect(r.t.totals.operationsNotImplemented).toHaveLength(10)
    expect(r.t.properties.map((p) => p.id)).toEqual(['differential'])
  })
})
