// What a run actually checked. A rule "passes" only when an assertion about it executed against the target
// and could have failed; a property that merely lists a rule proves nothing about it. Checks record each
// assertion as it executes (CheckContext.assert); failures count as executed assertions too. The engine
// listens (onAssertion) and turns each into a StepChecked event (src/engine/events.ts).
import type { RuleId } from '../spec'

export type AssertionOutcome = 'checked' | 'failed'
export type AssertionListener = (rule: RuleId, outcome: AssertionOutcome) => void

export class AssertionLedger {
  private readonly counts = new Map<RuleId, number>()

  constructor(private readonly onAssertion?: AssertionListener) {}

  /** One assertion about `rule` executed now (whatever its outcome). */
  readonly record = (rule: RuleId): void => {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + 1)
    this.onAssertion?.(rule, 'checked')
  }

  /** An assertion about `rule` executed and failed. */
  readonly fail = (rule: RuleId): void => {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + 1)
    this.onAssertion?.(rule, 'failed')
  }

  get total(): number {
    let n = 0
    for (const c of this.counts.values()) n += c
    return n
  }

  toRecord(): Partial<Record<RuleId, number>> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })))
  }
}
