// The one exit-code table of every command this package ships: the `conformance` subcommands, the
// scripts (scripts/verify-contracts.ts) and the SDK-upgrade gate. CI keys off these numbers, and the
// README's "Exit codes" table is checked against EXIT_CODES (test/cli/exit-code-table.test.ts).
export const EXIT = {
  /** Everything passed (or the command did its job); held against expectations: nothing unexpected. */
  ok: 0,
  /**
   * Conformance failures, replays still failing, operations not implemented, breaking SDK differences; held
   * against expectations: an unexpected failure, or an unexpected pass unless allowed.
   */
  failures: 1,
  /** Usage or configuration error: one readable line on stderr. */
  usage: 2,
  /** The target did not answer at all. */
  unreachable: 3,
  /** A bug in the harness itself: the stack trace goes to stderr. */
  internal: 4,
  /** SIGINT: stopped, cleaned up, reports written. */
  interrupted: 130,
  /** SIGTERM: the same as SIGINT, with the shell's code for it. */
  terminated: 143,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** What each code means, in the words the README's table uses. */
export const EXIT_CODES: readonly { readonly code: ExitCode; readonly meaning: string }[] = [
  {
    code: EXIT.ok,
    meaning:
      'nothing failed (PASSED, or INCONCLUSIVE when the budget left something unchecked); with `--expectations`: nothing unexpected',
  },
  {
    code: EXIT.failures,
    meaning:
      'conformance failures, operations not implemented, a regression still failing, a breaking SDK difference; with `--expectations`: an unexpected failure, or an unexpected pass (unless `--allow-unexpected-pass`)',
  },
  { code: EXIT.usage, meaning: 'usage or configuration error (one readable line on stderr)' },
  { code: EXIT.unreachable, meaning: 'target unreachable' },
  { code: EXIT.internal, meaning: 'internal error (a harness bug; stack trace on stderr)' },
  { code: EXIT.interrupted, meaning: 'interrupted by SIGINT (cleaned up, reports written)' },
  { code: EXIT.terminated, meaning: 'stopped by SIGTERM (cleaned up, reports written)' },
]

/** Bad flags, env or config: printed as one line, exit 2. */
export class UsageError extends Error {}

/** The target does not answer (connection refused, DNS, timeout): exit 3. */
export class UnreachableError extends Error {}

/** The single line a usage or unreachable error prints: `<command>: <message>`, line breaks folded. */
export function oneLine(command: string, e: Error): string {
  return `${command}: ${e.message.replace(/\s*\n\s*/g, ' ')}`
}

/** The README's exit-code table (test/settings/readme-tables.test.ts keeps the two equal). */
export function exitCodeTableMarkdown(): string {
  return ['| exit code | meaning |', '|---:|---|', ...EXIT_CODES.map((c) => `| ${c.code} | ${c.meaning} |`)].join('\n')
}
