// Command-line arguments of the bench scripts: parsed by node:util's parseArgs and validated by the
// settings module's parsers (src/settings/), so an unknown flag or a bad value ("--seeds abc") is one line
// and exit 2, as for `conformance`, instead of a NaN that runs zero seeds.
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { EXIT, oneLine, UsageError } from '../../src/exit-codes'
import { asInteger, asList, asString, flagSource } from '../../src/settings'

export interface BenchArgs {
  /** `--name value`, or undefined. */
  text(name: string): string | undefined
  /** `--name n`, an integer >= min, or the default. */
  int(name: string, dflt: number, min?: number): number
  /** `--name a,b`, or the default. */
  list(name: string, dflt: readonly string[]): string[]
  /** The i-th positional argument (0-based), an integer >= 1, or the default. */
  positionalInt(i: number, what: string, dflt: number): number
  /** Whether the switch `--name` (no value) was given. */
  has(name: string): boolean
}

function fail(e: unknown): never {
  if (!(e instanceof UsageError) && !(e instanceof TypeError)) throw e
  process.stderr.write(`${oneLine(basename(process.argv[1] ?? 'bench'), e)}\n`)
  process.exit(EXIT.usage)
}

function guarded<A extends unknown[], T>(f: (...a: A) => T): (...a: A) => T {
  return (...a) => {
    try {
      return f(...a)
    } catch (e) {
      return fail(e)
    }
  }
}

/** `flags`: the names (without --) the script takes, each with a value; `switches`: those without one. */
export function benchArgs(
  flags: readonly string[],
  switches: readonly string[] = [],
  argv: readonly string[] = process.argv.slice(2),
): BenchArgs {
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] }
  try {
    const options = Object.fromEntries([
      ...flags.map((f) => [f, { type: 'string' as const }]),
      ...switches.map((f) => [f, { type: 'boolean' as const }]),
    ])
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (e) {
    return fail(e) // parseArgs throws a TypeError (ERR_PARSE_ARGS_UNKNOWN_OPTION …) with a one-line message
  }
  const src = flagSource(parsed.values)
  const sourced = (name: string) => src.get(name)
  return {
    text: guarded((name) => {
      const s = sourced(name)
      return s && asString(s)
    }),
    int: guarded((name, dflt, min = 1) => {
      const s = sourced(name)
      return s ? asInteger(s, min, Number.MAX_SAFE_INTEGER) : dflt
    }),
    list: guarded((name, dflt) => {
      const s = sourced(name)
      return s ? asList(s) : [...dflt]
    }),
    positionalInt: guarded((i, what, dflt) => {
      const v = parsed.positionals[i]
      return v === undefined ? dflt : asInteger({ value: v, source: what }, 1, Number.MAX_SAFE_INTEGER)
    }),
    has: (name) => parsed.values[name] === true,
  }
}
