// Observed consistency: the summary of the checker's raw observations (percentiles, the visibility buckets,
// the verdict line, the parity note) and the merging of several parts' observations. Its place in the report
// and how every format shows it: consistency-report.test.ts.
import { fc, it as fcIt } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import type { ConsistencyConvergence, ConsistencyRead } from '../../src/harness/consistency-observations'
import {
  EVENTUAL_CONSISTENCY_DOC,
  mergeConsistencyObservations,
  summariseConsistency,
} from '../../src/report/consistency-summary'
import { fresh, obs } from './consistency-fixture'

/** Reads with no write before them in the run. */
const unwritten = (n: number, operation = 'DescribeView'): ConsistencyRead[] =>
  Array.from({ length: n }, () => ({ operation, sinceWriteMs: undefined, stale: false }))
const stale = (n: number, sinceWriteMs = 10, operation = 'ListViews'): ConsistencyRead[] =>
  Array.from({ length: n }, () => ({ operation, sinceWriteMs, stale: true }))
const waits = (ms: readonly number[], converged = true): ConsistencyConvergence[] =>
  ms.map((x) => ({ operation: 'ListViews', ms: x, converged }))
const STUB = { kind: 'stub' } as const
const AWS = { kind: 'aws' } as const

describe('convergence percentiles', () => {
  it('nearest rank over the waits: p50, p99 and max of 1…100 ms', () => {
    const c = summariseConsistency(
      obs({ reads: stale(100), convergences: waits(Array.from({ length: 100 }, (_, i) => 100 - i)) }),
      STUB,
    ).convergence
    expect(c).toEqual({
      waits: 100,
      converged: 100,
      notConverged: 0,
      p50: { ms: 50 },
      p99: { ms: 99 },
      max: { ms: 100 },
    })
  })

  it('a single wait is every percentile', () => {
    const c = summariseConsistency(obs({ reads: stale(1), convergences: waits([420]) }), STUB).convergence
    expect([c.p50, c.p99, c.max]).toEqual([{ ms: 420 }, { ms: 420 }, { ms: 420 }])
  })

  it('waits that gave up rank last, whatever time they logged, and a point on one is a lower bound', () => {
    // 98 converged within 1.9 s, two gave up at the window (one logged a shorter time: it still ranks last)
    const all = [...waits(Array.from({ length: 98 }, (_, i) => 20 * (i + 1))), ...waits([5000, 1000], false)]
    const c = summariseConsistency(obs({ reads: stale(100), convergences: all }), STUB).convergence
    expect(c.converged).toBe(98)
    expect(c.notConverged).toBe(2)
    expect(c.p50).toEqual({ ms: 1000 })
    // the shorter give-up ranks above every converged wait: p99 is at least its 1 s
    expect(c.p99).toEqual({ ms: 1000, atLeast: true })
    expect(c.max).toEqual({ ms: 5000, atLeast: true })
  })

  it('no wait, no percentile', () => {
    const c = summariseConsistency(obs({ reads: fresh(5) }), STUB).convergence
    expect(c).toEqual({ waits: 0, converged: 0, notConverged: 0 })
  })
})

describe('visibility buckets (PBS-style t-visibility)', () => {
  it('eight buckets of time since the write, each [from, to), the last open', () => {
    const v = summariseConsistency(obs({}), STUB).visibility
    expect(v.map((b) => b.label)).toEqual([
      '0–50 ms',
      '50–100 ms',
      '100–250 ms',
      '250–500 ms',
      '0.5–1 s',
      '1–2 s',
      '2–5 s',
      '> 5 s',
    ])
    expect(v.map((b) => [b.fromMs, b.toMs])).toEqual([
      [0, 50],
      [50, 100],
      [100, 250],
      [250, 500],
      [500, 1000],
      [1000, 2000],
      [2000, 5000],
      [5000, undefined],
    ])
  })

  it('puts each read by its edge, counts the fresh ones and leaves empty buckets without a share', () => {
    const at = (ms: number, isStale = false): ConsistencyRead => ({
      operation: 'DescribeView',
      sinceWriteMs: ms,
      stale: isStale,
    })
    const reads = [
      at(0, true),
      at(49.9),
      at(50),
      at(99),
      at(100, true),
      at(100),
      at(100),
      at(999),
      at(1000),
      at(4999),
      at(5000),
      at(600_000),
      { operation: 'DescribeView', sinceWriteMs: undefined, stale: false }, // no write before it: not on the curve
    ]
    const v = summariseConsistency(obs({ reads }), STUB).visibility
    expect(v.map((b) => [b.reads, b.fresh])).toEqual([
      [2, 1],
      [2, 2],
      [3, 2],
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 1],
      [2, 2],
    ])
    expect(v[0]!.share).toBe(0.5)
    expect(v[2]!.share).toBeCloseTo(2 / 3)
    expect(v[3]).not.toHaveProperty('share')
  })
})

describe('per operation', () => {
  it('reads, reads after a write and stale reads per operation, by name', () => {
    const s = summariseConsistency(
      obs({
        reads: [...fresh(3, 10, 'SearchViews'), ...unwritten(2, 'DescribeView'), ...stale(4, 30, 'DescribeView')],
      }),
      STUB,
    )
    expect(s.operations).toEqual([
      { operation: 'DescribeView', reads: 6, readsAfterWrite: 4, stale: 4 },
      { operation: 'SearchViews', reads: 3, readsAfterWrite: 3, stale: 0 },
    ])
    expect([s.reads, s.readsAfterWrite, s.staleReads]).toEqual([9, 7, 4])
  })
})

describe('the verdict line', () => {
  it('strongly consistent, with the reads that followed a write', () => {
    expect(summariseConsistency(obs({ reads: [...fresh(812), ...unwritten(40)] }), STUB).verdict).toBe(
      'observed: strongly consistent (0 stale reads in 812)',
    )
  })

  it('eventually consistent, with the p99 convergence', () => {
    const s = summariseConsistency(
      obs({ reads: [...fresh(775), ...stale(37)], convergences: waits([...Array(36).fill(300), 1400]) }),
      STUB,
    )
    expect(s.observed).toBe('eventual')
    expect(s.verdict).toBe('observed: eventually consistent, p99 convergence 1.4 s (37 stale reads in 812)')
  })

  it('a convergence under a second is in ms; one stale read is singular', () => {
    expect(
      summariseConsistency(obs({ reads: [...fresh(9), ...stale(1)], convergences: waits([240]) }), STUB).verdict,
    ).toBe('observed: eventually consistent, p99 convergence 240 ms (1 stale read in 10)')
  })

  it('stale reads without a recorded wait (strong model: nothing re-read)', () => {
    expect(summariseConsistency(obs({ model: 'strong', reads: [...fresh(9), ...stale(3)] }), STUB).verdict).toBe(
      'observed: eventually consistent (3 stale reads in 12)',
    )
  })

  it('waits that gave up say so with the window', () => {
    const s = summariseConsistency(
      obs({
        windowMs: 5000,
        reads: [...fresh(90), ...stale(10)],
        convergences: [...waits(Array(8).fill(200)), ...waits([5000, 5000], false)],
      }),
      STUB,
    )
    expect(s.verdict).toBe('observed: not converging, 2 of 10 waits still stale after 5 s (10 stale reads in 100)')
  })

  it('nothing to say when no read followed a write', () => {
    for (const reads of [[], unwritten(20)]) {
      const s = summariseConsistency(obs({ reads }), STUB)
      expect(s.observed).toBe('not-observed')
      expect(s.verdict).toBe('not observed: no read followed a write')
      expect(s).not.toHaveProperty('parityNote')
    }
  })
})

describe('the parity note', () => {
  it('for the stub and an emulator without a stale read: stronger than AWS documents, with the page', () => {
    for (const kind of ['stub', 'endpoint'] as const) {
      const note = summariseConsistency(obs({ reads: fresh(50) }), { kind }).parityNote
      expect(note).toContain('stronger than AWS documents')
      expect(note).toContain(EVENTUAL_CONSISTENCY_DOC)
      expect(note).toContain('never meet the races AWS can show')
      expect(note).toMatch(kind === 'stub' ? /^The stub / : /^This emulator /)
    }
  })

  it('not for AWS itself, nor for an emulator that showed stale reads', () => {
    expect(summariseConsistency(obs({ reads: fresh(50) }), AWS)).not.toHaveProperty('parityNote')
    expect(
      summariseConsistency(obs({ reads: [...fresh(50), ...stale(1)], convergences: waits([100]) }), {
        kind: 'endpoint',
      }),
    ).not.toHaveProperty('parityNote')
  })
})

describe('merging observations', () => {
  const read = fc.record({
    operation: fc.constantFrom('DescribeView', 'ListViews', 'SearchViews'),
    sinceWriteMs: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
    stale: fc.boolean(),
  })
  const wait = fc.record({
    operation: fc.constantFrom('DescribeView', 'ListViews'),
    ms: fc.integer({ min: 0, max: 6000 }),
    converged: fc.boolean(),
  })
  const part = fc.record({
    reads: fc.array(read, { maxLength: 40 }),
    convergences: fc.array(wait, { maxLength: 12 }),
    recheckCalls: fc.nat(50),
  })

  fcIt.prop([fc.array(part, { minLength: 1, maxLength: 4 })])(
    'shards summarised after uniting their observations say what one run with all of them says',
    (parts) => {
      const shards = parts.map((p) => obs(p))
      const merged = mergeConsistencyObservations(shards)
      expect(merged.disagree).toBeUndefined()
      const whole = obs({
        reads: shards.flatMap((s) => s.reads),
        convergences: shards.flatMap((s) => s.convergences),
        recheckCalls: shards.reduce((n, s) => n + s.recheckCalls, 0),
      })
      expect(summariseConsistency(merged.observations!, STUB)).toEqual(summariseConsistency(whole, STUB))
    },
  )

  it('parts without observations add nothing; none at all gives none', () => {
    const a = obs({ reads: fresh(3) })
    expect(mergeConsistencyObservations([undefined, a, undefined]).observations).toEqual(a)
    expect(mergeConsistencyObservations([undefined, undefined])).toEqual({})
  })

  it('parts run under different settings: the strictest model and the longest window, and says so', () => {
    const m = mergeConsistencyObservations([obs({ windowMs: 2000 }), obs({ windowMs: 5000, model: 'strong' })])
    expect(m.observations?.model).toBe('strong')
    expect(m.observations?.windowMs).toBe(5000)
    expect(m.disagree).toBe('consistency models eventual and strong, convergence windows 2 s and 5 s')
  })
})

describe('a sampled run (more judged reads than the recorder keeps)', () => {
  it('the verdict counts come from the exact totals, the tables say they show a sample', () => {
    // the sample happened to keep only fresh reads; the run saw 7 stale ones in 12,000 after a write
    const s = summariseConsistency(
      obs({ reads: fresh(50, 1500), readsTotal: 20_000, staleTotal: 7, afterWriteTotal: 12_000 }),
      STUB,
    )
    expect(s.observed).toBe('eventual')
    expect(s.verdict).toContain('7 stale reads in 12,000')
    expect(s).toMatchObject({ reads: 20_000, readsAfterWrite: 12_000, staleReads: 7, sampledReads: 50 })
  })

  it('an unsampled run keeps its own counts and no sample note', () => {
    const s = summariseConsistency(
      obs({ reads: fresh(50, 1500), readsTotal: 50, staleTotal: 0, afterWriteTotal: 50 }),
      STUB,
    )
    expect(s.sampledReads).toBeUndefined()
    expect(s.verdict).toContain('0 stale reads in 50')
  })

  it('merging shards adds their exact totals', () => {
    const part = obs({ reads: fresh(5, 1500), readsTotal: 9000, staleTotal: 3, afterWriteTotal: 6000 })
    const { observations } = mergeConsistencyObservations([part, part])
    expect(observations).toMatchObject({ readsTotal: 18_000, staleTotal: 6, afterWriteTotal: 12_000 })
  })
})
