// A throw inside the harness (not a check that fired) is still a failed property, reported under the rule
// "harness" with its stack, never a crash of the run. Written once here for every runner.
import type { Cmd } from '../harness/commands'
import type { PropertyFailure, StepRecord } from '../harness/property-types'

export function harnessError(e: unknown): string {
  return `harness error: ${(e as Error)?.stack ?? e}`
}

export function harnessFailure(
  e: unknown,
  at: { step?: number; commands?: Cmd[]; transcript?: StepRecord[] } = {},
): PropertyFailure {
  return {
    rule: 'harness',
    message: harnessError(e),
    step: at.step ?? -1,
    commands: at.commands ?? [],
    transcript: at.transcript ?? [],
  }
}
