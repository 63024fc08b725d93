// The Pact verifier runs in a child process that the run stops when its budget is spent: SIGTERM first (the
// child's handler deletes the views it created), then SIGKILL when it has not exited after a grace period, so
// a verifier that hangs or ignores SIGTERM cannot hold the run past its budget. The child here ignores
// SIGTERM: only the escalation ends it, and only its end settles the call.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyInChild } from '../../src/verification/contract-property'
import { tempDir } from '../cli/support/cli'

/** A program that records its pid, ignores SIGTERM and never ends on its own. */
const STUBBORN = `require('node:fs').writeFileSync(process.argv[1], String(process.pid))
process.on('SIGTERM', () => {})
setInterval(() => {}, 1000)`

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('the Pact verifier child past its budget', () => {
  it('is sent SIGTERM, then SIGKILL when it does not exit', async () => {
    const pidFile = join(tempDir(), 'pid')
    // a child still starting when the budget ends dies of SIGTERM before it can ignore it: try a longer budget
    for (let budgetMs = 1_000; !existsSync(pidFile); budgetMs *= 2) {
      expect(budgetMs, 'the child never started').toBeLessThan(20_000)
      const answer = await verifyInChild([], budgetMs, { script: ['-e', STUBBORN, pidFile], killAfterTermMs: 300 })
      expect(answer).toBe('killed')
    }
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false)
  }, 60_000)
})
