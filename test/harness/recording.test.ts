// Recordings: a transcript recorded on one target replays against another; differences show as diffs of
// normalised answers, and rules the recorded target agreed with (strictly) are listed as confirmed.
import { afterEach, describe, expect, it } from 'vitest'
import { differential } from '../../src/properties/differential'
import { compareWithRecording, confirmedByLiveRecordings, record, sampleCommands } from '../../src/harness/recording'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const targets: Target[] = []
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})
async function stub(quirks: string[] = [], choices: Record<string, string> = {}): Promise<Target> {
  const t = await createTarget({ target: 'stub', stub: { modelOptions: { quirks, choices } } })
  targets.push(t)
  return t
}

describe('recorded transcripts', () => {
  const cmds = sampleCommands(differential, 99, 40)

  it('a correct target replays a recording of a correct target with no differences', async () => {
    const rec = await record(await stub(), cmds, 99)
    expect(rec.steps.length).toBeGreaterThan(10)
    expect(rec.contradicts).toEqual([])
    expect(await compareWithRecording(rec, await stub())).toEqual([])
  })

  it('an emulator that differs from the recording is shown step by step, undocumented behaviour included', async () => {
    // the recorded target answers a numbered version with its own checksum and reports Version on aliases
    const rec = await record(await stub([], { aliasVersionField: 'highest' }), cmds, 99)
    const diffs = await compareWithRecording(rec, await stub())
    expect(diffs.length).toBeGreaterThan(0)
    expect(diffs[0].diff).toMatch(/recorded \(stub\)/)
  })

  it('a quirky target contradicts the model in strict mode and confirms nothing it broke', async () => {
    const rec = await record(
      await stub(['checksum-not-checked']),
      [
        ...differential.prelude!,
        {
          op: 'UpdateViewContent',
          slot: 0,
          status: 'PUBLISHED',
          content: { Template: '{"x":1}', Actions: [] },
          ref: 'id',
        },
        { op: 'CreateViewVersion', slot: 0, sha: 'stale', ref: 'id' },
      ],
      1,
    )
    expect(rec.contradicts).toContain('R12')
  })

  it('only recordings of live AWS confirm rules', () => {
    const base = {
      format: 'connect-views-conformance/recording@1' as const,
      recordedAt: '',
      seed: 1,
      steps: [],
      contradicts: [],
    }
    const confirmed = confirmedByLiveRecordings([
      { ...base, target: { kind: 'aws', label: 'aws', region: 'us-east-1' }, confirms: ['R37', 'R21'] },
      { ...base, target: { kind: 'stub', label: 'stub', region: 'us-east-1' }, confirms: ['R41'] },
    ])
    expect([...confirmed].sort()).toEqual(['R21', 'R37'])
  })
})
