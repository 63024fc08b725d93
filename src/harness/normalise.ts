// Reference-preserving normalisation (LocalStack-style): ids, ARNs and checksums become <kind:n> by order
// of first appearance on each side, so two sides agree iff they use the same value in the same places,
// whatever the values are.

export class RefTable {
  private readonly refs = new Map<string, string>()
  private readonly counters = new Map<string, number>()
  private step?: number

  /**
   * From now on, name new values after the step where they first appear (`<sha@12.1>`: step 12, first new
   * one there) instead of a running count: two transcripts where one side shows one extra value (its own
   * checksum for a version, say) then differ at that step only, not at every later reference.
   */
  atStep(n: number): void {
    this.step = n
    for (const k of [...this.counters.keys()]) if (k.startsWith('@')) this.counters.delete(k)
  }

  ref(kind: string, value: unknown): unknown {
    if (typeof value !== 'string') return value
    const key = `${kind}\u0000${value}`
    let r = this.refs.get(key)
    if (!r) {
      const counter = this.step === undefined ? kind : `@${kind}`
      const n = (this.counters.get(counter) ?? 0) + 1
      this.counters.set(counter, n)
      r = this.step === undefined ? `<${kind}:${n}>` : `<${kind}@${this.step}.${n}>`
      this.refs.set(key, r)
    }
    return r
  }
}

/** `x:$SAVED`, `x:$LATEST`, `x:3` → [x, ':3']; anything else → [x, '']. */
function splitQualifier(s: string): [string, string] {
  const m = /^(.*):(\$SAVED|\$LATEST|\d+)$/.exec(s)
  return m ? [m[1]!, `:${m[2]}`] : [s, '']
}

const CUSTOMER_VIEW_ARN = /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/view\/([^/:]+)$/

/** Id and Arn by the view they name, qualifier kept: a qualified form is the same view with a suffix, not a new value. */
function viewRef(refs: RefTable, key: 'Id' | 'Arn', v: unknown): unknown {
  if (typeof v !== 'string') return v
  const [base, qualifier] = splitQualifier(v)
  const id = key === 'Arn' ? CUSTOMER_VIEW_ARN.exec(base)?.[1] : base
  if (id === undefined) return `${refs.ref('arn', base) as string}${qualifier}`
  return `${key === 'Arn' ? 'arn-of-' : ''}${refs.ref('view', id) as string}${qualifier}`
}

const VOLATILE = new Set(['CreatedTime', 'LastModifiedTime', 'NextToken', 'requestId'])

/**
 * Everything an answer said, undocumented fields included, with only volatile values replaced: ids, ARNs
 * and checksums by reference, timestamps, tokens and request ids by placeholders.
 */
export function normaliseValues(value: unknown, refs: RefTable): unknown {
  const walk = (v: unknown, key?: string): unknown => {
    if (key && VOLATILE.has(key)) return `<${key}>`
    if (key === 'Id' || key === 'Arn') return viewRef(refs, key, v)
    if (key === 'ViewContentSha256') return refs.ref('sha', v)
    if (Array.isArray(v)) return v.map((x) => walk(x))
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
    return v
  }
  return walk(value)
}

/** Stable JSON (sorted keys) for comparing projections and printing diffs. */
export function stableJson(v: unknown): string {
  return JSON.stringify(sortKeys(v), null, 1)
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    )
  }
  return v
}

/** Drops secrets before anything reaches a report, bundle or transcript. */
const SECRET_KEYS =
  /^(authorization|x-amz-security-token|aws_?secret_?access_?key|secretaccesskey|sessiontoken|aws_?session_?token|accesskeyid)$/i

export function redact<T>(v: T): T {
  if (Array.isArray(v)) return v.map(redact) as T
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, SECRET_KEYS.test(k) ? '<redacted>' : redact(x)]),
    ) as T
  }
  if (typeof v === 'string')
    return v.replace(/AKIA[0-9A-Z]{16}/g, '<redacted-key-id>').replace(/(Signature=)[0-9a-f]{64}/g, '$1<redacted>') as T
  return v
}
