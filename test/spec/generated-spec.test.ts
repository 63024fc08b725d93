// The generated spec must be exactly what the generator makes from the committed service model, and the
// service model copy must be the botocore file the reference notes were written against.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generate, MODEL_PATH, OUTPUT_PATH } from '../../scripts/generate-spec'
import { ERROR_NAMES, OPERATIONS, OPERATION_NAMES, SHAPES, type StructureShape } from '../../src/spec'

/**
 * SHA-256 of fixtures/service-model/connect-views.service-model.json: the view subset of botocore 1.43.11
 * (https://github.com/boto/botocore/blob/1.43.11/botocore/data/connect/2017-08-08/service-2.json). Regenerating from an edited copy would keep the byte comparison green, so the
 * copy itself is pinned; updating the model is a deliberate change of this value.
 */
const SERVICE_MODEL_SHA256 = '9d9f2c67212abe8bec6c288fa7db0cb5f2e737869c85eba88284839cd813b28b'

describe('service-model.generated.ts', () => {
  it('is byte for byte what scripts/generate-spec.ts makes from the committed service model', () => {
    const regenerated = generate(JSON.parse(readFileSync(MODEL_PATH, 'utf8')))
    const committed = readFileSync(OUTPUT_PATH, 'utf8')
    // compare strings, not parsed data: formatting drift is drift too (npm run gen:spec fixes it)
    expect(
      committed === regenerated,
      'src/spec/service-model.generated.ts is stale or hand-edited: run npm run gen:spec',
    ).toBe(true)
  })

  it('comes from the pinned copy of the botocore 1.43.11 service model', () => {
    const sha = createHash('sha256').update(readFileSync(MODEL_PATH)).digest('hex')
    expect(sha, 'fixtures/service-model/connect-views.service-model.json changed').toBe(SERVICE_MODEL_SHA256)
  })

  it('every pattern in SHAPES compiles with its patternFlags', () => {
    const withPattern = Object.entries(SHAPES).filter(([, s]) => s.type === 'string' && s.pattern !== undefined)
    expect(withPattern.length).toBeGreaterThan(5)
    for (const [name, s] of withPattern) {
      if (s.type !== 'string') continue
      expect(() => new RegExp(s.pattern!, s.patternFlags ?? ''), name).not.toThrow()
      // \p{…} only means a Unicode class under the u flag; without it the pattern would silently be wrong
      if (s.pattern!.includes('\\p{')) expect(s.patternFlags, name).toContain('u')
    }
  })

  it('unicode patterns match letters and spaces of any script, as the model means them', () => {
    const name = SHAPES.ViewName
    if (name.type !== 'string') throw new Error('ViewName is not a string shape')
    const re = new RegExp(name.pattern!, name.patternFlags)
    expect(re.test('Überblick 名前 Ωmega')).toBe(true)
    expect(re.test(' leading space')).toBe(false)
  })

  it('every error an operation declares is an error shape with an HTTP status', () => {
    for (const op of OPERATION_NAMES) {
      for (const err of OPERATIONS[op].errors) {
        const shape = SHAPES[err] as StructureShape | undefined
        expect(shape?.type, `${op} declares ${err}`).toBe('structure')
        expect(shape?.error?.httpStatus, `${err} httpStatus`).toBeGreaterThanOrEqual(400)
      }
    }
    const declared = new Set(OPERATION_NAMES.flatMap((op) => OPERATIONS[op].errors))
    expect([...declared].sort()).toEqual([...ERROR_NAMES])
  })

  it('the HTTP statuses are the ones botocore and the JS SDK declare (listed here), including 402 for quotas', () => {
    // fault is not compared: this model copy carries no "fault": true, so even InternalServiceException
    // generates as fault 'client' (see the report; the JS SDK schema says server)
    const status = (e: string) => (SHAPES[e] as StructureShape).error?.httpStatus
    expect(status('ServiceQuotaExceededException')).toBe(402)
    expect(status('TooManyRequestsException')).toBe(429)
    expect(status('ThrottlingException')).toBe(429)
    expect(status('DuplicateResourceException')).toBe(409)
    expect(status('ResourceInUseException')).toBe(409)
    expect(status('ResourceNotFoundException')).toBe(404)
    expect(status('InvalidParameterException')).toBe(400)
    expect(status('AccessDeniedException')).toBe(403)
    expect(status('InternalServiceException')).toBe(500)
  })

  it('keeps the ViewContentSha256 model bug verbatim, so the R29 override stays necessary', () => {
    const sha = SHAPES.ViewContentSha256
    expect(sha).toEqual({ type: 'string', min: 1, max: 64, pattern: '^[a-zA-Z0-9]$', patternFlags: '' })
    // a real SHA-256 hex digest fails the literal pattern: that is why src/model/validation.ts overrides it
    expect(/^[a-zA-Z0-9]$/.test('a'.repeat(64))).toBe(false)
  })
})
