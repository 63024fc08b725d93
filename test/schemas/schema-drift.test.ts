// fixtures/schemas must be exactly what scripts/generate-schemas.ts produces from the pinned SDK's d.ts.
// Fails after an SDK bump (or a hand edit) until `npm run gen:schemas` is run and the result committed.
import { createTwoFilesPatch } from 'diff'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateSchemaSet } from '../../src/schemas/generate-schemas'
import { COMMITTED_SCHEMA_DIR, readSchemaDirFiles, schemaSetFiles } from '../../src/schemas/schema-set'
import { EXTRA_TYPES, schemaCatalog } from '../../src/schemas/schema-catalog'
import { OPERATION_NAMES } from '../../src/spec'

describe('fixtures/schemas', () => {
  let fresh: Map<string, string>
  // one generator run for the whole catalogue (~5–9 s; over a minute on a loaded machine: the slow project's
  // hook timeout, vitest.config.ts, leaves room for that)
  beforeAll(() => {
    fresh = schemaSetFiles(generateSchemaSet())
  })

  it('matches a fresh generation byte for byte (run `npm run gen:schemas` if not)', () => {
    const committed = readSchemaDirFiles(COMMITTED_SCHEMA_DIR)
    const names = [...new Set([...fresh.keys(), ...committed.keys()])].sort()
    const stale = names.filter((n) => fresh.get(n) !== committed.get(n))
    const detail = stale
      .slice(0, 3)
      .map((n) => createTwoFilesPatch(`committed/${n}`, `generated/${n}`, committed.get(n) ?? '', fresh.get(n) ?? ''))
      .join('\n')
    expect(stale, `stale schema files (run npm run gen:schemas):\n${detail}`).toEqual([])
  })

  it('has an input and output schema per covered operation, plus the shared types', () => {
    const keys = schemaCatalog().map((e) => e.key)
    for (const op of OPERATION_NAMES) expect(keys).toEqual(expect.arrayContaining([`${op}.input`, `${op}.output`]))
    for (const t of EXTRA_TYPES) expect(keys).toContain(t)
    for (const e of schemaCatalog()) expect(fresh.has(`${e.file}.schema.json`), e.file).toBe(true)
  })

  it('keeps enums closed and structures closed (no --additional-properties blur)', () => {
    const view = JSON.parse(fresh.get('View.wire.schema.json')!) as { definitions: Record<string, any> }
    expect(view.definitions.ViewStatus).toEqual({ enum: ['PUBLISHED', 'SAVED'], type: 'string' })
    expect(view.definitions.View.additionalProperties).toBe(false)
    expect(view.definitions.View.properties.CreatedTime).toEqual({ type: 'number' })
    const sdkView = JSON.parse(fresh.get('View.schema.json')!) as { definitions: Record<string, any> }
    expect(sdkView.definitions.View.properties.CreatedTime).toEqual({ format: 'date-time', type: 'string' })
  })
})
