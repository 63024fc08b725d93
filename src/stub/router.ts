// Chooses the operation for (method, raw path), compiled from the URI templates in src/spec.
//
// Matching runs over the RAW path split on '/' before any decoding: an ARN-form ViewId arrives as one
// segment full of %2F/%3A/%24 and must stay one label. Each label is percent-decoded only after the route
// matched.
//
// Wire choices:
// - No route for the path → 404 UnknownOperationException; the path matches a route but not its method →
//   405 UnknownOperationException. This follows smithy-rs's restJson1 router (404 + UnknownOperationException,
//   405 for a disallowed method). smithy-rs sends its 405 without a type header or body; we add both so every
//   answer is JSON the SDKs parse into a named error instead of "Unknown".
// - Labels must be non-empty (Smithy: "labels MUST NOT be empty"), so `/views/i/` matches nothing → 404.
// - Dot segments ('.', '..' and their %2E spellings) are removed first, as RFC 3986 §5.2.4 / the WHATWG URL
//   parser do. The SDKs send '.'/'..' labels unencoded, and msw hands us a URL that `new URL` has already
//   normalised; normalising here too makes all three transports route such a request identically.
import { OPERATIONS, OPERATION_NAMES, SHAPES, type OperationName } from '../spec'
import { WireError } from './wire-types'

type Segment = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'label'; readonly name: string }

interface CompiledRoute {
  readonly op: OperationName
  readonly method: string
  readonly segments: readonly Segment[]
  readonly literalCount: number
}

export interface RouteMatch {
  readonly op: OperationName
  /** Decoded label values keyed by the label name in the URI template (= the member's locationName). */
  readonly labels: Readonly<Record<string, string>>
}

/**
 * Compiles one URI template. Greedy labels ({X+}) and query literals ('?x') are not used by this API; they
 * are refused here so a regenerated spec that starts using them fails loudly instead of routing wrongly.
 */
export function compileTemplate(op: OperationName, method: string, uri: string): CompiledRoute {
  if (uri.includes('?')) throw new Error(`${op}: query literals in URI templates are not supported (${uri})`)
  const segments: Segment[] = uri
    .split('/')
    .slice(1)
    .map((s) => {
      const m = /^\{([A-Za-z0-9_]+)\}$/.exec(s)
      if (m) return { kind: 'label', name: m[1]! }
      if (s.includes('{')) throw new Error(`${op}: greedy or partial-segment labels are not supported (${uri})`)
      return { kind: 'literal', text: s }
    })
  return { op, method, segments, literalCount: segments.filter((s) => s.kind === 'literal').length }
}

/** Routes of every operation, most literal segments first (Smithy's precedence for overlapping templates). */
const ROUTES: readonly CompiledRoute[] = OPERATION_NAMES.map((op) =>
  compileTemplate(op, OPERATIONS[op].method, OPERATIONS[op].uri),
).sort((a, b) => b.literalCount - a.literalCount)

// Sanity check at load time: every label in a template must be bound to an input member in the 'uri' location,
// so decoding can never meet a label it cannot place.
for (const r of ROUTES) {
  const input = SHAPES[OPERATIONS[r.op].input]
  if (input?.type !== 'structure') throw new Error(`${r.op}: input shape is not a structure`)
  for (const s of r.segments) {
    if (s.kind !== 'label') continue
    const bound = Object.values(input.members).some((m) => m.location === 'uri' && m.locationName === s.name)
    if (!bound) throw new Error(`${r.op}: label {${s.name}} is not bound to an input member`)
  }
}

const DOT = /^(?:\.|%2e)$/i
const DOT_DOT = /^(?:\.|%2e){2}$/i

/** RFC 3986 remove_dot_segments over raw segments (keeps a trailing slash when the last segment was a dot). */
export function removeDotSegments(rawSegments: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < rawSegments.length; i++) {
    const s = rawSegments[i]!
    const last = i === rawSegments.length - 1
    if (DOT.test(s)) {
      if (last) out.push('')
      continue
    }
    if (DOT_DOT.test(s)) {
      out.pop()
      if (last) out.push('')
      continue
    }
    out.push(s)
  }
  return out
}

function decodeLabel(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new WireError('SerializationException', `Invalid percent-encoding in path label ${name}`)
  }
}

function tryMatch(route: CompiledRoute, segs: readonly string[]): Record<string, string> | undefined {
  if (segs.length !== route.segments.length) return undefined
  const labels: Record<string, string> = {}
  for (let i = 0; i < segs.length; i++) {
    const seg = route.segments[i]!
    if (seg.kind === 'literal') {
      if (segs[i] !== seg.text) return undefined
    } else {
      if (segs[i] === '') return undefined
      labels[seg.name] = segs[i]!
    }
  }
  return labels
}

/**
 * Finds the operation for a request. Throws WireError UnknownOperationException (404 no route, 405 wrong
 * method) or SerializationException (undecodable label). Labels come back percent-decoded.
 */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  if (!rawPath.startsWith('/'))
    throw new WireError('UnknownOperationException', `No operation matches ${method} ${rawPath}`, {}, 404)
  const segs = removeDotSegments(rawPath.split('/').slice(1))
  let pathMatched = false
  for (const route of ROUTES) {
    const raw = tryMatch(route, segs)
    if (!raw) continue
    if (route.method !== method) {
      pathMatched = true
      continue
    }
    const labels: Record<string, string> = {}
    for (const [k, v] of Object.entries(raw)) labels[k] = decodeLabel(v, k)
    return { op: route.op, labels }
  }
  if (pathMatched)
    throw new WireError('UnknownOperationException', `Method ${method} is not allowed on ${rawPath}`, {}, 405)
  throw new WireError('UnknownOperationException', `No operation matches ${method} ${rawPath}`, {}, 404)
}
