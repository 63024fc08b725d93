// R15's clock-free check in the differential property: LastModifiedTime never goes back and is never
// before CreatedTime. Fed hand-made steps, since no quirk bends timestamps.
import { describe, expect, it } from 'vitest'
import { checkLastModifiedMovesForward } from '../../src/properties/differential'
import type { CheckContext } from '../../src/engine/property-types'
import type { Step } from '../../src/harness/session'

const step = (View: Record<string, unknown>): Step => ({
  index: 0,
  cmd: { op: 'DescribeView', slot: 0, ref: 'id', qualifier: '' },
  target: { outcome: { ok: true, output: { View } }, requests: [] },
  model: { outcome: { ok: true, output: { View } }, requests: [] },
})
const ctx = () => ({ memory: new Map(), assert: () => {} }) as unknown as CheckContext

describe('R15 LastModifiedTime check', () => {
  it('R15 accepts equal and later times', () => {
    const c = ctx()
    for (const t of [10, 10, 11.5])
      expect(checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 10, LastModifiedTime: t }), c)).toBeUndefined()
  })
  it('R15 flags a LastModifiedTime that goes back', () => {
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 1, LastModifiedTime: 20 }), c)
    expect(checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 1, LastModifiedTime: 19 }), c)?.rule).toBe('R15')
  })
  it('R15 flags a LastModifiedTime before CreatedTime, per view', () => {
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'a', CreatedTime: 1, LastModifiedTime: 50 }), c)
    expect(checkLastModifiedMovesForward(step({ Id: 'b', CreatedTime: 5, LastModifiedTime: 5 }), c)).toBeUndefined()
    expect(checkLastModifiedMovesForward(step({ Id: 'c', CreatedTime: 9, LastModifiedTime: 8 }), c)?.message).toMatch(
      /before CreatedTime/,
    )
  })
})
