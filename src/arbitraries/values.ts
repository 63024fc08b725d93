// Generators derived from the generated constraints (src/spec), not retyped: lengths come from SHAPES and
// every "valid" value is filtered through the shape's own pattern, every "invalid" one is built to break
// exactly one constraint.
import fc from 'fast-check'
import { SHAPES } from '../spec'
import type { StringShape } from '../spec/spec-types'

export function stringShape(name: string): StringShape {
  const s = SHAPES[name]
  if (s?.type !== 'string') throw new Error(`${name} is not a string shape`)
  return s
}

export function shapePattern(name: string): RegExp | undefined {
  const s = stringShape(name)
  return s.pattern === undefined ? undefined : new RegExp(s.pattern, s.patternFlags ?? '')
}

/** Characters a name-like value may draw from: ASCII, punctuation the patterns allow, other scripts, spaces. */
const NAME_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ..."_.:/=+-@()',",
  'é',
  'ß',
  'Ж',
  '中',
  'ا',
  '١',
  ' ',
  '\u00a0',
]

/** A valid value of a string shape with a pattern, up to `maxLen` code points (clamped to the shape's max). */
export function validString(
  shapeName: string,
  maxLen = 24,
  chars: readonly string[] = NAME_CHARS,
): fc.Arbitrary<string> {
  const s = stringShape(shapeName)
  const re = shapePattern(shapeName)
  const min = Math.max(1, s.min ?? 1)
  const max = Math.min(s.max ?? maxLen, maxLen)
  return fc
    .array(fc.constantFrom(...chars), { minLength: min, maxLength: max })
    .map((cs) => cs.join(''))
    .filter((v) => !re || re.test(v))
}

/** Lower-case ASCII names: collation-independent order (R18a), for properties that check list order. */
export const orderSafeName = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), { minLength: 1, maxLength: 12 })
  .map((c) => c.join(''))

export const viewName = validString('ViewName', 20)
export const viewDescription = validString('ViewDescription', 30)
export const tagKey = validString('TagKey', 12, [...'abcdefghijklmnopqrstuvwxyz0123456789_.:/=+-@', 'é', ' ']).filter(
  (k) => k !== 'conformance-run' && !k.startsWith('aws:'),
)
export const tagValue = fc.string({ maxLength: Math.min(stringShape('TagValue').max ?? 256, 16) })
export const tags = fc.dictionary(tagKey, tagValue, { minKeys: 1, maxKeys: 3 })

/** Kinds of invalid value for a string shape, each breaking one constraint. */
export function invalidStrings(shapeName: string): fc.Arbitrary<{ value: string; breaks: string }> {
  const s = stringShape(shapeName)
  const options: fc.Arbitrary<{ value: string; breaks: string }>[] = []
  if (s.max !== undefined) {
    options.push(
      fc
        .integer({ min: 1, max: 20 })
        .map((extra) => ({ value: 'a'.repeat(s.max! + extra), breaks: `length > ${s.max}` })),
    )
  }
  if ((s.min ?? 0) > 0) options.push(fc.constant({ value: '', breaks: `length < ${s.min}` }))
  const re = shapePattern(shapeName)
  if (re) {
    const bad = fc
      .constantFrom(
        '<',
        '>',
        '#',
        '\n',
        '\t',
        '"',
        '{',
        '}',
        '[',
        ']',
        '%',
        '^',
        '~',
        '`',
        '|',
        '\\',
        ';',
        '!',
        '?',
        '*',
        '&',
        '$',
      )
      .filter((c) => !re.test(`a${c}a`))
    options.push(fc.tuple(fc.constantFrom('ab', 'x1'), bad).map(([p, c]) => ({ value: `${p}${c}`, breaks: 'pattern' })))
  }
  if (options.length === 0) throw new Error(`${shapeName} has no constraint to break`)
  return fc.oneof(...options)
}

/** MaxResults values outside the model range. */
export function invalidMaxResults(): fc.Arbitrary<number> {
  const s = SHAPES.MaxResults
  if (s?.type !== 'integer') throw new Error('MaxResults is not an integer shape')
  return fc.oneof(
    fc.integer({ min: -5, max: (s.min ?? 1) - 1 }),
    fc.integer({ min: (s.max ?? 100) + 1, max: (s.max ?? 100) + 1000 }),
  )
}

export const validMaxResults = (): fc.Arbitrary<number> => {
  const s = SHAPES.MaxResults
  if (s?.type !== 'integer') throw new Error('MaxResults is not an integer shape')
  return fc.integer({ min: s.min ?? 1, max: s.max ?? 100 })
}

export const sha256Hex = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))
