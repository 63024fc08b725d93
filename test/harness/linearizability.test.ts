// The generic checker on two textbook objects (a register with compare-and-set, a counter with
// fetch-and-add), then against a brute-force permutation checker on random small histories.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkLinearizability,
  LinearizabilityBudgetExceeded,
  type HistoryEntry,
  type Observed,
  type SequentialModel,
} from '../../src/harness/linearizability'

type RegOp = 'write' | 'read' | 'cas'
type RegIn = number | { from: number; to: number } | undefined
type Res = Observed<number | undefined, string>
type H = HistoryEntry<string, unknown, number | undefined, string>

const sameResult = (o: Res, e: Res) =>
  o.kind === e.kind && (o.kind === 'fail' || (e.kind === 'ok' && o.output === e.output))

const register: SequentialModel<number, Res, RegOp, RegIn, number | undefined, string> = {
  init: () => 0,
  step(s, op, input) {
    if (op === 'write') return { state: input as number, result: { kind: 'ok', output: undefined } }
    if (op === 'read') return { state: s, result: { kind: 'ok', output: s } }
    const { from, to } = input as { from: number; to: number }
    return s === from
      ? { state: to, result: { kind: 'ok', output: undefined } }
      : { state: s, result: { kind: 'fail', error: 'mismatch' } }
  },
  equal: sameResult,
  key: (s) => String(s),
}

type CtrOp = 'inc' | 'get' | 'fetchAdd'
const counter: SequentialModel<number, Res, CtrOp, unknown, number | undefined, string> = {
  init: () => 0,
  step(s, op) {
    if (op === 'inc') return { state: s + 1, result: { kind: 'ok', output: undefined } }
    if (op === 'fetchAdd') return { state: s + 1, result: { kind: 'ok', output: s } }
    return { state: s, result: { kind: 'ok', output: s } }
  },
  equal: sameResult,
  key: (s) => String(s),
}

let nextId = 0
const ok = (op: string, input: unknown, at: [number, number], output?: number): H => ({
  id: nextId++,
  op,
  input,
  invokedAt: at[0],
  completedAt: at[1],
  outcome: { kind: 'ok', output },
})
const failed = (op: string, input: unknown, at: [number, number]): H => ({
  id: nextId++,
  op,
  input,
  invokedAt: at[0],
  completedAt: at[1],
  outcome: { kind: 'fail', error: 'mismatch' },
})
const unknown = (op: string, input: unknown, invokedAt: number, completedAt?: number): H => ({
  id: nextId++,
  op,
  input,
  invokedAt,
  ...(completedAt !== undefined ? { completedAt } : {}),
  outcome: { kind: 'unknown' },
})

const check = (h: H[], m: SequentialModel<number, Res, any, any, number | undefined, string> = register) =>
  checkLinearizability(h, m)

describe('checkLinearizability on a register', () => {
  it('accepts a sequential history and returns its order', () => {
    const h = [
      ok('write', 1, [0, 1]),
      ok('read', undefined, [2, 3], 1),
      ok('write', 2, [4, 5]),
      ok('read', undefined, [6, 7], 2),
    ]
    expect(check(h)).toEqual({ linearizable: true, order: h.map((x) => x.id) })
  })

  it('accepts the empty history', () => {
    expect(check([])).toEqual({ linearizable: true, order: [] })
  })

  it('rejects a stale read after a completed write, naming the read', () => {
    const w = ok('write', 1, [0, 1])
    const r = ok('read', undefined, [2, 3], 0)
    const res = check([w, r])
    expect(res.linearizable).toBe(false)
    if (res.linearizable) return
    expect(res.longestPrefix).toEqual([w.id])
    expect(res.blocking).toBe(r.id)
    expect(res.candidates).toEqual([{ id: r.id, expected: { kind: 'ok', output: 1 }, matched: false }])
    expect(res.explanation).toContain(
      `#${r.id} read: observed {"kind":"ok","output":0}; model expects {"kind":"ok","output":1}`,
    )
  })

  it('rejects a new-then-old read inversion during one slow write', () => {
    // w(1) spans both reads, so each read alone is fine; together they are not (classic example).
    const res = check([ok('write', 1, [0, 10]), ok('read', undefined, [1, 2], 1), ok('read', undefined, [3, 4], 0)])
    expect(res.linearizable).toBe(false)
  })

  it('accepts overlapping operations in either order the real-time order allows', () => {
    const w = ok('write', 1, [0, 5])
    const r0 = ok('read', undefined, [1, 2], 0)
    const r1 = ok('read', undefined, [3, 4], 1)
    const res = check([w, r0, r1])
    expect(res).toEqual({ linearizable: true, order: [r0.id, w.id, r1.id] })
  })

  it('concurrent writes: a later read may see either value, but not a third', () => {
    const writes = () => [ok('write', 1, [0, 5]), ok('write', 2, [1, 6])]
    expect(check([...writes(), ok('read', undefined, [7, 8], 1)]).linearizable).toBe(true)
    expect(check([...writes(), ok('read', undefined, [7, 8], 2)]).linearizable).toBe(true)
    expect(check([...writes(), ok('read', undefined, [7, 8], 3)]).linearizable).toBe(false)
  })

  it('treats touching intervals (equal timestamps) as concurrent', () => {
    expect(check([ok('write', 1, [0, 5]), ok('read', undefined, [5, 6], 0)]).linearizable).toBe(true)
  })

  it('checks failures against the model: a CAS may fail only if a concurrent write explains it', () => {
    expect(check([failed('cas', { from: 0, to: 1 }, [0, 1])]).linearizable).toBe(false)
    expect(check([ok('write', 3, [0, 4]), failed('cas', { from: 0, to: 1 }, [1, 2])]).linearizable).toBe(true)
    expect(check([ok('cas', { from: 0, to: 1 }, [0, 1]), ok('read', undefined, [2, 3], 1)]).linearizable).toBe(true)
  })

  it('unknown outcome that took effect: linearized before the read that saw it', () => {
    const w = unknown('write', 7, 0)
    const r = ok('read', undefined, [5, 6], 7)
    expect(check([w, r])).toEqual({ linearizable: true, order: [w.id, r.id] })
  })

  it('unknown outcome that did not take effect: left out of the order', () => {
    const w = unknown('write', 7, 0)
    const r = ok('read', undefined, [5, 6], 0)
    expect(check([w, r])).toEqual({ linearizable: true, order: [r.id] })
  })

  it('unknown outcome may take effect after its (timed-out) completion, never before its invocation', () => {
    const w = unknown('write', 7, 0, 1) // gave up at 1, but the request may still land
    expect(check([w, ok('read', undefined, [2, 3], 0), ok('read', undefined, [4, 5], 7)]).linearizable).toBe(true)
    expect(check([ok('read', undefined, [0, 1], 7), unknown('write', 7, 2)]).linearizable).toBe(false)
  })

  it('requires completedAt for completed outcomes', () => {
    expect(() =>
      check([{ id: 0, op: 'read', input: undefined, invokedAt: 0, outcome: { kind: 'ok', output: 0 } }]),
    ).toThrow(/completedAt is required/)
  })
})

describe('checkLinearizability on a counter', () => {
  it('a concurrent get may see zero, one or two of two concurrent increments', () => {
    for (const seen of [0, 1, 2])
      expect(
        check([ok('inc', undefined, [0, 5]), ok('inc', undefined, [1, 6]), ok('get', undefined, [2, 3], seen)], counter)
          .linearizable,
      ).toBe(true)
    expect(
      check([ok('inc', undefined, [0, 5]), ok('inc', undefined, [1, 6]), ok('get', undefined, [2, 3], 3)], counter)
        .linearizable,
    ).toBe(false)
  })

  it('rejects a lost update: two concurrent fetch-and-adds both returning 0', () => {
    const res = check([ok('fetchAdd', undefined, [0, 3], 0), ok('fetchAdd', undefined, [1, 2], 0)], counter)
    expect(res.linearizable).toBe(false)
    if (!res.linearizable) expect(res.longestPrefix).toHaveLength(1)
  })

  it('memoisation keeps many fully concurrent operations cheap (12! orders, 2^12 distinct sets)', () => {
    const incs = Array.from({ length: 12 }, (_, i) => ok('inc', undefined, [i, 100 + i]))
    const res = checkLinearizability([...incs, ok('get', undefined, [50, 60], 13)], counter, { maxSteps: 200_000 })
    expect(res.linearizable).toBe(false)
    const unkeyed = { ...counter, key: undefined }
    expect(() =>
      checkLinearizability([...incs, ok('get', undefined, [50, 60], 13)], unkeyed, { maxSteps: 200_000 }),
    ).toThrow(LinearizabilityBudgetExceeded)
  })
})

// ---- randomized: against brute force ----

/** Precedence used by both checkers: a must come before b iff a completed strictly before b was invoked. */
function precedes(a: H, b: H): boolean {
  return a.outcome.kind !== 'unknown' && a.completedAt! < b.invokedAt
}

function replays(order: H[], m: typeof register): boolean {
  let s = m.init()
  for (const h of order) {
    const { state, result } = m.step(s, h.op as RegOp, h.input as RegIn)
    if (h.outcome.kind !== 'unknown' && !m.equal(h.outcome, result)) return false
    s = state
  }
  return true
}

function validOrder(order: H[], history: H[]): boolean {
  const ids = new Set(order.map((h) => h.id))
  if (ids.size !== order.length || history.some((h) => h.outcome.kind !== 'unknown' && !ids.has(h.id))) return false
  return order.every((b, j) => order.slice(j + 1).every((a) => !precedes(a, b)))
}

/** Tries every subset of the unknown operations and every permutation of what is included. */
function bruteForce(history: H[], m: typeof register): boolean {
  const unknowns = history.filter((h) => h.outcome.kind === 'unknown')
  const completed = history.filter((h) => h.outcome.kind !== 'unknown')
  const permute = (rest: H[], acc: H[]): boolean => {
    if (rest.length === 0) return replays(acc, m)
    return rest.some((h, i) => {
      const others = [...rest.slice(0, i), ...rest.slice(i + 1)]
      return !others.some((o) => precedes(o, h)) && permute(others, [...acc, h])
    })
  }
  for (let mask = 0; mask < 1 << unknowns.length; mask++) {
    if (permute([...completed, ...unknowns.filter((_, i) => mask & (1 << i))], [])) return true
  }
  return false
}

/**
 * Histories that are linearizable by construction (each op takes effect at a random point inside its
 * interval), then sometimes corrupted: a wrong read, a flipped CAS, an unknown outcome.
 */
const historyArb: fc.Arbitrary<H[]> = fc
  .array(
    fc.record({
      start: fc.integer({ min: 0, max: 10 }),
      length: fc.integer({ min: 0, max: 6 }),
      point: fc.double({ min: 0, max: 1, noNaN: true }),
      op: fc.constantFrom<RegOp>('write', 'read', 'read', 'cas'),
      value: fc.integer({ min: 0, max: 2 }),
      from: fc.integer({ min: 0, max: 2 }),
      fate: fc.constantFrom('faithful', 'faithful', 'faithful', 'corrupt', 'unknown-applied', 'unknown-lost'),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((specs) => {
    const timed = specs.map((s, i) => ({ ...s, i, at: s.start + s.point * s.length }))
    let reg = 0
    const out: H[] = new Array(specs.length)
    for (const s of [...timed].sort((a, b) => a.at - b.at || a.i - b.i)) {
      const input: RegIn = s.op === 'write' ? s.value : s.op === 'cas' ? { from: s.from, to: s.value } : undefined
      const base = { id: s.i, op: s.op, input, invokedAt: s.start }
      if (s.fate === 'unknown-lost') {
        out[s.i] = { ...base, outcome: { kind: 'unknown' } }
        continue
      }
      const { state, result } = register.step(reg, s.op, input)
      reg = state
      if (s.fate === 'unknown-applied') out[s.i] = { ...base, outcome: { kind: 'unknown' } }
      else {
        let outcome: Res = result
        if (s.fate === 'corrupt')
          outcome =
            result.kind === 'fail'
              ? { kind: 'ok', output: undefined }
              : s.op === 'cas'
                ? { kind: 'fail', error: 'mismatch' }
                : { kind: 'ok', output: s.op === 'read' ? ((result.output ?? 0) + 1) % 3 : undefined }
        out[s.i] = { ...base, completedAt: s.start + s.length, outcome }
      }
    }
    return out
  })

describe('checkLinearizability against brute force', () => {
  it('agrees on random small register histories, and its orders are valid linearizations', () => {
    let positives = 0
    let negatives = 0
    fc.assert(
      fc.property(historyArb, (history) => {
        const res = checkLinearizability(history, register)
        expect(res.linearizable).toBe(bruteForce(history, register))
        if (res.linearizable) {
          positives++
          const byId = new Map(history.map((h) => [h.id, h]))
          const order = res.order.map((id) => byId.get(id)!)
          expect(validOrder(order, history)).toBe(true)
          expect(replays(order, register)).toBe(true)
        } else {
          negatives++
          expect(res.longestPrefix.length).toBeLessThan(history.length)
        }
      }),
      { seed: 42, numRuns: 600 },
    )
    // the generator must exercise both answers, or the agreement means little
    expect(positives).toBeGreaterThan(100)
    expect(negatives).toBeGreaterThan(50)
  })

  it('memoisation never changes the answer', () => {
    const unkeyed = { ...register, key: undefined }
    fc.assert(
      fc.property(historyArb, (history) => {
        expect(checkLinearizability(history, unkeyed).linearizable).toBe(
          checkLinearizability(history, register).linearizable,
        )
      }),
      { seed: 7, numRuns: 300 },
    )
  })
})
