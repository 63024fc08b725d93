// The gate on a real client-connect release. 3.932.0 runs by default: it lacks SearchViews, reads an empty
// error body's message as "Unknown" instead of "UnknownError", and serialises CreateView's members in another
// order. The gate must fail it for the first two and call the third cosmetic. The release is a prerequisite
// `npm run setup:test` installs from the npm registry (or npm's cache) into the gate's folder in the OS temp
// dir: this test only finds it there, and without it fails in one line under CI (elsewhere it skips so).
// Any other release, schemas included (slow: ~20 s; installed from the registry by the gate itself), is opt-in:
//   SDK_GATE_CANDIDATE=3.1108.0 npx vitest run test/sdk-gate/real-candidate.test.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sdkGateCommand, type GateReport } from '../../src/sdk-gate'
import { REAL_CANDIDATE, realCandidateMissing, skipWithout } from '../support/prerequisites'

const out = mkdtempSync(join(tmpdir(), 'gate-real-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

async function gate(candidate: string, schemas: boolean): Promise<{ code: number; report: GateReport; text: string }> {
  const lines: string[] = []
  const dir = join(out, candidate)
  const code = await sdkGateCommand({
    candidate,
    out: dir,
    schemas,
    stdout: (t) => lines.push(t),
    stderr: (t) => lines.push(t),
  })
  const text = lines.join('\n')
  expect(code, text).toBeLessThan(2)
  return { code, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as GateReport, text }
}

const missing = skipWithout(realCandidateMissing())

describe.skipIf(missing)(`SDK gate against @aws-sdk/client-connect ${REAL_CANDIDATE} (a real older release)`, () => {
  it('exits 1 for the missing SearchViews and the changed error message; the member-order changes are cosmetic', async () => {
    const { code, report, text } = await gate(REAL_CANDIDATE, false)
    expect(code, text).toBe(1)
    const breaking = report.differences.filter((d) => d.severity === 'breaking')
    const cosmetic = report.differences.filter((d) => d.severity === 'cosmetic')
    expect(report.differences.slice(0, breaking.length).every((d) => d.severity === 'breaking')).toBe(true) // breaking first
    // every breaking difference is one of the two real reasons
    for (const d of breaking)
      expect(d.id.includes('SearchViews') || d.id === 'protocol/error-header-only-empty-body', d.id).toBe(true)
    expect(
      breaking.filter((d) => d.kind === 'outcome' && d.reasons.some((r) => /no SearchViewsCommand/.test(r))),
    ).toHaveLength(7)
    expect(breaking.find((d) => d.id === 'protocol/error-header-only-empty-body')!.reasons).toEqual([
      'outcome $.error.message: "UnknownError" → "Unknown"',
    ])
    // the reordered CreateView bodies: cosmetic, the changed body hash explained by the bytes
    expect(cosmetic.length).toBeGreaterThanOrEqual(10)
    for (const d of cosmetic) {
      expect(d.kind).toBe('request')
      expect(d.op).toBe('CreateView')
      expect(d.reasons[0]).toMatch(/^request body bytes differ but parse to the same JSON/)
    }
    expect(report.severities).toEqual({ breaking: breaking.length, additive: 0, cosmetic: cosmetic.length })
    expect(text.indexOf('== Breaking')).toBeLessThan(text.indexOf('== Cosmetic'))
  }, 120_000)
})

const candidate = process.env.SDK_GATE_CANDIDATE

describe.skipIf(!candidate)(
  'SDK gate against $SDK_GATE_CANDIDATE with schemas (opt-in, skipped unless SDK_GATE_CANDIDATE=<version> is set)',
  () => {
    it(`compares @aws-sdk/client-connect@${candidate ?? '$SDK_GATE_CANDIDATE'} with the pinned one`, async () => {
      const { code, report, text } = await gate(candidate!, true)
      console.info(text)
      expect(report.schemas).toBe('compared')
      expect(code).toBe(report.breaking ? 1 : 0)
    }, 600_000)
  },
)
