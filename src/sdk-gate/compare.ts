// Pairs the two SDKs' records (and schema sets) and turns every disagreement into a Difference: a short
// list of changed JSON paths for the summary plus a unified diff (the `diff` package) for the details.
import { createTwoFilesPatch } from 'diff'
import type { SchemaSet } from '../schemas/schema-set'
import { judgeOutcomes, judgeRequests, judgeSchema, type Judgement, type Severity } from './classify'
import { changedPaths, sortedJsonText } from './json-diff'
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
  /** What the difference means for a caller (src/sdk-gate/classify.ts); only breaking ones fail the gate by default. */
  readonly severity: Severity
  /** Why it has that severity, one line each. */
  readonly reasons: readonly string[]
}

const MAX_CHANGES = 8

function summarise(paths: string[]): string[] {
  return paths.length <= MAX_CHANGES
    ? paths
    : [...paths.slice(0, MAX_CHANGES), `… and ${paths.length - MAX_CHANGES} more`]
}

function difference(
  kind: DifferenceKind,
  id: string,
  op: string | undefined,
  a: unknown,
  b: unknown,
  labels: [string, string],
  judge: () => Judgement,
): Difference | undefined {
  const ta = sortedJsonText(a)
  const tb = sortedJsonText(b)
  if (ta === tb) return undefined
  const patch = createTwoFilesPatch(`${labels[0]}/${id}`, `${labels[1]}/${id}`, ta, tb, undefined, undefined, {
    context: 3,
  })
  const { severity, reasons } = judge()
  return {
    kind,
    id,
    ...(op ? { op } : {}),
    changes: summarise(changedPaths(a, b)),
    patch,
    severity,
    reasons: summarise([...reasons]),
  }
}

/** Compares two runs of the same corpus: requests first, then outcomes, per case in corpus order. */
export function compareRecords(
  pinned: readonly CaseRecord[],
  candidate: readonly CaseRecord[],
  labels: [string, string],
): Difference[] {
  const out: Difference[] = []
  const byId = new Map(candidate.map((r) => [r.id, r]))
  for (const p of pinned) {
    const c = byId.get(p.id)
    byId.delete(p.id)
    if (!c) {
      out.push({
        kind: 'case',
        id: p.id,
        op: p.op,
        changes: [`case ran only on ${labels[0]}`],
        patch: '',
        severity: 'breaking',
        reasons: [`case missing on ${labels[1]}`],
      })
      continue
    }
    const req = difference('request', p.id, p.op, p.requests, c.requests, labels, () =>
      judgeRequests(p.requests, c.requests),
    )
    if (req) out.push(req)
    const res = difference('outcome', p.id, p.op, p.outcome, c.outcome, labels, () =>
      judgeOutcomes(p.outcome, c.outcome),
    )
    if (res) out.push(res)
  }
  for (const c of byId.values())
    out.push({
      kind: 'case',
      id: c.id,
      op: c.op,
      changes: [`case ran only on ${labels[1]}`],
      patch: '',
      severity: 'additive',
      reasons: [`new case on ${labels[1]}`],
    })
  return out
}

/** Logical key → what is compared: the SDK type it came from and both schema variants. */
function schemaView(set: SchemaSet): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const e of set.manifest.entries) {
    out.set(e.key, {
      sdkType: e.sdkType,
      ...(e.note ? { note: e.note } : {}),
      sdk: set.schemas[e.files.sdk],
      ...(e.files.wire ? { wire: set.schemas[e.files.wire] } : {}),
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
    const d = difference('schema', k, k.includes('.') ? k.split('.')[0] : undefined, a.get(k), b.get(k), labels, () =>
      judgeSchema(k, a.get(k), b.get(k)),
    )
    if (d) out.push(d)
  }
  return out
}
