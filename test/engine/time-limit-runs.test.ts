// A property's time budget (fast-check's interruptAfterTimeLimit) cannot stop a run under way: fast-check stops
// waiting for it and ignores its outcome. The property must still not end before that run does, or the next
// property's reset deletes the views it is using while it keeps calling the target (once, a publish on such a
// deleted view taught the run's shared choice knowledge a wrong checksum pattern, and every later checksum
// failed R24 against a correct target). Nor may its late outcome, or what it asserts late, count toward the verdict.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runGenerated } from '../../src/engine/fast-check-run'
import { createTarget } from '../../src/targets/create-target'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

describe('a run still going when the time budget ends', () => {
  it('is waited for before the property ends, and its late failure is no verdict', async () => {
    const target = await createTarget({ target: 'stub' })
    let started = 0
    let finished = 0
    const { result } = await runGenerated(
      {
        identity: { property: 'slow', title: 'a run longer than the budget', rules: ['R1'] },
        arbitrary: fc.nat(),
        numRuns: 10,
        execute: async (_value, ledger) => {
          started++
          ledger.record('R1')
          await sleep(400)
          ledger.record('R2') // asserted after the budget: no credit
          finished++
          return {
            calls: 1,
            failure: { rule: 'R1', message: 'found after the budget', step: 0, commands: [], transcript: [] },
          }
        },
      },
      target,
      { seed: 1, mode: { strict: false }, timeLimitMs: 100 },
    )
    expect(started).toBe(1)
    expect(finished).toBe(1) // the property ended after its run did
    expect(result.status).not.toBe('failed')
    expect(result.assertions).toEqual({ R1: 1 })
    await target.close()
  })
})
