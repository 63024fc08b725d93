// A Wing–Gong linearizability checker with Lowe's just-in-time linearization and memoisation of
// (linearized set, model state) pairs, the same search Porcupine runs. Generic: it knows histories and a
// sequential model, nothing about Connect (the Connect adapter lives in linearizable-views.ts).
//
// The search walks a time-ordered doubly linked list of call/return entries. It tries to linearize the
// earliest pending calls first; reaching the return entry of a completed operation that has not been
// linearized means the current prefix is a dead end, so it backtracks. Lifting/unlifting entries
// (dancing links) makes each step O(1), and the memo skips any (set, state) reached twice, which turns a
// factorial search into one bounded by subsets × distinct states.
//
// "unknown" outcomes follow Jepsen's :info: the call may have taken effect at any point after its
// invocation (with any result) or never. Their return entries are placed at +∞, so they never force
// anything; once the scan reaches one, every completed operation is linearized and the rest never happened.

/** What the caller saw. `fail` is still checked against the model: the model decides whether failing was right. */
export type Outcome<O = unknown, E = unknown> =
  | { kind: 'ok'; output: O }
  | { kind: 'fail'; error: E }
  | { kind: 'unknown' }

export type Observed<O = unknown, E = unknown> = Exclude<Outcome<O, E>, { kind: 'unknown' }>

export interface HistoryEntry<Op extends string = string, I = unknown, O = unknown, E = unknown> {
  id: number
  op: Op
  input: I
  /** Any clock that is consistent with real time (a logical counter is best: no ties). */
  invokedAt: number
  /** Required unless the outcome is unknown; ignored when it is (the effect may land after a timeout). */
  completedAt?: number
  outcome: Outcome<O, E>
}

export interface SequentialModel<S, R, Op extends string = string, I = unknown, O = unknown, E = unknown> {
  init(): S
  /** Must not mutate `state`: the search keeps earlier states to backtrack to. */
  step(state: S, op: Op, input: I): { state: S; result: R }
  equal(observed: Observed<O, E>, expected: R): boolean
  /**
   * Enables memoisation. Must be exact: equal keys only for states no future operation can tell apart
   * (a coarser key prunes branches that could have succeeded and reports false violations).
   */
  key?(state: S): string
  /** For explanations; JSON by default. */
  describe?: { state?(s: S): string; result?(r: R): string; observed?(o: Observed<O, E>, op: Op): string }
}

export interface Candidate<R> {
  id: number
  expected: R
  /** The model agreed with this result here, but every continuation from it failed later. */
  matched: boolean
}

export type LinearizabilityResult<R = unknown> =
  /** Ids in linearization order: every completed operation, and the unknown ones placed before one of them. */
  | { linearizable: true; order: number[] }
  | {
      linearizable: false
      /** The longest sequence of ids the search managed to linearize. */
      longestPrefix: number[]
      /** The completed operation whose return could not be reached linearized, after longestPrefix. */
      blocking?: number
      /** Operations that could have come next after longestPrefix, with what the model expected of them. */
      candidates: Candidate<R>[]
      explanation: string
    }

export interface CheckOptions {
  /** Abort (throw) after this many model steps; a guard against pathological histories. Default 1e6. */
  maxSteps?: number
}

export class LinearizabilityBudgetExceeded extends Error {}

interface Node {
  readonly kind: 'call' | 'return'
  readonly op: number // index into the history, not the caller's id
  readonly time: number
  prev: Node | null
  next: Node | null
  match: Node | null // call → its return
}

function buildList(history: readonly HistoryEntry<string, unknown, unknown, unknown>[]): Node {
  const nodes: Node[] = []
  history.forEach((h, i) => {
    const unknown = h.outcome.kind === 'unknown'
    if (!unknown && h.completedAt === undefined)
      throw new Error(`history entry ${h.id}: completedAt is required for a ${h.outcome.kind} outcome`)
    if (!unknown && h.completedAt! < h.invokedAt)
      throw new Error(`history entry ${h.id}: completedAt ${h.completedAt} precedes invokedAt ${h.invokedAt}`)
    const call: Node = { kind: 'call', op: i, time: h.invokedAt, prev: null, next: null, match: null }
    const ret: Node = {
      kind: 'return',
      op: i,
      time: unknown ? Infinity : h.completedAt!,
      prev: null,
      next: null,
      match: null,
    }
    call.match = ret
    nodes.push(call, ret)
  })
  // Equal times: calls first, so touching intervals count as concurrent (the permissive reading, as in
  // Porcupine; a logical clock never produces ties anyway).
  nodes.sort((a, b) => {
    if (a.time !== b.time) return a.time < b.time ? -1 : 1
    if (a.kind !== b.kind) return a.kind === 'call' ? -1 : 1
    return a.op - b.op
  })
  const head: Node = { kind: 'call', op: -1, time: -Infinity, prev: null, next: null, match: null }
  let prev = head
  for (const n of nodes) {
    prev.next = n
    n.prev = prev
    prev = n
  }
  return head
}

function lift(call: Node): void {
  const ret = call.match!
  call.prev!.next = call.next
  call.next!.prev = call.prev
  ret.prev!.next = ret.next
  if (ret.next) ret.next.prev = ret.prev
}

function unlift(call: Node): void {
  const ret = call.match!
  ret.prev!.next = ret
  if (ret.next) ret.next.prev = ret
  call.prev!.next = call
  call.next!.prev = call
}

const json = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}

/** Checks that some order of the operations, respecting real time, replays on the model with the observed results. */
export function checkLinearizability<S, R, Op extends string, I, O, E>(
  history: readonly HistoryEntry<Op, I, O, E>[],
  model: SequentialModel<S, R, Op, I, O, E>,
  opts: CheckOptions = {},
): LinearizabilityResult<R> {
  const maxSteps = opts.maxSteps ?? 1_000_000
  const head = buildList(history as readonly HistoryEntry<string, unknown, unknown, unknown>[])
  const memo = new Set<string>()
  const stack: { call: Node; state: S }[] = []
  let state = model.init()
  let linearized = 0n
  let steps = 0
  let best: { ids: number[]; state: S; set: bigint } = { ids: [], state, set: 0n }

  let entry = head.next
  while (head.next !== null && entry !== null) {
    const h = history[entry.op]
    if (entry.kind === 'call') {
      if (++steps > maxSteps)
        throw new LinearizabilityBudgetExceeded(
          `linearizability search exceeded ${maxSteps} model steps (${history.length} operations)`,
        )
      const { state: next, result } = model.step(state, h.op, h.input)
      if (h.outcome.kind === 'unknown' || model.equal(h.outcome, result)) {
        const set = linearized | (1n << BigInt(entry.op))
        const memoKey = model.key ? `${set.toString(36)}|${model.key(next)}` : undefined
        if (memoKey === undefined || !memo.has(memoKey)) {
          if (memoKey !== undefined) memo.add(memoKey)
          stack.push({ call: entry, state })
          state = next
          linearized = set
          lift(entry)
          if (stack.length > best.ids.length) best = { ids: stack.map((s) => history[s.call.op].id), state, set }
          entry = head.next
          continue
        }
      }
      entry = entry.next
    } else {
      // An unknown op's return sits at +∞, after every completed op's return, so reaching it means all of
      // those are linearized. (Defensive: unknown calls always match, so the list normally empties first.)
      if (h.outcome.kind === 'unknown') break
      const top = stack.pop()
      if (!top) return notLinearizable(history, model, best)
      state = top.state
      linearized &= ~(1n << BigInt(top.call.op))
      unlift(top.call)
      entry = top.call.next
    }
  }
  // Unknown ops the search placed after every completed one are indistinguishable from ones that never
  // happened; report the simpler story.
  let end = stack.length
  while (end > 0 && history[stack[end - 1].call.op].outcome.kind === 'unknown') end--
  return { linearizable: true, order: stack.slice(0, end).map((s) => history[s.call.op].id) }
}

/** Explains the deepest dead end: which operation could not be placed and what the model expected instead. */
function notLinearizable<S, R, Op extends string, I, O, E>(
  history: readonly HistoryEntry<Op, I, O, E>[],
  model: SequentialModel<S, R, Op, I, O, E>,
  best: { ids: number[]; state: S; set: bigint },
): LinearizabilityResult<R> {
  const remaining = history.map((h, i) => ({ h, i })).filter(({ i }) => (best.set & (1n << BigInt(i))) === 0n)
  const completed = remaining.filter(({ h }) => h.outcome.kind !== 'unknown')
  const blocking = completed.reduce<(typeof completed)[number] | undefined>(
    (b, x) => (b === undefined || x.h.completedAt! < b.h.completedAt! ? x : b),
    undefined,
  )
  const deadline = blocking?.h.completedAt ?? Infinity
  const showResult = model.describe?.result ?? json
  const showObserved = model.describe?.observed ?? ((o: Observed<O, E>) => json(o))
  const candidates: Candidate<R>[] = []
  const lines: string[] = []
  for (const { h } of remaining) {
    if (h.invokedAt > deadline) continue
    const { result } = model.step(best.state, h.op, h.input)
    const matched = h.outcome.kind === 'unknown' || model.equal(h.outcome, result)
    candidates.push({ id: h.id, expected: result, matched })
    const seen = h.outcome.kind === 'unknown' ? 'unknown outcome' : showObserved(h.outcome, h.op)
    lines.push(
      `  #${h.id} ${h.op}: observed ${seen}; model expects ${showResult(result)}${matched ? ' (matches here, but every continuation failed later)' : ''}`,
    )
  }
  const stateText = model.describe?.state?.(best.state) ?? (model.key ? model.key(best.state) : json(best.state))
  const explanation = [
    `No linearization exists. The longest linearizable prefix is [${best.ids.map((id) => `#${id}`).join(', ')}], reaching state ${stateText}.`,
    blocking
      ? `#${blocking.h.id} ${blocking.h.op} completed before it could be placed; the operations that could come next:`
      : 'The operations that could come next:',
    ...lines,
  ].join('\n')
  return {
    linearizable: false,
    longestPrefix: best.ids,
    ...(blocking ? { blocking: blocking.h.id } : {}),
    candidates,
    explanation,
  }
}
