// Opt-in: the real gate against a real client-connect release (npm install into a temp folder, both SDKs,
// schemas from both d.ts). Needs the registry or a warm npm cache, so it never runs by default:
//   SDK_GATE_CANDIDATE=3.1108.0 npx vitest run test/sdk-gate/real-candidate.test.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sdkGateCommand, type GateReport } from '../../src/sdk-gate'

const candidate = process.env.SDK_GATE_CANDIDATE

describe.skipIf(!candidate)('SDK gate against a real release (opt-in, skipped unless SDK_GATE_CANDIDATE=<version> is set)', () => {
  it(`compares @aws-sdk/client-connect@${candidate ?? '$SDK_GATE_CANDIDATE'} with the pinned one`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'gate-real-'))
    try {
      const lines: string[] = []
      const code = await sdkGateCommand({ candidate: candidate!, out, stdout: (t) => lines.push(t), stderr: (t) => lines.push(t) })
      console.info(lines.join('\n'))
      expect(code, lines.join('\n')).toBeLessThan(2)
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as GateReport
      expect(report.schemas).toBe('compared')
      expect(code).toBe(report.identical ? 0 : 1)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 600_000)
})
