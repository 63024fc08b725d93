// The checker under Connect's documented eventual consistency (src/harness/consistency.ts): stale answers
// inside the window are legal and read again until they converge; what no state could answer stays strict;
// an answer that never converges fails with its own wording; the same stale target fails under strong.
import { describe, expect, it } from 'vitest'
import { runSequence } from '../../src/harness/sequence'
import { runConcurrencyProperty } from '../../src/engine/runners/concurrent'
import { runProperty } from '../../src/engine/runners/sequential'
import type { Cmd } from '../../src/harness/commands'
import type { Mode } from '../../src/harness/projection'
import { recordedObservations } from '../../src/harness/consistency'
import { differential } from '../../src/properties/differential'
import { immutability } from '../../src/properties/immutability'
import { pagination } from '../../src/properties/pagination'
import { savedVsLatest } from '../../src/properties/saved-vs-latest'
import { createTarget } from '../../src/targets/create-target'

const eventual = (windowMs: number): Mode => ({ strict: false, consistency: { model: 'eventual', windowMs } })
const strong: Mode = { strict: false, consistency: { model: 'strong', windowMs: 1000 } }

const staleStub = (windowMs: number, seed: number, notFoundRate = 0, quirks: string[] = []) =>
  createTarget({
    target: 'stub',
    stub: { modelOptions: { quirks }, faults: { eventual: { windowMs, notFoundRate, seed } } },
  })

const content = (t: string) => ({ Template: JSON.stringify({ Head: { Title: t }, Body: [] }), Actions: [] })

/** A renamed view, then the list: the item may show the old name for a while. */
const RENAME_THEN_LIST: Cmd[] = [
  { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: content('a'), name: 'before' },
  { op: 'CreateView', slot: 1, status: 'PUBLISHED', content: content('b'), name: 'other' },
  { op: 'UpdateViewMetadata', slot: 0, name: 'renamed' },
  { op: 'ListViews', maxResults: 1, type: 'CUSTOMER_MANAGED' },
  { op: 'ListViews', maxResults: 1, type: 'CUSTOMER_MANAGED' },
  { op: 'ListViews', maxResults: 1, type: 'CUSTOMER_MANAGED' },
]

describe('eventual consistency in the checker', () => {
  it('a list item that shows a legal older state is judged correct once the list converges', async () => {
    let staleLists = 0
    for (let seed = 1; seed <= 6; seed++) {
      const target = await staleStub(300, seed)
      const r = await runSequence(pagination, target, RENAME_THEN_LIST, eventual(1000))
      expect(r.failure?.message ?? '').toBe('')
      for (const list of r.session.steps.slice(3)) {
        if (!list.consistency?.rechecks.length) continue
        staleLists++
        // the stale answer is kept as evidence, the check judged the converged one
        const first = list.consistency.rechecks[0]!.outcome
        expect(first.ok && JSON.stringify(first.output)).toContain('-before')
        expect(list.target.outcome.ok && JSON.stringify(list.target.outcome.output)).toContain('-renamed')
      }
      await target.close()
    }
    expect(staleLists).toBeGreaterThan(0)
    // the same stale stub without the consistency model: the stale item is a failure (the test can fail)
    let failures = 0
    for (let seed = 1; seed <= 6; seed++) {
      const target = await staleStub(300, seed)
      const r = await runSequence(pagination, target, RENAME_THEN_LIST, strong)
      if (r.failure) failures++
      await target.close()
    }
    expect(failures).toBeGreaterThan(0)
  })

  it('a token-less retry creates a second view: a stale list showing the first by its old name is legal', async () => {
    // the retry leaves its slot on the first view, so the second view's states must come from the model's answer
    const cmds: Cmd[] = [
      { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: content('a'), name: 'first' },
      { op: 'CreateView', slot: 1, status: 'SAVED', content: content('b'), name: 'second' },
      { op: 'UpdateViewMetadata', slot: 1, name: 'renamed' },
      { op: 'RetryCreateView', slot: 1 },
      { op: 'ListViews', maxResults: 1, type: 'CUSTOMER_MANAGED' },
    ]
    let staleLists = 0
    for (let seed = 1; seed <= 8; seed++) {
      const target = await staleStub(400, seed)
      const r = await runSequence(differential, target, cmds, eventual(1000))
      expect(r.failure?.message ?? '', `seed ${seed}`).toBe('')
      if (r.session.steps[4]?.consistency?.rechecks.length) staleLists++
      await target.close()
    }
    expect(staleLists).toBeGreaterThan(0)
  })

  it('a stale-window stub is passed under eventual and failed under strong (0.5 s window, 1-in-4 not found)', async () => {
    for (const seed of [1, 2, 3]) {
      const target = await staleStub(500, seed, 0.25)
      const r = await runProperty(differential, target, { seed, numRuns: 5, mode: eventual(1500) })
      expect(r.failure?.message ?? '', `seed ${seed}`).toBe('')
      expect(r.status).toBe('passed')
      const o = recordedObservations(target.root)!
      expect(o.staleTotal).toBeGreaterThan(0)
      expect(o.recheckCalls).toBeGreaterThan(0)
      await target.close()
    }
    const target = await staleStub(500, 1, 0.25)
    const r = await runProperty(differential, target, { seed: 1, numRuns: 5, mode: strong })
    expect(r.status).toBe('failed')
    await target.close()
  })

  it('a consistent target costs no extra call and records its reads as fresh', async () => {
    const target = await createTarget({ target: 'stub' })
    const r = await runProperty(differential, target, { seed: 4, numRuns: 10, mode: eventual(5000) })
    expect(r.status).toBe('passed')
    const o = recordedObservations(target.root)!
    expect(o.readsTotal).toBeGreaterThan(10)
    expect(o.staleTotal).toBe(0)
    expect(o.recheckCalls).toBe(0)
    expect(o.convergences).toEqual([])
    await target.close()
  })

  it('never-converges is failed with "did not converge within W: still answers …"', async () => {
    const target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: ['never-converges'] } } })
    const cmds: Cmd[] = [
      { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: content('a'), name: 'v' },
      { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('lost'), ref: 'id' },
      { op: 'DescribeView', slot: 0, ref: 'id', qualifier: '$LATEST' },
    ]
    const started = performance.now()
    const r = await runSequence(savedVsLatest, target, cmds, eventual(400))
    expect(performance.now() - started).toBeGreaterThan(400) // it waited for W before the verdict
    expect(r.failure?.message).toMatch(
      /^did not converge within 0\.4 s: still answers DescribeView as before step 2 \(UpdateViewContent\)/,
    )
    expect(r.failure?.rule).toBe('R3')
    // the whole evidence: the earlier answers stay in the transcript
    const last = r.failure!.transcript.at(-1)!
    expect((last.consistency as { rechecks: unknown[] }).rechecks.length).toBeGreaterThan(0)
    await target.close()
  })

  it('a numbered version with other content is failed at once, however fresh the write (R10)', async () => {
    const target = await staleStub(5000, 1, 0, ['mutable-versions'])
    const cmds: Cmd[] = [
      { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: content('a'), name: 'v' },
      { op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' },
      { op: 'DescribeView', slot: 0, ref: 'id', qualifier: 1 },
      { op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content('rewritten'), ref: 'id' },
      { op: 'DescribeView', slot: 0, ref: 'id', qualifier: 1 },
      { op: 'DescribeView', slot: 0, ref: 'id', qualifier: 1 },
      { op: 'DescribeView', slot: 0, ref: 'id', qualifier: 1 },
    ]
    const started = performance.now()
    const r = await runSequence(immutability, target, cmds, eventual(5000))
    expect(r.failure?.rule).toBe('R10')
    expect(r.failure?.message).not.toContain('did not converge')
    expect(performance.now() - started).toBeLessThan(4000) // judged at once, not after W
    const failing = r.session.steps.at(-1)!
    expect(failing.consistency?.rechecks ?? []).toEqual([])
    await target.close()
  })

  it('concurrent writes on a view created moments ago are retried through not-found answers, and still linearize', async () => {
    const passed = await staleStub(500, 2, 0.5)
    const r = await runConcurrencyProperty(passed, { seed: 3, numRuns: 6, mode: eventual(1000) })
    expect(r.failure?.message ?? '').toBe('')
    expect(recordedObservations(passed.root)!.recheckCalls).toBeGreaterThan(0)
    await passed.close()
    const failed = await staleStub(500, 2, 0.5)
    expect((await runConcurrencyProperty(failed, { seed: 3, numRuns: 6, mode: strong })).status).toBe('failed')
    await failed.close()
  })
})
