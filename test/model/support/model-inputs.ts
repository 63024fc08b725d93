// fast-check arbitraries for operation inputs, read from the generated shapes: every member may be
// missing, empty, too long, off-pattern, off-enum or out of range, and the identifiers are drawn mostly
// from things that exist, so calls reach the handlers and not only validation. JSON types are always
// right: a wrong type is the wire layer's SerializationException, not the model's business.
import fc from 'fast-check'
import { OPERATIONS, SHAPES, type OperationName, type ShapeSpec } from '../../../src/spec'
import type { Json } from './checked-model'

export interface KnownRefs {
  instanceIds: string[]
  /** ViewIds to draw from: bare ids, ARNs, qualified forms. */
  viewRefs: string[]
  /** resourceArns to draw from. */
  arns: string[]
  nextTokens: string[]
  /** ViewContentSha256 values to draw from (current and stale). */
  checksums: string[]
}

const ODD_STRINGS = [
  '',
  ' ',
  'a'.repeat(501),
  'x:$FOO',
  'arn:aws:connect:us-east-1:aws:view/cards',
  '名前',
  '𝒜',
  'aws:key',
  '$LATEST',
  '0',
]

/** Values that pass each shape's constraints, so that optional members do not sink most calls in validation. */
const VALID: Readonly<Record<string, readonly string[]>> = {
  ViewName: ['fuzz-view', 'Ünïcödé name', 'alpha'],
  ViewDescription: ['a description', 'first, second'],
  ViewAction: ['Submit', 'Cancel'],
  ViewTemplate: ['{}', '{"Head":{"Title":"$.T"},"Body":[]}', 'not json'],
  ViewsClientToken: ['tok-1', 'tok-2'],
  TagKey: ['team', 'env'],
  TagValue: ['a', ''],
}

function stringArb(shapeName: string, memberName: string, refs: KnownRefs): fc.Arbitrary<string> {
  const shape = SHAPES[shapeName]
  const free = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.constantFrom(...ODD_STRINGS),
  )
  const known = (values: string[]) =>
    values.length > 0
      ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: free })
      : free
  if (shape?.type === 'string' && shape.enum)
    return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...shape.enum) }, { weight: 1, arbitrary: free })
  if (shapeName === 'ViewContentSha256' && refs.checksums.length > 0) return known(refs.checksums)
  if (VALID[shapeName])
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALID[shapeName]) }, { weight: 2, arbitrary: free })
  switch (memberName) {
    case 'InstanceId':
      return known(refs.instanceIds)
    case 'ViewId':
      return known(refs.viewRefs)
    case 'resourceArn':
      return known(refs.arns)
    case 'NextToken':
      return known(refs.nextTokens)
    case 'FieldName':
      return known(['name', 'description', 'id', 'arn', 'Name'])
    case 'TagKey':
      return known(['team', 'env'])
    default:
      return free
  }
}

function valueArb(shapeName: string, memberName: string, refs: KnownRefs, depth: number): fc.Arbitrary<unknown> {
  const shape: ShapeSpec | undefined = SHAPES[shapeName]
  if (!shape) throw new Error(`unknown shape ${shapeName}`)
  switch (shape.type) {
    case 'string':
      return stringArb(shapeName, memberName, refs)
    case 'integer':
    case 'long':
      // small positive numbers name existing versions and make short pages; the rest probe the bounds
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) },
        fc.integer({ min: -3, max: 130 }),
        fc.constantFrom(0, 100, 101, 2 ** 31, -(2 ** 31)),
      )
    case 'boolean':
      return fc.boolean()
    case 'timestamp':
      return fc.integer({ min: 0, max: 2e9 })
    case 'list': {
      if (depth > 3) return fc.constant([])
      const item = valueArb(shape.member, memberName, refs, depth + 1)
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(item, { maxLength: 3 }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 51, maxLength: 52 }) },
      )
    }
    case 'map': {
      const entries = fc.dictionary(
        stringArb(shape.key, 'TagKey', refs),
        valueArb(shape.value, 'TagValue', refs, depth + 1) as fc.Arbitrary<string>,
        { maxKeys: 3 },
      )
      return fc.oneof(
        { weight: 5, arbitrary: entries },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.constant('v'), {
            minKeys: 51,
            maxKeys: 52,
          }),
        },
      )
    }
    case 'structure': {
      if (depth > 3) return fc.constant({})
      // each optional member is absent half the time; required members are present six times in seven
      const record = (required: readonly string[]) =>
        fc
          .record(
            Object.fromEntries(
              Object.entries(shape.members).map(([name, m]) => {
                const arb = valueArb(m.shape, name, refs, depth + 1)
                return [name, required.includes(name) ? arb : fc.option(arb, { nil: undefined, freq: 2 })]
              }),
            ),
          )
          .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)))
      return fc.oneof({ weight: 6, arbitrary: record(shape.required) }, { weight: 1, arbitrary: record([]) })
    }
  }
}

export function inputArbitrary(op: OperationName, refs: KnownRefs): fc.Arbitrary<Json> {
  return valueArb(OPERATIONS[op].input, op, refs, 0) as fc.Arbitrary<Json>
}

/** [operation, input] pairs over every covered operation. */
export function callArbitrary(ops: readonly OperationName[], refs: KnownRefs): fc.Arbitrary<[OperationName, Json]> {
  return fc.oneof(...ops.map((op) => inputArbitrary(op, refs).map((input) => [op, input] as [OperationName, Json])))
}
