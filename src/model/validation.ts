// Validates operation input against the generated constraints (R24), with Coral-style messages
// ("2 validation errors detected: Value at 'name' failed to satisfy constraint: ..."), as AWS answers them
// on other Connect operations.
import { OPERATIONS, SHAPES, type OperationName } from '../spec'
import type { Choices } from '../choices/catalogue'
import type { ShapeSpec, StringShape, StructureShape } from '../spec/spec-types'
import { ModelError } from './errors'
import type { QuirkName } from './quirks'

/**
 * R29: the model's ViewContentSha256 pattern ^[a-zA-Z0-9]$ matches one character, which no real checksum
 * would pass. How it is applied is a choice; the default accepts 1..64 alphanumerics.
 */
function effectivePattern(
  shapeName: string,
  shape: StringShape,
  choices: Choices,
): { pattern: string; flags: string } | undefined {
  if (shapeName === 'ViewContentSha256') {
    if (choices.sha256Pattern === 'alnum-1-64') return { pattern: '^[a-zA-Z0-9]+$', flags: '' }
    if (choices.sha256Pattern === 'length-only') return undefined
  }
  return shape.pattern === undefined ? undefined : { pattern: shape.pattern, flags: shape.patternFlags ?? '' }
}

const regexCache = new Map<string, RegExp>()
function regex(p: { pattern: string; flags: string }): RegExp {
  const key = `${p.flags}/${p.pattern}`
  let r = regexCache.get(key)
  if (!r) regexCache.set(key, (r = new RegExp(p.pattern, p.flags)))
  return r
}

/** Coral names members lower-camel in paths: 'name', 'content.actions.member'. */
function memberPath(parent: string, member: string): string {
  const m = member.charAt(0).toLowerCase() + member.slice(1)
  return parent ? `${parent}.${m}` : m
}

/** Length as AWS counts it: Unicode code points, not UTF-16 units. */
export function codePointLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

interface Violation {
  path: string
  constraint: string
  shape: string
}

function check(shapeName: string, value: unknown, path: string, choices: Choices, out: Violation[]): void {
  const shape: ShapeSpec | undefined = SHAPES[shapeName]
  if (!shape || value === undefined || value === null) return
  const v = (constraint: string) => out.push({ path, constraint, shape: shapeName })
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return // type errors are the wire layer's (SerializationException)
      const len = codePointLength(value)
      if (shape.min !== undefined && len < shape.min) v(`Member must have length greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && len > shape.max) v(`Member must have length less than or equal to ${shape.max}`)
      const p = effectivePattern(shapeName, shape, choices)
      if (p && !regex(p).test(value)) v(`Member must satisfy regular expression pattern: ${p.pattern}`)
      if (shape.enum && !shape.enum.includes(value)) v(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`)
      return
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number') return
      if (shape.min !== undefined && value < shape.min)
        v(`Member must have value greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value > shape.max) v(`Member must have value less than or equal to ${shape.max}`)
      return
    }
    case 'list': {
      if (!Array.isArray(value)) return
      if (shape.min !== undefined && value.length < shape.min)
        v(`Member must have length greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value.length > shape.max)
        v(`Member must have length less than or equal to ${shape.max}`)
      value.forEach((item) => {
        check(shape.member, item, `${path}.member`, choices, out)
      })
      return
    }
    case 'map': {
      if (typeof value !== 'object') return
      const entries = Object.entries(value as Record<string, unknown>)
      if (shape.min !== undefined && entries.length < shape.min)
        v(`Member must have length greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && entries.length > shape.max)
        v(`Member must have length less than or equal to ${shape.max}`)
      for (const [k, item] of entries) {
        check(shape.key, k, `${path}.key`, choices, out)
        check(shape.value, item, `${path}.value`, choices, out)
      }
      return
    }
    case 'structure':
      checkStructure(shape, value as Record<string, unknown>, path, choices, out)
      return
    default:
      return
  }
}

function checkStructure(
  shape: StructureShape,
  value: Record<string, unknown>,
  path: string,
  choices: Choices,
  out: Violation[],
): void {
  if (typeof value !== 'object') return
  for (const req of shape.required) {
    const x = value[req]
    if (x === undefined || x === null)
      out.push({ path: memberPath(path, req), constraint: 'Member must not be null', shape: shape.members[req].shape })
  }
  for (const [name, member] of Object.entries(shape.members))
    check(member.shape, value[name], memberPath(path, name), choices, out)
}

/** All constraint violations of an operation's input. */
export function findViolations(op: OperationName, input: Record<string, unknown>, choices: Choices): Violation[] {
  const out: Violation[] = []
  checkStructure(SHAPES[OPERATIONS[op].input] as StructureShape, input, '', choices, out)
  return out
}

export function validateInput(
  op: OperationName,
  input: Record<string, unknown>,
  choices: Choices,
  quirks: ReadonlySet<QuirkName>,
): void {
  const violations = findViolations(op, input, choices)
  if (violations.length === 0) return
  if (
    quirks.has('server-error-on-long-name') &&
    violations.some((x) => x.shape === 'ViewName' && x.constraint.includes('less than or equal'))
  ) {
    throw new ModelError('InternalServiceException', 'Internal error', 'R34')
  }
  const n = violations.length
  const message =
    `${n} validation error${n === 1 ? '' : 's'} detected: ` +
    violations.map((x) => `Value at '${x.path}' failed to satisfy constraint: ${x.constraint}`).join('; ')
  throw new ModelError(choices.validationErrorClass, message, 'R24')
}
