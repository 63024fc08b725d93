// Settings come from three places: flags win over environment variables, which win over a JSON config file
// (--config or CONFORMANCE_CONFIG). Every value is parsed here, whatever its source, and a bad one becomes a
// UsageError naming where it came from ("CONFORMANCE_SEED: "x" is not an integer").
import { readFileSync } from 'node:fs'
import { parseQuirks } from '../model/quirks'
import { parseReportFormats, type ReportFormat } from '../report/write-reports'
import { targetKindOf } from '../targets/create-target'
import { UsageError } from './exit-codes'
import type { Shard } from '../engine/property-set'

/** Raw values as they arrive: flags and env are strings (or string lists, or true), file values any JSON. */
export type RawSettings = Record<string, unknown>

interface SettingSpec {
  env?: readonly string[]
}

/** Setting name (camelCase, as in the config file and the commander options) → its environment variables. */
export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  target: { env: ['CONFORMANCE_TARGET'] },
  instanceId: { env: ['CONFORMANCE_INSTANCE_ID'] },
  region: { env: ['CONFORMANCE_REGION', 'AWS_REGION'] },
  profile: { env: ['AWS_PROFILE'] },
  seed: { env: ['CONFORMANCE_SEED'] },
  runs: { env: ['CONFORMANCE_RUNS'] },
  timeBudget: { env: ['CONFORMANCE_TIME_BUDGET'] },
  strict: { env: ['CONFORMANCE_STRICT'] },
  only: { env: ['CONFORMANCE_ONLY'] },
  quirk: { env: ['CONFORMANCE_QUIRKS'] },
  report: { env: ['CONFORMANCE_REPORT'] },
  out: { env: ['CONFORMANCE_OUT'] },
  shard: { env: ['CONFORMANCE_SHARD'] },
  path: {},
  tps: { env: ['CONFORMANCE_TPS'] },
  burst: { env: ['CONFORMANCE_BURST'] },
  regressions: { env: ['CONFORMANCE_REGRESSIONS'] },
  recordings: { env: ['CONFORMANCE_RECORDINGS'] },
  choicesProfile: { env: ['CONFORMANCE_CHOICES_PROFILE'] },
  lanes: { env: ['CONFORMANCE_LANES'] },
  minAge: {},
  dryRun: {},
}

/** Config file keys that are spelled differently from the option (plural reads better in JSON). */
const FILE_ALIASES: Readonly<Record<string, string>> = { quirks: 'quirk', reports: 'report' }

export interface Sourced {
  value: unknown
  /** "--seed", "CONFORMANCE_SEED" or "config.json: seed", for error messages. */
  source: string
}

export class SettingSource {
  private readonly file: RawSettings
  constructor(private readonly flags: RawSettings, private readonly env: NodeJS.ProcessEnv, private readonly fileName?: string, file: RawSettings = {}) {
    this.file = file
  }

  get(name: string): Sourced | undefined {
    const flag = this.flags[name]
    if (flag !== undefined) return { value: flag, source: `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` }
    for (const v of SETTINGS[name]?.env ?? []) {
      const e = this.env[v]
      if (e !== undefined && e !== '') return { value: e, source: v }
    }
    if (this.file[name] !== undefined) return { value: this.file[name], source: `${this.fileName}: ${name}` }
    return undefined
  }
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
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`config file ${file}: must hold a JSON object`)
  const out: RawSettings = {}
  for (const [k, v] of Object.entries(parsed as RawSettings)) {
    const name = FILE_ALIASES[k] ?? k
    if (!(name in SETTINGS)) throw new UsageError(`config file ${file}: unknown setting "${k}" (known: ${Object.keys(SETTINGS).join(', ')})`)
    out[name] = v
  }
  return new SettingSource(flags, env, file, out)
}

// ---- value parsers: (value, source) → typed value, or a UsageError naming the source ----

function bad(s: Sourced, why: string): UsageError {
  return new UsageError(`${s.source}: ${JSON.stringify(s.value)} ${why}`)
}

export function asString(s: Sourced): string {
  if (typeof s.value !== 'string' || s.value.trim() === '') throw bad(s, 'must be a non-empty string')
  return s.value.trim()
}

export function asInteger(s: Sourced, min: number, max: number): number {
  const n = typeof s.value === 'number' ? s.value : typeof s.value === 'string' && /^-?\d+$/.test(s.value.trim()) ? Number(s.value) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(s, `is not an integer in ${min}..${max}`)
  return n
}

export function asPositiveNumber(s: Sourced): number {
  const n = typeof s.value === 'number' ? s.value : typeof s.value === 'string' ? Number(s.value) : NaN
  if (!Number.isFinite(n) || n <= 0) throw bad(s, 'is not a positive number')
  return n
}

export function asBoolean(s: Sourced): boolean {
  if (typeof s.value === 'boolean') return s.value
  const v = String(s.value).trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(v)) return true
  if (['0', 'false', 'no', 'off'].includes(v)) return false
  throw bad(s, 'is not a boolean (true/false)')
}

/** A flag list, a JSON array, or a comma/space separated string. */
export function asList(s: Sourced): string[] {
  const items = Array.isArray(s.value) ? s.value : [s.value]
  if (items.some((x) => typeof x !== 'string')) throw bad(s, 'must be a list of strings')
  return (items as string[]).flatMap((x) => x.split(/[,\s]+/)).filter(Boolean)
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** "5m", "90s", "1h30m", "500ms"; a bare number is seconds. */
export function asDuration(s: Sourced): number {
  const text = typeof s.value === 'number' ? `${s.value}s` : String(s.value).trim()
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  let ms: number
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000
  else if (parts.length && parts.map((p) => p[0]).join('') === text) ms = parts.reduce((n, p) => n + Number(p[1]) * UNITS[p[2]!]!, 0)
  else throw bad(s, 'is not a duration (e.g. 90s, 5m, 1h30m)')
  if (!(ms > 0)) throw bad(s, 'must be longer than 0')
  return Math.round(ms)
}

export function asShard(s: Sourced): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(String(s.value).trim())
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || !(count >= 1) || !(index >= 1) || index > count) throw bad(s, 'is not a shard i/n with 1 <= i <= n (e.g. 1/3)')
  return { index, count }
}

export function asTarget(s: Sourced): string {
  const t = asString(s)
  try {
    targetKindOf(t)
  } catch (e) {
    throw new UsageError(`${s.source}: ${(e as Error).message}`)
  }
  return t
}

export function asQuirks(s: Sourced): string[] {
  const names = asList(s)
  try {
    parseQuirks(names)
  } catch (e) {
    throw new UsageError(`${s.source}: ${(e as Error).message}`)
  }
  return names
}

export function asReportFormats<F extends string = ReportFormat>(s: Sourced, known?: readonly F[]): F[] {
  try {
    return parseReportFormats<F>(asList(s), known)
  } catch (e) {
    throw new UsageError(`${s.source}: ${(e as Error).message}`)
  }
}
