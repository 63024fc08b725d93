// Every view a run creates carries a run-unique name prefix and a run tag, so live targets can be cleaned
// up (and swept later) without ever touching a view the harness did not create.
import { randomBytes } from 'node:crypto'

/** Tag key present on every view the harness creates; the value is the run id. */
export const RUN_TAG_KEY = 'conformance-run'
export const NAME_PREFIX_ROOT = 'cvc'

export interface RunIdentity {
  readonly runId: string
  /** Prepended to every created view's name: "cvc-<runId>-". */
  readonly namePrefix: string
  readonly tag: { readonly key: string; readonly value: string }
}

/**
 * One sequence's identity within a run: the same tag (so guard, cleanup and sweep see it as the run's), and
 * a name prefix that extends the run's with the sequence number, so a view a failed cleanup left behind can
 * never clash by name with the next sequence's views. Sequence numbers count per target from 1, so a
 * recording and its parity replay name their views alike.
 */
export function sequenceIdentity(run: RunIdentity, sequence: number): RunIdentity {
  return { ...run, namePrefix: `${run.namePrefix}s${sequence.toString(36)}-` }
}

export function newRunIdentity(runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`): RunIdentity {
  if (!/^[a-z0-9]{1,24}$/.test(runId)) throw new Error(`run id must be 1-24 lowercase letters/digits, got "${runId}"`)
  return { runId, namePrefix: `${NAME_PREFIX_ROOT}-${runId}-`, tag: { key: RUN_TAG_KEY, value: runId } }
}
