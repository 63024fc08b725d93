// Structural JSON comparison the gate's diffs and judgements are built on: key-sorted JSON text for patches,
// and the list of changed leaves (added / removed / changed) for summaries and classification.

/** JSON with object keys sorted at every level, 2-space indented (the text the patches are made of). */
export function sortedJsonText(v: unknown): string {
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

export interface LeafChange {
  /** JSON path, e.g. `$[0].headers["x-extra"]`. */
  readonly path: string
  /** added: absent on the first side; removed: absent on the second; changed: both present, different. */
  readonly kind: 'added' | 'removed' | 'changed'
  readonly before?: unknown
  readonly after?: unknown
  /** `"a" → "b"`, `(absent) → 1`. */
  readonly text: string
}

/** Where a and b differ: leaves, or whole subtrees present on one side only. */
export function leafChanges(a: unknown, b: unknown, path = '$', out: LeafChange[] = []): LeafChange[] {
  const bothObjects =
    typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)
  if (bothObjects) {
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) leafChanges(a[i], b[i], `${path}[${i}]`, out)
    } else {
      const ra = a as Record<string, unknown>
      const rb = b as Record<string, unknown>
      for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort())
        leafChanges(ra[k], rb[k], key(path, k), out)
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    const kind = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed'
    out.push({
      path,
      kind,
      ...(a !== undefined ? { before: a } : {}),
      ...(b !== undefined ? { after: b } : {}),
      text: `${brief(a)} → ${brief(b)}`,
    })
  }
  return out
}

/** Paths where a and b differ, one readable line each. */
export function changedPaths(a: unknown, b: unknown): string[] {
  return leafChanges(a, b).map((c) => `${c.path}: ${c.text}`)
}
