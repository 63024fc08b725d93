// R6 as documented: a ClientToken retry answers the same view (Id, Arn) and creates no second one. What else
// the answer holds once the view changed is open (R6a, choice clientTokenRetryAnswer): the view as it is
// now, the first call's answer, or its current $SAVED. Default mode compares only what R6 documents; a stub
// serving any of the three passes, and one whose retry creates a second view fails R6.
import { afterEach, describe, expect, it } from 'vitest'
import { runProperty } from '../../src/engine/runners/sequential'
import { RefTable } from '../../src/harness/normalise'
import { project } from '../../src/harness/projection'
import { differential } from '../../src/properties/differential'
import { CHOICE_OPTIONS } from '../../src/spec'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const targets: Target[] = []
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})

async function stub(modelOptions: { choices?: Record<string, string>; quirks?: string[] }): Promise<Target> {
  const t = await createTarget({ target: 'stub', stub: { modelOptions } })
  targets.push(t)
  return t
}

const answer = {
  View: {
    Id: 'v-1',
    Arn: 'arn:aws:connect:us-east-1:123456789012:instance/i/view/v-1',
    Name: 'retried',
    Status: 'SAVED',
    Type: 'CUSTOMER_MANAGED',
    Content: { Template: '{"Head":{"Title":"c3"},"Body":[]}', Actions: [] },
  },
}

describe('R6 ClientToken retry', () => {
  it('R6 default mode compares the Id and Arn of a retry answer; R6a, once confirmed, its content too', () => {
    const cmd = { op: 'RetryCreateView' as const, slot: 0 }
    expect(project(cmd, answer, new RefTable(), { strict: false }, new Set())).toEqual({
      View: { Id: '<view:1>', Arn: '<arn:1>' },
    })
    const confirmed = project(cmd, answer, new RefTable(), { strict: true, confirmed: new Set(['R6a']) }, new Set())
    expect(confirmed.View).toMatchObject({ Id: '<view:1>', Status: 'SAVED', Content: answer.View.Content })
  })

  for (const value of CHOICE_OPTIONS.clientTokenRetryAnswer) {
    it(`R6 the differential property passes a stub whose retry answers ${value} (default mode)`, async () => {
      const target = await stub({ choices: { clientTokenRetryAnswer: value } })
      for (const seed of [1, 2, 3]) {
        const r = await runProperty(differential, target, { seed, numRuns: 30, mode: { strict: false } })
        expect(r.failure?.message ?? '', `seed ${seed}`).toBe('')
        expect(r.assertions?.R6, 'retries were checked').toBeGreaterThan(0)
      }
    }, 120_000)
  }

  it('R6 a retry that creates a second view fails R6', async () => {
    const target = await stub({ quirks: ['retry-creates-second-view'] })
    const r = await runProperty(differential, target, { seed: 1, mode: { strict: false } })
    expect(r.status).toBe('failed')
    expect(r.failure?.rule).toBe('R6')
  }, 120_000)
})
