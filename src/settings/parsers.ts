// Value parsers: (value, source) → typed value, or a UsageError naming the source, e.g.
// `CONFORMANCE_TPS: "abc" is not a positive number`. Flags and env values arrive as strings, config-file
// values as any JSON, so each parser accepts both.
import { parseQuirks } from '../model/quirks'
import { parseReportFormats, type ReportFileFormat } from '../report/write-reports'
import { targetKindOf } from '../targets/create-target'
import { UsageError } from '../exit-codes'
import type { Sourced } from './setting-source'

/** One of n round-robin slices of the property set; index is 1-based. */
export interface Shard {
  index: number
  count: number
}

function bad(s: Sourced, why: string): UsageError {
  return new UsageError(`${s.source}: ${JSON.stringify(s.value)} ${why}`)
}

export function asString(s: Sourced): string {
  if (typeof s.value !== 'string' || s.value.trim() === '') throw bad(s, 'must be a non-empty string')
  return s.value.trim()
}

export function asInteger(s: Sourced, min: number, max: number): number {
  const n =
    typeof s.value === 'number'
      ? s.value
      : typeof s.value === 'string' && /^-?\d+$/.test(s.value.trim())
        ? Number(s.value)
        : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(s, `is not an integer in ${min}..${max}`)
  return n
}

/** fast-check seeds are 32-bit. */
export function asSeed(s: Sourced): number {
  return asInteger(s, 0, 2 ** 32 - 1)
}

export function asPositiveNumber(s: Sourced): number {
  const n = typeof s.value === 'number' ? s.value : typeof s.value === 'string' ? Number(s.value) : NaN
  if (!Number.isFinite(n) || n <= 0) throw bad(s, 'is not a positive number')
  return n
}

/** A fraction in (0, 1], e.g. a rate share: `0.25`. */
export function asFraction(s: Sourced): number {
  const n = typeof s.value === 'number' ? s.value : typeof s.value === 'string' ? Number(s.value) : NaN
  if (!(n > 0 && n <= 1)) throw bad(s, 'is not a fraction in (0, 1]')
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
  else if (parts.length && parts.map((p) => p[0]).join('') === text)
    ms = parts.reduce((n, p) => n + Number(p[1]) * UNITS[p[2]!]!, 0)
  else throw bad(s, 'is not a duration (e.g. 90s, 5m, 1h30m)')
  if (!(ms > 0)) throw bad(s, 'must be longer than 0')
  return Math.round(ms)
}

export function asShard(s: Sourced): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(String(s.value).trim())
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || !(count >= 1) || !(index >= 1) || index > count)
    throw bad(s, 'is not a shard i/n with 1 <= i <= n (e.g. 1/3)')
  return { index, count }
}

/** A domain parser's error (unknown quirk, bad target) as a UsageError naming the source. */
function validated<T>(s: Sourced, parse: () => T): T {
  try {
    return parse()
  } catch (e) {
    throw new UsageError(`${s.source}: ${(e as Error).message}`)
  }
}

export function asTarget(s: Sourced): string {
  const t = asString(s)
  validated(s, () => targetKindOf(t))
  return t
}

export function asQuirks(s: Sourced): string[] {
  const names = asList(s)
  validated(s, () => parseQuirks(names))
  return names
}

/** `known`: the formats the caller can write (a merge the file formats, a run every registered reporter). */
export function asReportFormats<F extends string = ReportFileFormat>(s: Sourced, known?: readonly F[]): F[] {
  return validated(s, () => parseReportFormats<F>(asList(s), known))
}

/** `--consistency`: how reads are judged (src/harness/consistency.ts). */
export function asConsistencyModel(s: Sourced): 'eventual' | 'strong' {
  const v = String(s.value).trim().toLowerCase()
  if (v === 'eventual' || v === 'strong') return v
  throw bad(s, 'is not a consistency model (eventual or strong)')
}
