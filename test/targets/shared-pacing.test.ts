// One limiter for the run and the Pact verifier's child (src/targets/shared-pacing.ts): the child's slots come
// from the run's limiter, first in line, its answers correct the run's model, and its list work takes the
// run's list lock like a lane. And a lane waiting on its API's bucket holds no lock (Target.send).
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { OperationName } from '../../src/spec'
import type { Limiter } from '../../src/targets/rate-limiter'
import { ParentPacedLimiter, servePacing, type PacingChannel } from '../../src/targets/shared-pacing'
import type { Target } from '../../src/targets/target'
import { endpointFixture } from './support/endpoint-fixture'

const fx = endpointFixture()

/** Both ends of an IPC channel, in process: what one end sends, the other hears (asynchronously, as over IPC). */
function channelPair(): [PacingChannel, PacingChannel] {
  const [a, b] = [new EventEmitter(), new EventEmitter()]
  const end = (self: EventEmitter, other: EventEmitter): PacingChannel => ({
    send: (m) => setImmediate(() => other.emit('message', m)),
    on: (e, l) => self.on(e, l),
  })
  return [end(a, b), end(b, a)]
}

/** A limiter that records what it is asked and grants a slot only when the test opens its gate. */
function gatedLimiter() {
  const asked: { op: OperationName; first: boolean }[] = []
  const observed: unknown[][] = []
  const gates: (() => void)[] = []
  let free = false
  const limiter: Limiter = {
    acquire: (op, first = false) => {
      asked.push({ op, first })
      return free ? Promise.resolve() : new Promise<void>((go) => gates.push(go))
    },
    observe: (...args) => void observed.push(args),
  }
  return {
    limiter,
    asked,
    observed,
    open: () => gates.shift()?.(),
    /** Every slot from now on at once (the target's clean-up after the test). */
    free: () => {
      free = true
      for (const go of gates.splice(0)) go()
    },
  }
}

const tick = () => new Promise((r) => setTimeout(r, 30))

/** Whether the target's list lock grants `kind` now (then released again at once). */
async function grantsNow(target: Target, kind: 'listing' | 'changing'): Promise<boolean> {
  let granted = false
  // a hold granted later is released as soon as it comes
  void target.holdList(kind).then((release) => {
    granted = true
    release()
  })
  await tick()
  return granted
}

/** An endpoint target on a gated limiter, serving a child's limiter over an in-process channel. */
async function pacedChild() {
  const gate = gatedLimiter()
  const { target } = await fx.open({}, { rate: { tps: 100, burst: 100 }, pacer: gate.limiter })
  const [parentEnd, childEnd] = channelPair()
  const stop = servePacing(target, parentEnd)
  return { gate, target, stop, child: new ParentPacedLimiter(childEnd) }
}

describe('the verifier child paced by the run', () => {
  it("takes each slot from the run's limiter, first in line, and reports the answer back", async () => {
    const { gate, stop, child } = await pacedChild()
    let granted = false
    const slot = child.acquire('DescribeView').then(() => {
      granted = true
    })
    await tick()
    expect(gate.asked).toEqual([{ op: 'DescribeView', first: true }])
    expect(granted).toBe(false)
    gate.open()
    await slot
    child.observe('DescribeView', true, 400)
    await tick()
    expect(gate.observed).toEqual([['DescribeView', true, 400, undefined]])
    stop()
  })

  it('holds the list lock: changing until answered, listing until its next change, nothing after it stopped', async () => {
    const { gate, target, stop, child } = await pacedChild()
    const slot = async (op: OperationName) => {
      const p = child.acquire(op)
      await tick()
      gate.open()
      await p
    }
    await slot('CreateView')
    expect(await grantsNow(target, 'listing')).toBe(false) // the create is under way
    child.observe('CreateView', false)
    await tick()
    expect(await grantsNow(target, 'listing')).toBe(true)
    await slot('ListViews') // a first page, as a provider state reads it
    child.observe('ListViews', false)
    await slot('DescribeView')
    child.observe('DescribeView', false)
    await tick()
    expect(await grantsNow(target, 'listing')).toBe(true) // other walks may read beside it
    expect(await grantsNow(target, 'changing')).toBe(false) // the next page is still to be read
    await slot('DeleteView') // the child's next change ends its listing
    expect(await grantsNow(target, 'listing')).toBe(false)
    stop() // the child exited: whatever it held is released
    expect(await grantsNow(target, 'changing')).toBe(true)
  })
})

describe('a lane waiting on its bucket', () => {
  it('holds no list lock while it waits: a listing goes first, the change after its slot', async () => {
    const gate = gatedLimiter()
    const { target } = await fx.open({}, { rate: { tps: 100, burst: 100 }, pacer: gate.limiter })
    const [lane] = [target.lane(), target.lane()]
    const id = lane.sequenceIdentity()
    const create = lane.send('CreateView', {
      InstanceId: lane.instanceId,
      Name: `${id.namePrefix}waits`,
      Status: 'SAVED',
      Content: { Template: '{}', Actions: [] },
      Tags: { [id.tag.key]: id.tag.value },
    })
    await tick()
    expect(gate.asked.map((a) => a.op)).toEqual(['CreateView'])
    expect(await grantsNow(target, 'listing')).toBe(true)
    gate.open()
    expect((await create).ok).toBe(true)
    expect(gate.asked.map((a) => a.op)).toEqual(['CreateView']) // one slot for the call, not one more under the lock
    gate.free()
  })
})
