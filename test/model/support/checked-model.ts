// A ViewsModel wrapper that every model test goes through, so two wire rules are checked on every call
// without each test having to remember them:
//   R32: a successful answer is plain JSON that fits the operation's output shape, with timestamps as
//        epoch-second numbers;
//   R33: a thrown error is a ModelError whose class the operation declares, with a message and a
//        rule id from the catalogue.
// A breach throws a plain Error naming the rule, which no expectModelError() accepts, so the test fails.
import { ViewsModel, ModelError, deterministicOptions, type ModelOptions } from '../../../src/model'
import { OPERATIONS, RULES, SHAPES, type OperationName, type ShapeSpec } from '../../../src/spec'

export type Json = Record<string, any>

const RULE_IDS = new Set(RULES.map((r) => r.id))

/** Between 2001-09-09 and 5138-11-16 in seconds: a millisecond value would be far above this. */
const EPOCH_SECONDS = { min: 1e9, max: 1e11 }

function breach(rule: string, op: string, what: string): never {
  throw new Error(`${rule} breached by ${op}: ${what}`)
}

/** R33 for one thrown value. */
export function assertDeclaredError(op: OperationName, e: unknown): asserts e is ModelError {
  if (!(e instanceof ModelError)) breach('R33', op, `threw a non-ModelError: ${String(e)}`)
  const declared: readonly string[] = OPERATIONS[op].errors
  if (!declared.includes(e.errorName))
    breach('R33', op, `${e.errorName} is not declared (declared: ${declared.join(', ')})`)
  if (typeof e.message !== 'string' || e.message.length === 0) breach('R33', op, `${e.errorName} has no message`)
  if (!RULE_IDS.has(e.rule)) breach('R33', op, `${e.errorName} cites unknown rule "${e.rule}"`)
}

function checkValue(op: string, shapeName: string, value: unknown, path: string): void {
  const shape: ShapeSpec | undefined = SHAPES[shapeName]
  if (!shape) breach('R32', op, `${path}: shape ${shapeName} unknown`)
  const bad = (what: string): never =>
    breach('R32', op, `${path} (${shapeName}): ${what}: ${JSON.stringify(value)?.slice(0, 200)}`)
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') bad('not a string')
      const s = value as string
      if (shape.enum && !shape.enum.includes(s)) bad('not in enum')
      const len = [...s].length
      if (shape.min !== undefined && len < shape.min) bad('too short')
      if (shape.max !== undefined && len > shape.max) bad('too long')
      // The ViewContentSha256 pattern is the model's one-character bug (R29); checksums are checked by R14 tests.
      if (shape.pattern && shapeName !== 'ViewContentSha256' && !new RegExp(shape.pattern, shape.patternFlags).test(s))
        bad('pattern')
      return
    }
    case 'integer':
    case 'long':
      if (!Number.isSafeInteger(value)) bad('not an integer')
      return
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) bad('timestamp is not a number')
      if ((value as number) < EPOCH_SECONDS.min || (value as number) > EPOCH_SECONDS.max)
        bad('timestamp is not in epoch seconds')
      return
    case 'boolean':
      if (typeof value !== 'boolean') bad('not a boolean')
      return
    case 'list':
      if (!Array.isArray(value)) bad('not an array')
      ;(value as unknown[]).forEach((v, i) => {
        checkValue(op, shape.member, v, `${path}[${i}]`)
      })
      return
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('not an object')
      for (const [k, v] of Object.entries(value as object)) {
        checkValue(op, shape.key, k, `${path}{key}`)
        checkValue(op, shape.value, v, `${path}.${k}`)
      }
      return
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('not an object')
      for (const [k, v] of Object.entries(value as object)) {
        const member = shape.members[k]
        if (!member) bad(`unknown member ${k}`)
        checkValue(op, member.shape, v, path ? `${path}.${k}` : k)
      }
      return
    }
  }
}

/** Only what JSON.parse can produce: JSON.stringify would silently drop undefined and turn a Date into a string. */
function assertPlainJson(op: string, value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) breach('R32', op, `${path}: ${value} is not a JSON number`)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertPlainJson(op, v, `${path}[${i}]`)
    })
    return
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) assertPlainJson(op, v, path ? `${path}.${k}` : k)
    return
  }
  breach(
    'R32',
    op,
    `${path}: ${typeof value === 'object' ? Object.prototype.toString.call(value) : typeof value} is not plain JSON`,
  )
}

/** R32 for one answer. */
export function assertWireOutput(op: OperationName, out: unknown): void {
  assertPlainJson(op, out, '')
  const outputShape = OPERATIONS[op].output
  if (outputShape === null) {
    if (JSON.stringify(out) !== '{}') breach('R32', op, `operation has no output but answered ${JSON.stringify(out)}`)
    return
  }
  checkValue(op, outputShape, out, '')
}

export class CheckedModel {
  constructor(readonly raw: ViewsModel) {}

  invoke(op: OperationName, input: Json): Json {
    let out: Json
    try {
      out = this.raw.invoke(op, input)
    } catch (e) {
      assertDeclaredError(op, e)
      throw e
    }
    assertWireOutput(op, out)
    return out
  }

  clone(): CheckedModel {
    return new CheckedModel(this.raw.clone())
  }

  reset(): void {
    this.raw.reset()
  }

  addInstance(instanceId: string): void {
    this.raw.addInstance(instanceId)
  }
}

/** A model with the deterministic clock (+1 s per read) and ids; `options` override anything. */
export function checkedModel(options: ModelOptions = {}): CheckedModel {
  return new CheckedModel(new ViewsModel({ ...deterministicOptions(), ...options }))
}
