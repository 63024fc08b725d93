// Target lanes (a rate-limited target has a budget per API, so several APIs at once go faster): independent sequences run concurrently against one rate-limited target,
// each lane resetting only its own views, while the run keeps one identity, one clean-up and one report.
import { describe, expect, it } from 'vitest'
import type { StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import { ListLock } from '../../src/targets/list-lock'
import type { Target } from '../../src/targets/target'
import { endpointFixture } from './support/endpoint-fixture'

const fx = endpointFixture()

const CONTENT = { Template: '{"Head":{"Title":"lane"},"Body":[]}', Actions: [] }

/** Creates one view the way a sequence does: its own name prefix and the run tag (the guard insists). */
async function createIn(lane: Target, name: string): Promise<string> {
  const id = lane.sequenceIdentity()
  const o = await lane.send('CreateView', {
    InstanceId: lane.instanceId,
    Name: `${id.namePrefix}${name}`,
    Status: 'SAVED',
    Content: CONTENT,
    Tags: { [id.tag.key]: id.tag.value },
  })
  if (!o.ok) throw new Error(`CreateView failed: ${o.error.name}`)
  return (o.output.View as { Id: string }).Id
}

async function exists(t: Target, viewId: string): Promise<boolean> {
  const o = await t.send('DescribeView', { InstanceId: t.instanceId, ViewId: `${viewId}:$SAVED` })
  if (!o.ok && o.error.name !== 'ResourceNotFoundException') throw new Error(`DescribeView: ${o.error.name}`)
  return o.ok
}

/** Customer views the stub holds, read straight from its model (no call through the target). */
const customerViews = (s: StubServer) =>
  (
    s.core.model.invoke('ListViews', {
      InstanceId: s.core.model.instances[0],
      Type: 'CUSTOMER_MANAGED',
      MaxResults: 100,
    }).ViewsSummaryList as unknown[]
  ).length

describe('lanes of an endpoint target (guarded)', () => {
  it('interleaved creates and resets: each lane resets only its own views, neither loses one', async () => {
    const { target } = await fx.open()
    const [a, b] = [target.lane(), target.lane()]
    const aViews: string[] = []
    const bViews: string[] = []
    for (let round = 0; round < 3; round++) {
      // both lanes at once: a resets (deleting its previous view) while b creates, then the other way round
      const [, bView] = await Promise.all([a.resetBetweenRuns(), createIn(b, `b${round}`)])
      bViews.push(bView)
      const [aView] = await Promise.all([createIn(a, `a${round}`), b.resetBetweenRuns().then(() => bViews.pop()!)])
      aViews.push(aView)
      expect(await exists(a, aView)).toBe(true)
      expect([...a.owned.keys()]).toEqual([aView])
      expect(b.owned.size).toBe(0)
    }
    // a's reset at the start of each round deleted a's previous view, never b's; b's deleted only b's
    expect(await Promise.all(aViews.slice(0, -1).map((v) => exists(a, v)))).toEqual([false, false])
    expect(target.stats.calls).toBeGreaterThan(0) // one shared tally
    expect(target.stats).toBe(a.stats)
  })

  it('sequence identities stay unique across lanes', async () => {
    const { target } = await fx.open()
    const lanes = [target, target.lane(), target.lane()]
    const prefixes = Array.from({ length: 12 }, (_, i) => lanes[i % 3]!.sequenceIdentity().namePrefix)
    expect(new Set(prefixes).size).toBe(12)
  })

  it('closing the target deletes what every lane left', async () => {
    const { server, target } = await fx.open()
    const [a, b] = [target.lane(), target.lane()]
    await Promise.all([createIn(a, 'a'), createIn(b, 'b'), createIn(b, 'b2')])
    expect(customerViews(server)).toBe(3)
    await fx.closeTarget()
    expect(customerViews(server)).toBe(0)
  })

  it('a view a lane failed to delete is listed once for the run and retried by the final clean-up', async () => {
    const { server, target } = await fx.open({
      coreOptions: {
        faults: { forceError: [{ operation: 'DeleteView', errorName: 'AccessDeniedException', times: 2 }] },
      },
    })
    const [a, b] = [target.lane(), target.lane()]
    const [va, vb] = await Promise.all([createIn(a, 'a'), createIn(b, 'b')])
    await Promise.all([a.resetBetweenRuns(), b.resetBetweenRuns()])
    expect([...target.cleanupFailures.keys()].sort()).toEqual([va, vb].sort())
    await fx.closeTarget() // the forced errors are spent: the retry deletes both
    expect(customerViews(server)).toBe(0)
  })

  it('views no delete could remove are reported for every lane after the final clean-up', async () => {
    const { target } = await fx.open({
      coreOptions: {
        faults: { forceError: [{ operation: 'DeleteView', errorName: 'AccessDeniedException', times: Infinity }] },
      },
    })
    const [a, b] = [target.lane(), target.lane()]
    const [va, vb, vb2] = await Promise.all([createIn(a, 'a'), createIn(b, 'b'), createIn(b, 'b2')])
    await b.close() // a lane's own clean-up fails: its view stays listed for the target's
    await fx.closeTarget()
    expect([...target.cleanupFailures.keys()].sort()).toEqual([va, vb, vb2].sort())
    expect(target.cleanupDeleted).toBe(0)
  })

  it('a lane that closes deletes its views and leaves the shared client open for the others', async () => {
    const { target } = await fx.open()
    const [a, b] = [target.lane(), target.lane()]
    const [va, vb] = await Promise.all([createIn(a, 'a'), createIn(b, 'b')])
    await a.close()
    expect(await exists(b, va)).toBe(false)
    expect(await exists(b, vb)).toBe(true)
  })

  it('no list-changing call of another lane lands between the pages of a ListViews walk', async () => {
    const { target } = await fx.open()
    const [a, b] = [target.lane(), target.lane()]
    const order: string[] = []
    // (the walk hands the pending create out in an object: returning the promise itself would await it)
    const { create } = await a.whileListing(async () => {
      const create = createIn(b, 'during').then(() => order.push('create'))
      await new Promise((r) => setTimeout(r, 150)) // ample time for a loopback CreateView
      order.push('walk done')
      return { create }
    })
    await create
    expect(order).toEqual(['walk done', 'create'])
  })
})

describe('targets whose reset wipes everything', () => {
  it('the embedded stub has no lanes: the engine must run its sequences one at a time', async () => {
    const target = await createTarget({ target: 'stub' })
    expect(target.supportsLanes).toBe(false)
    expect(() => target.lane()).toThrow(/one at a time/)
    await target.close()
  })
})

describe('ListLock', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5))
  it('runs work of one kind together and the other kind only after it', async () => {
    const lock = new ListLock()
    const log: string[] = []
    const job = (kind: 'listing' | 'changing', name: string, ms: number) =>
      lock.run(kind, async () => {
        log.push(`+${name}`)
        await new Promise((r) => setTimeout(r, ms))
        log.push(`-${name}`)
      })
    await Promise.all([
      job('changing', 'c1', 20),
      job('changing', 'c2', 5),
      (async () => {
        await tick()
        await job('listing', 'l1', 5)
      })(),
    ])
    expect(log.indexOf('+l1')).toBeGreaterThan(log.indexOf('-c1'))
    expect(log.indexOf('+l1')).toBeGreaterThan(log.indexOf('-c2'))
    expect(log.indexOf('+c2')).toBeLessThan(log.indexOf('-c1')) // the two changes overlapped
  })

  it('a waiting listing is not starved by changes that arrive after it', async () => {
    const lock = new ListLock()
    const log: string[] = []
    const job = (kind: 'listing' | 'changing', name: string) =>
      lock.run(kind, async () => {
        log.push(name)
        await tick()
      })
    const first = job('changing', 'c1')
    const listing = job('listing', 'l1')
    const late = job('changing', 'c2') // arrives while l1 waits: queued behind it
    await Promise.all([first, listing, late])
    expect(log).toEqual(['c1', 'l1', 'c2'])
    expect(lock.state).toEqual({ holding: undefined, holders: 0, waiting: 0 })
  })
})
