// Pairs the two SDKs' records (and schema sets) and turns every disagreement into a Difference: a short
// list of changed JSON paths for the summary plus a unified diff (the `diff` package) for the details.
import { createTwoFilesPatch } from 'diff'
import type { SchemaSet } from '../schemas/schema-set'
import type { CaseRecord } from './run-corpus'

export type DifferenceKind = 'request' | 'outcome' | 'schema' | 'case'

export interface Difference {
  readonly kind: DifferenceKind
  /** Case id (`success/03-DescribeView-saved-qualifier`) or schema key (`View`, `CreateView.output`). */
  readonly id: string
  readonly op?: string
  /** Changed paths, e.g. `$.headers["x-extra"]: (absent) → "1"` (at most MAX_CHANGES, then a count). */
  readonly changes: readonly string[]
  /** Unified diff of the two normalised JSON documents. */
  readonly patch: string
}

const MAX_CHANGES = 8

/** JSON with object keys sorted at every level, 2-space indented (the text the patches are made of). */
export function stableJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort)
    if (typeof x === 'object' && x !== null) {
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(x).sort()) out[k] = sort((x as Record<string, unknown>)[k])
      return out
    }
    return x
  }
  return (JSON.stringify(sort(v), null, 2) ?? 'undefined') + '\n'
}

function key(path: string, k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`
}

function brief(v: unknown): string {
  if (v === undefined) return '(absent)'
  const s = JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Paths where a and b differ (leaves, or whole subtrees that are present on one side only). */
export function changedPaths(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  const bothObjects = typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)
  if (bothObjects) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) changedPaths(a[i], b[i], `${path}[${i}]`, out)
    } else {
      const ra = a as Record<string, unknown>
      const rb = b as Record<string, unknown>
      for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) changedPaths(ra[k], rb[k], key(path, k), out)
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${path}: ${brief(a)} → ${brief(b)}`)
  }
  return out
}

function summarise(paths: string[]): string[] {
  return paths.length <= MAX_CHANGES ? paths : [...paths.slice(0, MAX_CHANGES), `… and ${paths.length - MAX_CHANGES} more`]
}

function difference(kind: DifferenceKind, id: string, op: string | undefined, a: unknown, b: unknown, labels: [string, string]): Difference | undefined {
  const ta = stableJson(a)
  const tb = stableJson(b)
  if (ta === tb) return undefined
  const patch = createTwoFilesPatch(`${labels[0]}/${id}`, `${labels[1]}/${id}`, ta, tb, undefined, undefined, { context: 3 })
  return { kind, id, ...(op ? { op } : {}), changes: summarise(changedPaths(a, b)), patch }
}

/** Compares two runs of the same corpus: requests first, then outcomes, per case in corpus order. */
export function compareRecords(pinned: readonly CaseRecord[], candidate: readonly CaseRecord[], labels: [string, string]): Difference[] {
  const out: Difference[] = []
  const byId = new Map(candidate.map((r) => [r.id, r]))
  for (const p of pinned) {
    const c = byId.get(p.id)
    byId.delete(p.id)
    if (!c) {
      out.push({ kind: 'case', id: p.id, op: p.op, changes: [`case ran only on ${labels[0]}`], patch: '' })
      continue
    }
    const req = difference('request', p.id, p.op, p.requests, c.requests, labels)
    if (req) out.push(req)
    const res = difference('outcome', p.id, p.op, p.outcome, c.outcome, labels)
    if (res) out.push(res)
  }
  for (const c of byId.values()) out.push({ kind: 'case', id: c.id, op: c.op, changes: [`case ran only on ${labels[1]}`], patch: '' })
  return out
}

/** Logical key → what is compared: the SDK type it came from and both schema variants. */
function schemaView(set: SchemaSet): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const e of set.manifest.entries) {
    out.set(e.key, {
      sdkType: e.sdkType, ...(e.note ? { note: e.note } : {}),
      sdk: set.schemas[e.files.sdk], ...(e.files.wire ? { wire: set.schemas[e.files.wire] } : {}),
    })
  }
  return out
}

/** Compares schema sets by logical key, so a type that moves between SDK files or gets renamed pairs up. */
export function compareSchemaSets(pinned: SchemaSet, candidate: SchemaSet, labels: [string, string]): Difference[] {
  const a = schemaView(pinned)
  const b = schemaView(candidate)
  const out: Difference[] = []
  for (const k of [...new Set([...a.keys(), ...b.keys()])]) {
    const d = difference('schema', k, k.includes('.') ? k.split('.')[0] : undefined, a.get(k), b.get(k), labels)
    if (d) out.push(d)
  }
  return out
}
