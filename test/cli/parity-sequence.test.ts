// `parity --sequence <seed> --against <target>` (src/cli/recording-commands.ts): one seeded sequence on two
// targets. Two stubs alike answer alike everywhere (exit 0); a stub with a planted deviation answers otherwise
// where it deviates, and the histogram names the field that differed first (exit 1 below --min-alike).
import { describe, expect, it } from 'vitest'
import { parityCommands, sequenceParityCommand } from '../../src/cli/recording-commands'
import { firstDifference } from '../../src/harness/sequence-parity'
import type { TargetSettings } from '../../src/settings'

const stub = (quirks: string[] = []): TargetSettings => ({ target: 'stub', quirks }) as TargetSettings

async function parity(against: TargetSettings, minAlike?: number): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = []
  const code = await sequenceParityCommand(stub(), against, { seed: 5, commands: 200, minAlike }, (l) => lines.push(l))
  return { code, lines }
}

describe('parity --sequence', () => {
  it('the sequence is seeded and reaches every operation', () => {
    const cmds = parityCommands(5, 300)
    expect(parityCommands(5, 300)).toEqual(cmds)
    const ops = new Set(cmds.map((c) => (c.op === 'Raw' ? c.operation : c.op)))
    for (const op of ['CreateView', 'DescribeView', 'UpdateViewContent', 'UpdateViewMetadata', 'CreateViewVersion'])
      expect(ops).toContain(op)
    for (const op of ['DeleteView', 'DeleteViewVersion', 'ListViews', 'ListViewVersions', 'SearchViews'])
      expect(ops).toContain(op)
    for (const op of ['TagResource', 'UntagResource', 'ListTagsForResource']) expect(ops).toContain(op)
  })

  it('two stubs answer alike: 100 %, exit 0', async () => {
    const { code, lines } = await parity(stub())
    expect(lines[0]).toMatch(/answers alike \(100\.0 %\)/)
    expect(code).toBe(0)
  }, 60_000)

  it('a deviating stub: the share drops, the first differing field is named, exit 1 below --min-alike', async () => {
    const { code, lines } = await parity(stub(['saved-update-changes-latest']), 0.99)
    expect(lines[0]).not.toMatch(/\(100\.0 %\)/)
    expect(lines.find((l) => l.trim().startsWith('DescribeView'))).toMatch(/first difference: \/projection\/View\//)
    expect(code).toBe(1)
  }, 60_000)

  it('the first difference is the first leaf that differs, or the one only the second answer has', () => {
    expect(firstDifference({ ok: false, error: 'A' }, { ok: false, error: 'B' })).toBe('/error')
    expect(firstDifference({ ok: true, projection: { a: 1 } }, { ok: true, projection: { a: 1, b: 2 } })).toBe(
      '/projection/b',
    )
    expect(firstDifference({ ok: true, projection: { a: 1 } }, { ok: true, projection: { a: 1 } })).toBeUndefined()
  })
})
