// Opaque, tamper-evident NextTokens (R27/R28). Keyset pagination: the token names the sort key of the last
// item returned, so deletes between pages neither repeat nor drop surviving items. The token is
// base64url(payload) + "." + HMAC prefix, inside the model's allowed alphabet [a-zA-Z0-9=/+_.-].
import { createHash, createHmac } from 'node:crypto'

export interface TokenPayload {
  /** Operation the token belongs to. */
  op: string
  /** What was listed (instance, view, filter), so a token cannot be replayed against another list. */
  scope: string
  /** Sort key of the last item of the previous page. */
  after: unknown
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22)
}

/**
 * The token carries a digest of the scope, not the scope: a SearchViews scope embeds the criteria, which
 * have no length limit, while the token must fit NextToken2500 (and ViewsNextToken's 4096) to be sent back.
 */
function scopeDigest(scope: string): string {
  return createHash('sha256').update(scope, 'utf8').digest('base64url').slice(0, 22)
}

export function encodeToken(secret: string, p: TokenPayload): string {
  const body = Buffer.from(JSON.stringify({ ...p, scope: scopeDigest(p.scope) }), 'utf8').toString('base64url')
  return `${body}.${mac(secret, body)}`
}

/** Returns the payload's `after` key, or undefined when the token was not issued for this op and scope. */
export function decodeToken(
  secret: string,
  token: string,
  op: string,
  scope: string,
): { ok: true; after: unknown } | { ok: false } {
  const dot = token.indexOf('.')
  if (dot <= 0) return { ok: false }
  const body = token.slice(0, dot)
  if (mac(secret, body) !== token.slice(dot + 1)) return { ok: false }
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload
    if (p.op !== op || p.scope !== scopeDigest(scope)) return { ok: false }
    return { ok: true, after: p.after }
  } catch {
    return { ok: false }
  }
}

export interface PageQuirks {
  dropAtBoundary: boolean
  repeatAtBoundary: boolean
  ignoreToken: boolean
}

/**
 * One page of `sorted` (already in answer order) after `after` (exclusive), keyed by `keyOf`, compared by
 * `cmp`. Returns the items and the key for the next token (undefined on the last page).
 */
export function page<T, K>(
  sorted: readonly T[],
  keyOf: (t: T) => K,
  cmp: (a: K, b: K) => number,
  after: K | undefined,
  maxResults: number,
  quirks: PageQuirks,
): { items: T[]; nextAfter?: K } {
  let start = 0
  if (after !== undefined && !quirks.ignoreToken) {
    start = sorted.findIndex((t) => cmp(keyOf(t), after) > 0)
    if (start < 0) start = sorted.length
    if (quirks.repeatAtBoundary && start > 0) start -= 1
  }
  const items = sorted.slice(start, start + maxResults)
  if (start + maxResults >= sorted.length) return { items }
  let last = items[items.length - 1]
  if (quirks.dropAtBoundary) last = sorted[start + maxResults] // the next page starts one item too late
  return { items, nextAfter: keyOf(last) }
}
