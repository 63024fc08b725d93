// Pact provider states against an eventually consistent target: a write the target refuses as not found on a
// view arranged moments ago is tried again, and once the target has shown stale answers the arranged state is
// left to settle for the convergence window, so the interaction's own request sees the state it was promised.
import { describe, expect, it } from 'vitest'
import { createTarget } from '../../src/targets/create-target'
import { StateArranger } from '../../src/verification/state-arranger'
import { STATE } from '../../src/verification/provider-states'

const staleStub = () =>
  createTarget({ target: 'stub', stub: { faults: { eventual: { windowMs: 300, notFoundRate: 0.5, seed: 4 } } } })

async function versionsSeen(arranger: StateArranger, viewId: string, reads: number): Promise<number[]> {
  const seen: number[] = []
  for (let i = 0; i < reads; i++) {
    const o = await arranger.target.send('ListViewVersions', { InstanceId: arranger.target.instanceId, ViewId: viewId })
    seen.push(o.ok ? (o.output.ViewVersionSummaryList as unknown[]).length : -1)
  }
  return seen
}

describe('provider states under eventual consistency', () => {
  it('arranges through not-found answers and lets the state settle before it is verified', async () => {
    const target = await staleStub()
    const arranger = new StateArranger(target, { consistency: { windowMs: 400, staleSeen: true } })
    const values = await arranger.arrange(STATE.publishedVersions, { N: 3 })
    expect(await versionsSeen(arranger, values.viewId!, 12)).toEqual(Array(12).fill(3))
    await arranger.cleanup()
    await target.close()
  })

  it('without the consistency model the same stub refuses or shows the state stale (the test can fail)', async () => {
    const target = await staleStub()
    const arranger = new StateArranger(target)
    let arranged: Record<string, string> | undefined
    try {
      arranged = (await arranger.arrange(STATE.publishedVersions, { N: 3 })) as Record<string, string>
    } catch (e) {
      expect((e as Error).message).toContain('ResourceNotFoundException')
    }
    if (arranged) expect(await versionsSeen(arranger, arranged.viewId!, 12)).not.toEqual(Array(12).fill(3))
    await target.close()
  })
})
