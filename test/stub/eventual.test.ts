// The stub's bounded staleness (src/stub/eventual.ts): reads see states up to the window old, per view;
// fresh views are sometimes not found; writes are consistent; the same seed and clock give the same answers.
import { describe, expect, it } from 'vitest'
import { DEFAULT_INSTANCE_ID } from '../../src/model'
import type { EventualOptions } from '../../src/stub/eventual'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const I = DEFAULT_INSTANCE_ID
const content = (title: string) => ({ Template: JSON.stringify({ Head: { Title: title }, Body: [] }), Actions: [] })

/** A stub target whose eventual-consistency clock the test moves by hand. */
async function staleStub(o: Omit<EventualOptions, 'clock'>, quirks: string[] = []) {
  const clock = { now: 1_000_000 }
  const target = await createTarget({
    target: 'stub',
    stub: { modelOptions: { quirks }, faults: { eventual: { ...o, clock: () => clock.now } } },
  })
  return { target, clock }
}

async function titleSeen(target: Target, viewId: string, qualifier = '$LATEST'): Promise<string> {
  const o = await target.send('DescribeView', { InstanceId: I, ViewId: `${viewId}:${qualifier}` })
  if (!o.ok) return o.error.name
  return JSON.parse(String((o.output.View as { Content: { Template: string } }).Content.Template)).Head.Title
}

async function create(target: Target, name: string): Promise<string> {
  const o = await target.send('CreateView', { InstanceId: I, Name: name, Status: 'PUBLISHED', Content: content('v0') })
  if (!o.ok) throw new Error(o.error.message)
  return String((o.output.View as { Id: string }).Id)
}

async function update(target: Target, id: string, title: string) {
  return target.send('UpdateViewContent', { InstanceId: I, ViewId: id, Status: 'PUBLISHED', Content: content(title) })
}

describe('the eventually consistent stub', () => {
  it('reads see the states written within the window, or the newest older one; then only the newest', async () => {
    const { target, clock } = await staleStub({ windowMs: 500 })
    const id = await create(target, 'a')
    clock.now += 1000
    expect((await update(target, id, 'v1')).ok).toBe(true) // writes act on the newest state, always
    clock.now += 100
    expect((await update(target, id, 'v2')).ok).toBe(true)
    clock.now += 100
    const seen = new Set<string>()
    for (let i = 0; i < 60; i++) seen.add(await titleSeen(target, id))
    expect([...seen].sort()).toEqual(['v0', 'v1', 'v2']) // v0: the newest state older than the window
    clock.now += 501 // v2 was written 601 ms ago, v1 701 ms ago: only v2 is left
    for (let i = 0; i < 20; i++) expect(await titleSeen(target, id)).toBe('v2')
    await target.close()
  })

  it('a view created within the window is sometimes not found, by reads and writes; a deleted one may still be read', async () => {
    const { target, clock } = await staleStub({ windowMs: 500, notFoundRate: 0.25, seed: 3 })
    const id = await create(target, 'fresh')
    const reads: string[] = []
    for (let i = 0; i < 80; i++) reads.push(await titleSeen(target, id))
    const notFound = reads.filter((r) => r === 'ResourceNotFoundException').length
    expect(notFound).toBeGreaterThan(5)
    expect(notFound).toBeLessThan(40)
    const writes = []
    for (let i = 0; i < 40; i++) writes.push(await update(target, id, `w${i}`))
    expect(writes.some((w) => !w.ok && w.error.name === 'ResourceNotFoundException')).toBe(true)
    clock.now += 600
    for (let i = 0; i < 20; i++) expect(await titleSeen(target, id)).not.toBe('ResourceNotFoundException')
    expect((await target.send('DeleteView', { InstanceId: I, ViewId: id })).ok).toBe(true)
    clock.now += 10
    const afterDelete = new Set<string>()
    for (let i = 0; i < 40; i++)
      afterDelete.add((await titleSeen(target, id)) === 'ResourceNotFoundException' ? 'gone' : 'still')
    expect([...afterDelete].sort()).toEqual(['gone', 'still'])
    clock.now += 600
    for (let i = 0; i < 10; i++) expect(await titleSeen(target, id)).toBe('ResourceNotFoundException')
    await target.close()
  })

  it('lists judge each view on its own, and one paginated walk sees one set of states', async () => {
    const { target, clock } = await staleStub({ windowMs: 500, notFoundRate: 0.5, seed: 5 })
    for (let i = 0; i < 6; i++) await create(target, `view-${i}`)
    clock.now += 100
    const counts = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const names: string[] = []
      let token: string | undefined
      do {
        const o = await target.send('ListViews', {
          InstanceId: I,
          Type: 'CUSTOMER_MANAGED',
          MaxResults: 2,
          ...(token ? { NextToken: token } : {}),
        })
        if (!o.ok) throw new Error(o.error.message)
        names.push(...(o.output.ViewsSummaryList as { Name: string }[]).map((v) => v.Name))
        token = o.output.NextToken as string | undefined
      } while (token)
      expect(new Set(names).size).toBe(names.length) // never an item twice
      counts.add(names.length)
    }
    expect(counts.size).toBeGreaterThan(1)
    clock.now += 500
    const all = await target.send('ListViews', { InstanceId: I, Type: 'CUSTOMER_MANAGED' })
    expect(all.ok && (all.output.ViewsSummaryList as unknown[]).length).toBe(6)
    await target.close()
  })

  it('is deterministic for a seed and clock', async () => {
    const run = async (seed: number) => {
      const { target, clock } = await staleStub({ windowMs: 500, notFoundRate: 0.25, seed })
      const id = await create(target, 'a')
      const out: string[] = []
      for (let i = 0; i < 5; i++) {
        clock.now += 30
        await update(target, id, `v${i}`)
        for (let k = 0; k < 4; k++) out.push(await titleSeen(target, id))
      }
      await target.close()
      return out.join(',')
    }
    expect(await run(11)).toBe(await run(11))
    expect(await run(11)).not.toBe(await run(12))
  })

  it('a numbered version never shows other content, however stale the read', async () => {
    const { target, clock } = await staleStub({ windowMs: 500 })
    const id = await create(target, 'a')
    await target.send('CreateViewVersion', { InstanceId: I, ViewId: id })
    for (let i = 1; i < 5; i++) {
      clock.now += 50
      await update(target, id, `v${i}`)
      await target.send('CreateViewVersion', { InstanceId: I, ViewId: id })
    }
    for (let i = 0; i < 30; i++) {
      const t = await titleSeen(target, id, '1')
      expect(['v0', 'ResourceNotFoundException']).toContain(t)
    }
    await target.close()
  })

  it('never-converges: reads never show the first content update of a view, writes do', async () => {
    const { target, clock } = await staleStub({ windowMs: 200 }, ['never-converges'])
    const id = await create(target, 'a')
    await update(target, id, 'lost')
    const published = await target.send('CreateViewVersion', { InstanceId: I, ViewId: id })
    expect(published.ok && JSON.stringify(published.output)).toContain('lost')
    clock.now += 10_000
    expect(await titleSeen(target, id)).toBe('v0')
    await target.close()
    // the quirk works without a window too
    const plain = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: ['never-converges'] } } })
    const id2 = await create(plain, 'b')
    await update(plain, id2, 'lost')
    expect(await titleSeen(plain, id2)).toBe('v0')
    await update(plain, id2, 'second')
    expect(await titleSeen(plain, id2)).toBe('v0')
    await plain.close()
  })

  it('rejects a window that is not positive', async () => {
    await expect(staleStub({ windowMs: 0 })).rejects.toThrow(/windowMs/)
    await expect(staleStub({ windowMs: 10, notFoundRate: 2 })).rejects.toThrow(/notFoundRate/)
  })
})
