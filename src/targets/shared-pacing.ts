// One limiter for two processes. The Pact verifier runs in a child process (contract-property.ts says why)
// while the run's lanes go on exploring the same target: both spend from the same per-API buckets, so the
// child takes each call's slot from the run's limiter over its IPC channel, first in line (rate-limiter.ts),
// and reports each answer back. One model of the buckets, as if one process made every call: the limiter still
// never finds a bucket empty, and exploration spends only what the verifier leaves of each API's rate.
//
// The child also takes the run's list lock (list-lock.ts) like a lane: a call that changes what ListViews
// lists (CreateView, DeleteView, UpdateViewMetadata) holds it as 'changing' until it is answered, and a
// ListViews holds it as 'listing' until the child's next list-changing call or its exit, so a page the
// verifier reads after the first page its provider state read (with that page's NextToken) is never read
// across another lane's change, and no lane's walk meets the child's changes between its pages.
//
// The child makes one call at a time (one interaction at a time: its state, its request, its teardown), so
// an answer belongs to the latest slot taken for its operation; a call that got none (a timeout, then a retry
// under a new slot) is over when the child's next slot is asked for.
import type { OperationName } from '../spec'
import type { Limiter } from './rate-limiter'
import { LIST_CHANGING, type Target } from './target'

export type PacingMessage =
  | { cvcPacing: 'acquire'; id: number; op: OperationName }
  | { cvcPacing: 'go'; id: number }
  | {
      cvcPacing: 'done'
      id: number
      op: OperationName
      answer?: { throttled: boolean; retryAfterMs?: number; deliberate?: boolean }
    }
  | { cvcPacing: 'spend'; op: OperationName }

/** A process's IPC channel as both ends see it (ChildProcess, process). */
export interface PacingChannel {
  send(message: PacingMessage): unknown
  on(event: 'message', listener: (message: unknown) => void): unknown
}

function isPacing(m: unknown): m is PacingMessage {
  return typeof m === 'object' && m !== null && typeof (m as { cvcPacing?: unknown }).cvcPacing === 'string'
}

/** The child's limiter: every slot comes from the process at the other end of `channel` (servePacing). */
export class ParentPacedLimiter implements Limiter {
  private lastId = 0
  private readonly granted = new Map<number, () => void>()
  /** Slots taken and not answered yet, per operation (at most one: the child is serial). */
  private readonly open = new Map<OperationName, number>()

  constructor(private readonly channel: PacingChannel) {
    channel.on('message', (m) => {
      if (!isPacing(m) || m.cvcPacing !== 'go') return
      this.granted.get(m.id)?.()
      this.granted.delete(m.id)
    })
  }

  acquire(op: OperationName): Promise<void> {
    for (const [o, id] of this.open) this.channel.send({ cvcPacing: 'done', id, op: o })
    this.open.clear()
    const id = ++this.lastId
    this.open.set(op, id)
    return new Promise((go) => {
      this.granted.set(id, go)
      this.channel.send({ cvcPacing: 'acquire', id, op })
    })
  }

  spend(op: OperationName): void {
    this.channel.send({ cvcPacing: 'spend', op })
  }

  observe(op: OperationName, throttled: boolean, retryAfterMs?: number, deliberate?: boolean): void {
    const id = this.open.get(op) ?? 0
    this.open.delete(op)
    const answer = {
      throttled,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(deliberate ? { deliberate } : {}),
    }
    this.channel.send({ cvcPacing: 'done', id, op, answer })
  }
}

/**
 * The run's end: grants the slots a child asks for on `channel` from `target`'s limiter, first in line, and
 * holds the target's list lock for the child's list work. The returned function releases whatever the child
 * still holds (call it when the child has exited).
 */
export function servePacing(target: Target, channel: PacingChannel): () => void {
  let listing: (() => void) | undefined
  const changing = new Map<number, () => void>()
  let stopped = false
  /** A hold the lock grants after the child is gone is released at once. */
  const kept = (release: () => void): (() => void) | undefined => {
    if (!stopped) return release
    release()
    return undefined
  }
  // the child is serial, but a message may arrive while the one before is still waiting: handled in order
  let inOrder: Promise<void> = Promise.resolve()
  const handle = async (m: PacingMessage): Promise<void> => {
    if (m.cvcPacing === 'acquire') {
      // the slot first, then the lock: waiting on a bucket, the child holds nothing a lane waits on
      await target.pace(m.op, true)
      if (LIST_CHANGING.has(m.op)) {
        listing?.()
        listing = undefined
        const release = kept(await target.holdList('changing'))
        if (release) changing.set(m.id, release)
      } else if (m.op === 'ListViews' && !listing) listing = kept(await target.holdList('listing'))
      channel.send({ cvcPacing: 'go', id: m.id })
    } else if (m.cvcPacing === 'done') {
      changing.get(m.id)?.()
      changing.delete(m.id)
      if (m.answer) target.paced(m.op, m.answer.throttled, m.answer.retryAfterMs, m.answer.deliberate)
    } else if (m.cvcPacing === 'spend') target.spendOutside(m.op)
  }
  channel.on('message', (m) => {
    if (isPacing(m)) inOrder = inOrder.then(() => handle(m)).catch(() => undefined)
  })
  return () => {
    stopped = true
    listing?.()
    listing = undefined
    for (const release of changing.values()) release()
    changing.clear()
  }
}
