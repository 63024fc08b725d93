// R15's check in the differential property (timestamps must move forward): LastModifiedTime is never before CreatedTime,
// a write's answer never shows it going back, and an UpdateViewContent or a version-creating publish must
// show it later than an earlier accepted answer did once the two are far enough apart on the harness's clock
// that no tick of the target's clock can hide the move. Fed hand-made steps with their timings.
import { describe, expect, it } from 'vitest'
import { checkLastModifiedMovesForward, R15_TOLERANCE_MS, tickShownBy } from '../../src/properties/differential'
import type { CheckContext } from '../../src/harness/property-types'
import type { Cmd } from '../../src/harness/commands'
import type { Step } from '../../src/harness/session'

const describeCmd: Cmd = { op: 'DescribeView', slot: 0, ref: 'id', qualifier: '' }
const update: Cmd = { op: 'UpdateViewContent', slot: 0, status: 'SAVED', content: {}, ref: 'id' }
const publish: Cmd = { op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' }

/** A step whose target answered `View` between `sentAt` and `answeredAt` (harness ms); the model answers the same. */
const step = (View: Record<string, unknown>, cmd: Cmd = describeCmd, sentAt = 0, answeredAt = sentAt + 1): Step => ({
  index: 0,
  cmd,
  target: { outcome: { ok: true, output: { View } }, requests: [], sentAt, answeredAt },
  model: { outcome: { ok: true, output: { View } }, requests: [], sentAt, answeredAt },
})
const ctx = () => ({ memory: new Map(), assert: () => {} }) as unknown as CheckContext

describe('R15 LastModifiedTime check', () => {
  it('R15 accepts equal and later times', () => {
    const c = ctx()
    for (const t of [10, 10, 11.5])
      expect(checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 10, LastModifiedTime: t }), c)).toBeUndefined()
  })

  it("R15 flags a write's answer whose LastModifiedTime went back", () => {
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 1, LastModifiedTime: 20 }), c)
    expect(
      checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 1, LastModifiedTime: 19 }, update, 2), c)?.rule,
    ).toBe('R15')
  })

  it('R15 a read showing an older time is no failure: it may be stale (eventual consistency)', () => {
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 1, LastModifiedTime: 20 }, update), c)
    expect(checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 1, LastModifiedTime: 19 }), c)).toBeUndefined()
  })

  it('R15 flags a LastModifiedTime before CreatedTime, per view', () => {
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'a', CreatedTime: 1, LastModifiedTime: 50 }), c)
    expect(checkLastModifiedMovesForward(step({ Id: 'b', CreatedTime: 5, LastModifiedTime: 5 }), c)).toBeUndefined()
    expect(checkLastModifiedMovesForward(step({ Id: 'c', CreatedTime: 9, LastModifiedTime: 8 }), c)?.message).toMatch(
      /before CreatedTime/,
    )
  })

  it('R15 an UpdateViewContent far enough after an answer must show a later LastModifiedTime', () => {
    const c = ctx()
    // millisecond timestamps: the target's clock ticks every 1 ms
    checkLastModifiedMovesForward(
      step({ Id: 'v', CreatedTime: 100.123, LastModifiedTime: 100.123 }, describeCmd, 0, 3),
      c,
    )
    const f = checkLastModifiedMovesForward(
      step({ Id: 'v', CreatedTime: 100.123, LastModifiedTime: 100.123 }, update, 3 + 1 + R15_TOLERANCE_MS + 1),
      c,
    )
    expect(f?.rule).toBe('R15')
    expect(f?.message).toMatch(/did not move after UpdateViewContent: still 100\.123/)
    expect(f?.message).toMatch(/1 ms tick/)
  })

  it('R15 within one tick plus the tolerance an unchanged LastModifiedTime is legitimate', () => {
    const c = ctx()
    checkLastModifiedMovesForward(
      step({ Id: 'v', CreatedTime: 100.123, LastModifiedTime: 100.123 }, describeCmd, 0, 3),
      c,
    )
    expect(
      checkLastModifiedMovesForward(
        step({ Id: 'v', CreatedTime: 100.123, LastModifiedTime: 100.123 }, update, 3 + 1 + R15_TOLERANCE_MS),
        c,
      ),
    ).toBeUndefined()
  })

  it('R15 a target whose timestamps show whole seconds only gets one second plus the tolerance', () => {
    expect([tickShownBy(100), tickShownBy(100.5), tickShownBy(100.25), tickShownBy(100.125)]).toEqual([
      1000, 100, 10, 1,
    ])
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 100, LastModifiedTime: 100 }, describeCmd, 0, 10), c)
    expect(
      checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 100, LastModifiedTime: 100 }, update, 900), c),
    ).toBeUndefined()
    expect(
      checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 100, LastModifiedTime: 100 }, update, 1100), c)?.rule,
    ).toBe('R15')
  })

  it('R15 a publish that created a version must move it; a no-change publish (R11) need not', () => {
    const c = ctx()
    const view = (t: number, version: number) => ({
      Id: 'v',
      CreatedTime: 100.001,
      LastModifiedTime: t,
      Version: version,
    })
    checkLastModifiedMovesForward(step(view(100.5, 1), publish, 0, 1), c) // version 1 created: first answer seen
    // version 1 again: nothing was created, so LastModifiedTime may stay (R11, R38)
    expect(checkLastModifiedMovesForward(step(view(100.5, 1), publish, 100, 101), c)).toBeUndefined()
    // version 2 created, long after: it must have moved
    expect(checkLastModifiedMovesForward(step(view(100.5, 2), publish, 200, 201), c)?.message).toMatch(
      /a CreateViewVersion that created a version/,
    )
  })

  it("R15 a ClientToken retry's answer is no observation: it may be the first call's answer (R6a)", () => {
    const c = ctx()
    checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 100.001, LastModifiedTime: 100.5 }, update, 0, 1), c)
    const retry: Cmd = { op: 'RetryCreateView', slot: 0 }
    expect(
      checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 100.001, LastModifiedTime: 100.001 }, retry, 50), c),
    ).toBeUndefined()
    // and the next update is judged against the update's answer, not the retry's older time
    expect(
      checkLastModifiedMovesForward(step({ Id: 'v', CreatedTime: 100.001, LastModifiedTime: 100.7 }, update, 100), c),
    ).toBeUndefined()
  })
})
