// The runners emit no progress events and take no abort signal, but every run starts with
// target.resetBetweenRuns() and every call goes through target.send(). Wrapping those two methods on the
// instance gives the live progress line its counters and lets SIGINT stop a property within one call;
// restore() puts the class methods back before the target cleans up after itself.
//
// Against the in-process stub every await settles as a microtask, so a whole property runs inside one
// macrotask: no timer (progress line, heartbeat) and no signal handler would run until it ends. The reset
// wrapper therefore yields to the event loop now and then.
import { setImmediate as nextMacrotask } from 'node:timers/promises'
import type { Target } from '../targets/target'

const YIELD_EVERY_MS = 50

/** Thrown into the running property by every call after an interrupt; its result is then discarded. */
export class RunInterrupted extends Error {
  constructor() {
    super('run interrupted (SIGINT)')
  }
}

export interface Instrumentation {
  /** Runs started and calls made since the last mark(). */
  counters(): { runs: number; calls: number }
  mark(): void
  /** Every later call fails with RunInterrupted. */
  interrupt(): void
  readonly interrupted: boolean
  restore(): void
}

export function instrumentTarget(target: Target): Instrumentation {
  const send = target.send.bind(target)
  const reset = target.resetBetweenRuns.bind(target)
  let runs = 0
  let callsAtMark = target.stats.calls
  let interrupted = false
  let lastYield = Date.now()
  target.send = (op, input, opts) => (interrupted ? Promise.reject(new RunInterrupted()) : send(op, input, opts))
  target.resetBetweenRuns = async () => {
    if (Date.now() - lastYield >= YIELD_EVERY_MS) {
      await nextMacrotask()
      lastYield = Date.now()
    }
    if (interrupted) throw new RunInterrupted()
    runs++
    await reset()
  }
  return {
    counters: () => ({ runs, calls: target.stats.calls - callsAtMark }),
    mark() {
      runs = 0
      callsAtMark = target.stats.calls
    },
    interrupt() {
      interrupted = true
    },
    get interrupted() {
      return interrupted
    },
    restore() {
      // Deleting the own properties uncovers the prototype methods again.
      Reflect.deleteProperty(target, 'send')
      Reflect.deleteProperty(target, 'resetBetweenRuns')
    },
  }
}
