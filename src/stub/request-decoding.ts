// Turns a routed request (decoded labels, raw query, body text) into the SDK-shaped input the model takes:
// member names as in the service model, integers as numbers, repeated query keys as string[].
//
// Everything is derived from the input shape in src/spec. Only *types* are checked here; constraints
// (length, pattern, enum, range, required) are the model's job, because AWS answers those with the
// operation's own validation error (R24), not with a framework error.
//
// Wire choices, following the restJson1 malformed-request protocol tests of Smithy
// (aws-protocol-tests/model/restJson1/validation/malformed-*.smithy), which AWS's server frameworks pass:
// - A value of the wrong type anywhere (label, query, body) → 400 SerializationException. Integers must be
//   decimal integers within the shape's range: `/versions/abc`, `1.5`, `0x10`, `1e3` in a label or query, a
//   JSON string "3" or 1.5 in the body are all rejected; `-1` or `0` are well-formed (the model rejects them).
// - Invalid JSON, or JSON that is not an object → 400 SerializationException. An empty body means `{}`.
// - Unknown body members and unknown query keys are ignored (restJson1 servers must ignore unknown members).
// - A JSON null member is treated as absent; null inside a list or map is refused (these shapes are not @sparse).
// - The same non-list query key twice → 400 SerializationException (ambiguous; no SDK sends it).
// - Query values are percent-decoded with decodeURIComponent: a literal '+' stays '+' (SDKs send a '+' as %2B).
// - Content-Type is not enforced (botocore, the JS SDK and curl users all send JSON; a strict 415 would only
//   get in the way of hand-written requests).
import { OPERATIONS, SHAPES, type OperationName, type ShapeSpec, type StructureShape } from '../spec'
import { WireError } from './wire-types'

/** Deeper than any real request (SearchViews criteria nest a handful of levels); bounds recursion on hostile input. */
export const MAX_NESTING_DEPTH = 32

const INT32_MIN = -2147483648
const INT32_MAX = 2147483647

function serialization(message: string): WireError {
  return new WireError('SerializationException', message)
}

function shapeOf(name: string): ShapeSpec {
  const s = SHAPES[name]
  if (!s) throw new Error(`shape ${name} is missing from the spec`)
  return s
}

function inputShape(op: OperationName): StructureShape {
  const s = shapeOf(OPERATIONS[op].input)
  if (s.type !== 'structure') throw new Error(`${op}: input shape is not a structure`)
  return s
}

/** Parses a decimal integer from a label or query value; anything else is a SerializationException. */
export function parseIntegerText(text: string, type: 'integer' | 'long', where: string): number {
  if (!/^-?\d+$/.test(text)) throw serialization(`${where}: '${text}' is not a valid ${type}`)
  const n = Number(text)
  checkIntegerRange(n, type, where)
  return n
}

function checkIntegerRange(n: number, type: 'integer' | 'long', where: string): void {
  const ok = type === 'integer' ? n >= INT32_MIN && n <= INT32_MAX : Number.isSafeInteger(n)
  if (!ok) throw serialization(`${where}: ${n} is out of range for ${type}`)
}

/** Converts one text value (label or query) to the member's type. */
function fromText(shapeName: string, text: string, where: string): unknown {
  const shape = shapeOf(shapeName)
  switch (shape.type) {
    case 'string':
      return text
    case 'integer':
    case 'long':
      return parseIntegerText(text, shape.type, where)
    case 'boolean':
      if (text === 'true') return true
      if (text === 'false') return false
      throw serialization(`${where}: '${text}' is not a valid boolean`)
    default:
      throw new Error(`${where}: ${shape.type} members in labels or query strings are not supported`)
  }
}

/** Splits a raw query string into decoded key → values, keeping repeats in order. */
export function parseQuery(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  if (raw === '') return out
  for (const part of raw.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const rawKey = eq < 0 ? part : part.slice(0, eq)
    const rawValue = eq < 0 ? '' : part.slice(eq + 1)
    let key: string
    let value: string
    try {
      key = decodeURIComponent(rawKey)
      value = decodeURIComponent(rawValue)
    } catch {
      throw serialization(`Invalid percent-encoding in query parameter '${rawKey}'`)
    }
    const list = out.get(key)
    if (list) list.push(value)
    else out.set(key, [value])
  }
  return out
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Type-checks one JSON value against a shape and returns the value the model gets: structures keep only
 * modelled members (renamed from locationName to member name), nulls dropped. `path` names the member for
 * the error message, e.g. `Content.Actions[2]`.
 */
export function decodeJsonValue(shapeName: string, value: unknown, path: string, depth = 0): unknown {
  if (depth > MAX_NESTING_DEPTH) throw serialization(`${path}: nesting deeper than ${MAX_NESTING_DEPTH} levels`)
  const shape = shapeOf(shapeName)
  const wrongType = (expected: string) =>
    serialization(`Invalid value at '${path}': expected ${expected}, got ${describe(value)}`)
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw wrongType('string')
      return value
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(shape.type)
      checkIntegerRange(value, shape.type, `Invalid value at '${path}'`)
      return value
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType('boolean')
      return value
    case 'timestamp':
      // restJson1 body timestamps default to epoch seconds (no input of this API has one; kept for completeness).
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType('timestamp (epoch seconds)')
      return new Date(value * 1000)
    case 'list': {
      if (!Array.isArray(value)) throw wrongType('list')
      return value.map((item, i) => {
        const p = `${path}[${i}]`
        if (item === null) throw serialization(`Invalid value at '${p}': null is not allowed in a list`)
        return decodeJsonValue(shape.member, item, p, depth + 1)
      })
    }
    case 'map': {
      if (!isPlainObject(value)) throw wrongType('map')
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) {
        const p = `${path}.${k}`
        if (v === null) throw serialization(`Invalid value at '${p}': null is not allowed in a map`)
        // defineProperty: a tag key '__proto__' (valid per TagKey's pattern) must stay a key, not become the prototype.
        Object.defineProperty(out, k, {
          value: decodeJsonValue(shape.value, v, p, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return out
    }
    case 'structure': {
      if (!isPlainObject(value)) throw wrongType('structure')
      const out = decodeMembers(shape, value, path, depth)
      if (shape.union && Object.keys(out).length !== 1)
        throw serialization(`Invalid value at '${path}': a union must set exactly one member`)
      return out
    }
  }
}

function decodeMembers(
  shape: StructureShape,
  json: Record<string, unknown>,
  path: string,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [member, spec] of Object.entries(shape.members)) {
    if (spec.location !== 'body') continue
    const v = json[spec.locationName]
    if (v === undefined || v === null || !Object.hasOwn(json, spec.locationName)) continue
    out[member] = decodeJsonValue(spec.shape, v, path === '' ? member : `${path}.${member}`, depth + 1)
  }
  return out
}

/** Parses the body text into the top-level JSON object ('' and whitespace mean `{}`). */
export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch (e) {
    throw serialization(`Request body is not valid JSON: ${(e as Error).message}`)
  }
  if (!isPlainObject(parsed)) throw serialization(`Request body must be a JSON object, got ${describe(parsed)}`)
  return parsed
}

export interface DecodableRequest {
  /** Decoded label values keyed by label name, from the router. */
  readonly labels: Readonly<Record<string, string>>
  /** Raw query string without '?'. */
  readonly query: string
  readonly body: string
}

/** Builds the model input for a routed request, or throws WireError SerializationException. */
export function decodeRequest(op: OperationName, req: DecodableRequest): Record<string, unknown> {
  const shape = inputShape(op)
  const input: Record<string, unknown> = {}
  let query: Map<string, string[]> | undefined
  let hasBody = false
  for (const [member, spec] of Object.entries(shape.members)) {
    switch (spec.location) {
      case 'uri': {
        const text = req.labels[spec.locationName]
        // The router only matches when every label has a non-empty segment, so a missing one is a bug.
        if (text === undefined) throw new Error(`${op}: label ${spec.locationName} missing after routing`)
        input[member] = fromText(spec.shape, text, `Path label ${spec.locationName}`)
        break
      }
      case 'querystring': {
        query ??= parseQuery(req.query)
        const values = query.get(spec.locationName)
        if (values === undefined) break
        const memberShape = shapeOf(spec.shape)
        const where = `Query parameter ${spec.locationName}`
        if (memberShape.type === 'list') {
          input[member] = values.map((v) => fromText(memberShape.member, v, where))
        } else {
          if (values.length > 1) throw serialization(`${where} must appear at most once`)
          input[member] = fromText(spec.shape, values[0]!, where)
        }
        break
      }
      case 'body':
        hasBody = true
        break
      case 'header':
        // No input of this API binds a header; refuse loudly if a regenerated spec starts to.
        throw new Error(`${op}: header-bound member ${member} is not supported by the stub`)
    }
  }
  if (hasBody) Object.assign(input, decodeMembers(shape, parseJsonBody(req.body), '', 0))
  return input
}
