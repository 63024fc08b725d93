// Where a setting's value comes from: flags win over environment variables, which win over a JSON config
// file (--config or CONFORMANCE_CONFIG). Every value keeps its source, so a bad one is reported as
// "CONFORMANCE_SEED: "x" is not an integer" (src/settings/parsers.ts) — one line, exit 2.
import { readFileSync } from 'node:fs'
import { UsageError } from '../exit-codes'
import { envOf, fileKeys, flagOf } from './setting-table'

/** Raw values as they arrive: flags and env are strings (or string lists, or true), file values any JSON. */
export type RawSettings = Record<string, unknown>

export interface Sourced {
  value: unknown
  /** "--seed", "CONFORMANCE_SEED" or "config.json: seed", for error messages. */
  source: string
}

export class SettingSource {
  constructor(
    private readonly flags: RawSettings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly fileName?: string,
    private readonly file: RawSettings = {},
  ) {}

  get(name: string): Sourced | undefined {
    const flag = this.flags[name]
    if (flag !== undefined) return { value: flag, source: flagOf(name) }
    for (const v of envOf(name)) {
      const e = this.env[v]
      if (e !== undefined && e !== '') return { value: e, source: v }
    }
    if (this.file[name] !== undefined) return { value: this.file[name], source: `${this.fileName}: ${name}` }
    return undefined
  }

  /** The value parsed by `parse`, or undefined when no source sets it. */
  parsed<T>(name: string, parse: (s: Sourced) => T): T | undefined {
    const s = this.get(name)
    return s === undefined ? undefined : parse(s)
  }
}

/** Flags only: for commands that read no environment or config file (serve, whose region is the stub's own). */
export function flagSource(flags: RawSettings): SettingSource {
  return new SettingSource(flags, {})
}

/** Environment only: the vitest suites, which have no flags and no --config. */
export function envSource(env: NodeJS.ProcessEnv = process.env): SettingSource {
  return settingSource({}, env)
}

/** Loads --config / CONFORMANCE_CONFIG; unknown keys are errors (a typo must not be silently ignored). */
export function settingSource(flags: RawSettings, env: NodeJS.ProcessEnv = process.env): SettingSource {
  const file = (flags.config as string | undefined) ?? (env.CONFORMANCE_CONFIG || undefined)
  if (!file) return new SettingSource(flags, env)
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new UsageError(`config file ${file}: ${(e as Error).message.split('\n')[0]}`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`config file ${file}: must hold a JSON object`)
  const keys = fileKeys()
  const out: RawSettings = {}
  for (const [k, v] of Object.entries(parsed as RawSettings)) {
    const name = keys.get(k)
    if (!name)
      throw new UsageError(`config file ${file}: unknown setting "${k}" (known: ${[...keys.keys()].join(', ')})`)
    out[name] = v
  }
  return new SettingSource(flags, env, file, out)
}
