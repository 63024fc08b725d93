// "Unimplemented is its own verdict" (a missing operation is not a wrong answer): a target that lacks operations — our stub told to
// answer them like an emulator that has no such route — is reported with those operations *not implemented*
// (with the evidence), the rules only they could exercise *not exercised*, no rule `passed` without an
// executed assertion, no failure blamed on the missing operations, and the rest of the run going on.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConformanceReport, TargetReport } from '../../src/report/report-types'
import { OPERATION_NAMES, type OperationName } from '../../src/spec'
import { startStubServer, type StubServer } from '../../src/stub'
import { runCli, tempDir, type CliResult } from '../cli/support/cli'

const TAGGING_AND_SEARCH: OperationName[] = ['SearchViews', 'TagResource', 'UntagResource', 'ListTagsForResource']
const VIEW_OPERATIONS = OPERATION_NAMES.filter(
  (op) => !['TagResource', 'UntagResource', 'ListTagsForResource'].includes(op),
)
const PROPERTIES = [
  'immutability',
  'monotonic-versions',
  'saved-vs-latest',
  'checksum-conflict',
  'no-change-publish',
  'pagination',
  'delete',
  'validation',
  'differential',
  'concurrency',
  'contracts',
]

function report(out: string): TargetReport {
  return (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
}

function expectNoVacuousPass(t: TargetReport): void {
  for (const r of t.rules)
    if (r.status === 'passed') expect(r.assertions, `${r.id} passed without an executed assertion`).toBeGreaterThan(0)
}

describe('a target without SearchViews and tagging (HTML 404 pages)', () => {
  let server: StubServer
  let run: CliResult
  let out: string
  beforeAll(async () => {
    server = await startStubServer({ coreOptions: { missingOperations: TAGGING_AND_SEARCH } })
    out = tempDir()
    run = await runCli(
      ['run', '--target', server.url, '--strict', '--runs', '4', '--seed', '3', '--out', out, '--only', ...PROPERTIES],
      { timeoutMs: 120_000 },
    )
  }, 130_000)
  afterAll(() => server?.close())

  it('exits 1: a missing operation is a conformance gap, and the run still went through every property', () => {
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(report(out).properties.map((p) => p.id)).toEqual(PROPERTIES)
  })

  it('marks exactly those operations not implemented, with the status, content type and first bytes', () => {
    const t = report(out)
    for (const c of t.coverage) {
      if (TAGGING_AND_SEARCH.includes(c.operation as OperationName)) {
        expect(c.implementation, c.operation).toBe('not-implemented')
        expect(c.evidence).toMatchObject({
          status: 404,
          contentType: expect.stringContaining('text/html'),
          firstBytes: expect.stringMatching(/^<!doctype/),
        })
      } else {
        expect(c.implementation, c.operation).toBe('implemented')
        expect(c.calls, c.operation).toBeGreaterThan(0)
      }
    }
    expect(t.totals.operationsNotImplemented).toEqual([...TAGGING_AND_SEARCH].sort())
  })

  it('blames nothing on them: no property fails, rules only they exercise are not exercised, no pass is vacuous', () => {
    const t = report(out)
    expect(t.properties.filter((p) => p.status === 'failed').map((p) => `${p.id}: ${p.failure?.message}`)).toEqual([])
    const contracts = t.properties.find((p) => p.id === 'contracts')!
    const skipped = (contracts.interactions ?? []).filter((i) => i.status === 'not-verified')
    expect(skipped.length).toBeGreaterThan(0)
    for (const i of skipped)
      expect(i.mismatch).toMatch(/does not implement (SearchViews|TagResource|UntagResource|ListTagsForResource)/)
    expect((contracts.interactions ?? []).filter((i) => i.status === 'passed').length).toBeGreaterThan(0)
    const byId = new Map(t.rules.map((r) => [r.id, r]))
    // R21 (tags mirror the view), R40 (tags go with the view), R46 (search) rest on the missing operations only
    for (const id of ['R21', 'R40', 'R46']) expect(byId.get(id)?.status, id).toBe('not-exercised')
    // the rest of the run went on: the view rules are still checked
    for (const id of ['R1', 'R10', 'R12', 'R16', 'R27']) expect(byId.get(id)?.status, id).toBe('passed')
    expectNoVacuousPass(t)
    expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toContain('SyntaxError')
  })
})

describe('a target without any view operation (UnknownOperationException)', () => {
  let server: StubServer
  let run: CliResult
  let out: string
  beforeAll(async () => {
    server = await startStubServer({
      coreOptions: { missingOperations: VIEW_OPERATIONS, missingAs: 'unknown-operation' },
    })
    out = tempDir()
    run = await runCli(
      ['run', '--target', server.url, '--runs', '4', '--seed', '3', '--out', out, '--only', ...PROPERTIES],
      { timeoutMs: 60_000 },
    )
  }, 70_000)
  afterAll(() => server?.close())

  it('reports every view operation not implemented, every property inconclusive, no view rule passed', () => {
    expect(run.code).toBe(1)
    const t = report(out)
    for (const op of VIEW_OPERATIONS)
      expect(t.coverage.find((c) => c.operation === op)?.implementation, op).toBe('not-implemented')
    expect(t.properties.map((p) => p.status)).toEqual(PROPERTIES.map(() => 'inconclusive'))
    // the Pact interactions that need those operations are not verified, never failed
    const contracts = t.properties.find((p) => p.id === 'contracts')!
    expect(contracts.interactions?.length).toBeGreaterThan(0)
    for (const i of contracts.interactions ?? []) expect(i.status, i.interaction).toBe('not-verified')
    for (const p of t.properties) expect(p.note, p.id).toMatch(/does not implement/)
    expect(t.rules.filter((r) => r.status === 'passed' || r.status === 'failed').map((r) => r.id)).toEqual([])
  })

  it('sends almost nothing once it knows: the probe, no spinning through empty sequences', () => {
    expect(report(out).stats.calls).toBeLessThanOrEqual(OPERATION_NAMES.length)
  })
})
