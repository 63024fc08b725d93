// Judges what a difference between the two SDKs MEANS for a caller, not whether bytes moved:
//   breaking — a parsed output or exception differs, a request differs once its JSON body is parsed and its
//              headers normalised, an operation, type or member disappears, a value is read differently;
//   additive — something new: a member the candidate parses that the pinned SDK dropped, a new type,
//              property or enum value in the generated schemas;
//   cosmetic — the same request in other bytes: JSON members in another order or spelt differently, and the
//              content-length / x-amz-content-sha256 headers that follow from those bytes.
// The gate exits 1 on breaking differences only (additive too with --block-additive).
import { createHash } from 'node:crypto'
import type { CapturedRequest } from './capturing-handler'
import { leafChanges, type LeafChange } from './json-diff'
import type { Outcome } from './run-corpus'

export type Severity = 'breaking' | 'additive' | 'cosmetic'
export const SEVERITY_ORDER: readonly Severity[] = ['breaking', 'additive', 'cosmetic']

export interface Judgement {
  readonly severity: Severity
  /** Why, one short line each (what disappeared, which member moved, …). */
  readonly reasons: readonly string[]
}

/** Whether differences of these severities fail the gate: breaking always, additive only when asked. */
export function gateBlocks(severities: Iterable<Severity>, opts: { blockAdditive?: boolean } = {}): boolean {
  for (const s of severities) if (s === 'breaking' || (s === 'additive' && opts.blockAdditive)) return true
  return false
}

/** The worst of several judgements; reasons of that severity only (the others are not what decides it). */
export function worst(js: readonly Judgement[]): Judgement {
  for (const s of SEVERITY_ORDER) {
    const hits = js.filter((j) => j.severity === s)
    if (hits.length) return { severity: s, reasons: [...new Set(hits.flatMap((j) => j.reasons))] }
  }
  return { severity: 'cosmetic', reasons: [] }
}

/** Headers whose value is a function of the body bytes: they change whenever the bytes do. */
const BODY_DERIVED_HEADERS = ['content-length', 'x-amz-content-sha256'] as const

/** Path segments decoded: `%24SAVED` and `$SAVED` name the same resource; segment boundaries still count. */
function decodedPath(path: string): string[] {
  return path.split('/').map((s) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  })
}

/** What the service sees of a request once it parsed it: body as JSON, path decoded, body-derived headers out. */
function requestMeaning(r: CapturedRequest): unknown {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(r.headers))
    if (!(BODY_DERIVED_HEADERS as readonly string[]).includes(k)) headers[k] = v.trim()
  return {
    method: r.method,
    protocol: r.protocol,
    hostname: r.hostname,
    port: r.port,
    path: decodedPath(r.path),
    query: r.query,
    headers,
    body: r.body,
  }
}

function describeChange(c: LeafChange, what: string): string {
  return `${what} ${c.path}: ${c.text}`
}

/** The signed payload hash does not match the bytes sent (the service would reject the signature). */
function hashMismatch(r: CapturedRequest): boolean {
  const h = r.headers['x-amz-content-sha256']
  return (
    h !== undefined && /^[0-9a-f]{64}$/.test(h) && h !== createHash('sha256').update(r.bodyText, 'utf8').digest('hex')
  )
}

export function judgeRequests(pinned: readonly CapturedRequest[], candidate: readonly CapturedRequest[]): Judgement {
  if (pinned.length > 0 && candidate.length === 0)
    return { severity: 'breaking', reasons: ['the candidate sent no request'] }
  if (pinned.length !== candidate.length)
    return { severity: 'breaking', reasons: [`${pinned.length} request(s) → ${candidate.length} (attempts differ)`] }
  const js: Judgement[] = []
  pinned.forEach((p, i) => {
    const c = candidate[i]!
    const meaning = leafChanges(requestMeaning(p), requestMeaning(c), `$[${i}]`)
    if (meaning.length) {
      js.push({ severity: 'breaking', reasons: meaning.map((m) => describeChange(m, 'request')) })
      return
    }
    if (hashMismatch(c) && !hashMismatch(p)) {
      js.push({
        severity: 'breaking',
        reasons: [`request $[${i}] x-amz-content-sha256 is not the hash of the body sent`],
      })
      return
    }
    const bytesMoved = p.bodyText !== c.bodyText
    const derived = BODY_DERIVED_HEADERS.filter((h) => p.headers[h] !== c.headers[h])
    if (derived.length && !bytesMoved) {
      // a body hash or length that changed although the bytes did not is not explained by the body
      js.push({
        severity: 'breaking',
        reasons: derived.map((h) => `request $[${i}] ${h} changed with identical body bytes`),
      })
      return
    }
    if (bytesMoved) {
      js.push({
        severity: 'cosmetic',
        reasons: [
          `request body bytes differ but parse to the same JSON (member order or spelling)${derived.length ? `; ${derived.join(', ')} derived from the bytes` : ''}`,
        ],
      })
    }
  })
  return worst(js)
}

/** Every change is something the candidate has that the pinned side lacked. */
function onlyAdditions(changes: readonly LeafChange[]): boolean {
  return changes.length > 0 && changes.every((c) => c.kind === 'added')
}

export function judgeOutcomes(pinned: Outcome, candidate: Outcome): Judgement {
  if (!candidate.ok && candidate.error.class === 'missing-command')
    return { severity: 'breaking', reasons: [`operation removed: ${candidate.error.message}`] }
  if (pinned.ok !== candidate.ok) {
    const side = (o: Outcome) => (o.ok ? 'succeeds' : `throws ${o.error.class}`)
    return {
      severity: 'breaking',
      reasons: [`the call ${side(pinned)} on pinned but ${side(candidate)} on the candidate`],
    }
  }
  // Members the candidate parses that the pinned SDK dropped: a new output or error member.
  const changes = leafChanges(pinned, candidate)
  if (onlyAdditions(changes) && changes.every((c) => /^\$\.(output|error\.members)\b/.test(c.path))) {
    return { severity: 'additive', reasons: changes.map((c) => `new member read: ${c.path}`) }
  }
  return { severity: 'breaking', reasons: changes.map((c) => describeChange(c, 'outcome')) }
}

/** JSON-schema keywords whose arrays are sets: order carries no meaning. */
const SET_KEYWORDS = new Set(['enum', 'required'])
const DOC_KEYWORDS = new Set(['description', '$comment', 'title', 'examples'])

function lastKeyword(path: string): string | undefined {
  return /(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\])$/
    .exec(path)
    ?.slice(1)
    .find((x) => x !== undefined)
}

function parentKeyword(path: string): string | undefined {
  return lastKeyword(path.replace(/(?:\.[A-Za-z_$][\w$]*|\["[^"]+"\])$/, ''))
}

/** Sorts the arrays of set keywords, so a reordered enum is no change and a new value is one addition. */
function setsSorted(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => setsSorted(x))
    return key && SET_KEYWORDS.has(key)
      ? Object.fromEntries(items.map((x) => [typeof x === 'object' ? JSON.stringify(x) : String(x), true]))
      : items
  }
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, setsSorted(x, k)]))
  return v
}

/** The generator's `$error` (a type it could not find) in a schema entry or one of its variants. */
function generationError(entry: unknown): unknown {
  return [entry, ...Object.values(entry as Record<string, unknown>)]
    .map((v) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>).$error : undefined))
    .find((e) => e !== undefined)
}

/** One schema entry (`{ sdkType, sdk, wire }`) of the pinned and the candidate set, `undefined` where absent. */
export function judgeSchema(key: string, pinned: unknown, candidate: unknown): Judgement {
  if (candidate === undefined) return { severity: 'breaking', reasons: [`${key} removed`] }
  if (pinned === undefined) return { severity: 'additive', reasons: [`${key} added`] }
  const lost = generationError(candidate)
  // The candidate's types no longer have it: nothing else about the entry matters.
  if (lost !== undefined && JSON.stringify(lost) !== JSON.stringify(generationError(pinned)))
    return { severity: 'breaking', reasons: [`${key}: ${String(lost)}`] }
  const input = /\.input$/.test(key)
  const output = /\.output$/.test(key)
  const js: Judgement[] = leafChanges(setsSorted(pinned), setsSorted(candidate)).map((c): Judgement => {
    const kw = lastKeyword(c.path)
    const parent = parentKeyword(c.path)
    const line = `${key} ${c.path}: ${c.text}`
    if (c.path === '$.note') return { severity: 'cosmetic', reasons: [line] }
    if (kw && DOC_KEYWORDS.has(kw) && parent !== 'properties') return { severity: 'cosmetic', reasons: [line] }
    if (parent === 'enum')
      return c.kind === 'added'
        ? { severity: 'additive', reasons: [`${key}: new enum value ${kw}`] }
        : { severity: 'breaking', reasons: [line] }
    if (parent === 'required') {
      // An input member that became optional, or an output member now always present, asks nothing new of a caller.
      const harmless = (c.kind === 'removed' && input) || (c.kind === 'added' && output)
      return {
        severity: harmless ? 'additive' : 'breaking',
        reasons: [`${key}: ${kw} ${c.kind === 'added' ? 'now required' : 'no longer required'}`],
      }
    }
    if ((parent === 'properties' || parent === 'definitions') && c.kind !== 'changed') {
      return c.kind === 'added'
        ? { severity: 'additive', reasons: [`${key}: ${parent === 'properties' ? 'member' : 'type'} ${kw} added`] }
        : { severity: 'breaking', reasons: [`${key}: ${parent === 'properties' ? 'member' : 'type'} ${kw} removed`] }
    }
    return { severity: 'breaking', reasons: [line] }
  })
  return worst(js)
}
