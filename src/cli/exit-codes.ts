// Exit codes of every subcommand, and the two errors that map onto them. CI keys off these numbers.
export const EXIT = {
  /** Everything passed (or the command did its job). */
  ok: 0,
  /** Conformance failures (or replays still failing). */
  failures: 1,
  /** Usage or configuration error: one readable line on stderr. */
  usage: 2,
  /** The target did not answer at all. */
  unreachable: 3,
  /** SIGINT: stopped, cleaned up, reports written. */
  interrupted: 130,
} as const

/** Bad flags, env or config: printed as one line, exit 2. */
export class UsageError extends Error {}

/** The target does not answer (connection refused, DNS, timeout): exit 3. */
export class UnreachableError extends Error {}
