// Which SDK types get a JSON Schema, under which file name, and the pure transforms applied to the
// generator's output. Shared by scripts/generate-schemas.ts, the drift test, the wire validators and the
// SDK-upgrade gate, so all four agree on names and on what "the same schema" means.
import { OPERATION_NAMES, type OperationName } from '../spec'

/** A JSON Schema as plain data (draft-07, as ts-json-schema-generator emits it). */
export type JsonSchema = { [key: string]: unknown }

/** Shared types that get a schema of their own besides the operations' inputs and outputs. */
export const EXTRA_TYPES = ['View', 'ViewSummary', 'ViewVersionSummary'] as const

/**
 * The SDK declares no `XxxResponse` for these: their CommandOutput is only `$metadata`. The schema is
 * generated from `XxxCommandOutput` with `$metadata` removed (the client adds it; it is never on the wire),
 * so an SDK release that gives them an output shape still shows up as a schema change.
 */
export const OUTPUTS_WITHOUT_RESPONSE_TYPE: ReadonlySet<OperationName> = new Set(['TagResource', 'UntagResource'])

export type SchemaRole = 'input' | 'output' | 'type'

export interface SchemaEntry {
  /** Logical key, stable across SDK releases: `CreateView.input`, `CreateView.output`, `View`. */
  readonly key: string
  readonly role: SchemaRole
  readonly operation?: OperationName
  /** The exported type in @aws-sdk/client-connect's index.d.ts the schema is generated from. */
  readonly sdkType: string
  /** Base file name in fixtures/schemas without extension (`CreateViewResponse`). */
  readonly file: string
  /** Outputs also get a wire variant (timestamps as epoch seconds). */
  readonly wire: boolean
  /** Set when the schema is derived rather than a 1:1 copy of the SDK type. */
  readonly note?: string
}

export function outputTypeName(op: OperationName): string {
  return OUTPUTS_WITHOUT_RESPONSE_TYPE.has(op) ? `${op}CommandOutput` : `${op}Response`
}

/** Every schema the project keeps, in a fixed order (operations in OPERATION_NAMES order, then EXTRA_TYPES). */
export function schemaCatalog(): SchemaEntry[] {
  const out: SchemaEntry[] = []
  for (const op of OPERATION_NAMES) {
    out.push({
      key: `${op}.input`,
      role: 'input',
      operation: op,
      sdkType: `${op}Request`,
      file: `${op}Request`,
      wire: false,
    })
    const sdkType = outputTypeName(op)
    out.push({
      key: `${op}.output`,
      role: 'output',
      operation: op,
      sdkType,
      file: sdkType,
      wire: true,
      ...(OUTPUTS_WITHOUT_RESPONSE_TYPE.has(op)
        ? { note: `the SDK has no ${op}Response; ${sdkType} without $metadata` }
        : {}),
    })
  }
  for (const t of EXTRA_TYPES) out.push({ key: t, role: 'type', sdkType: t, file: t, wire: true })
  return out
}

export function schemaFileName(entry: SchemaEntry, variant: 'sdk' | 'wire'): string {
  return variant === 'sdk' ? `${entry.file}.schema.json` : `${entry.file}.wire.schema.json`
}

export const MANIFEST_FILE = 'index.json'

// ---- transforms ----

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Deep map over every schema object (bottom-up). */
function mapSchemas(value: unknown, f: (s: JsonSchema) => JsonSchema): unknown {
  if (Array.isArray(value)) return value.map((v) => mapSchemas(v, f))
  if (!isObject(value)) return value
  const out: JsonSchema = {}
  for (const [k, v] of Object.entries(value)) out[k] = mapSchemas(v, f)
  return f(out)
}

/**
 * Canonical form: object keys sorted at every level; `required` and `enum` sorted too, because their
 * order carries no meaning and the generator follows declaration order, which SDK releases reshuffle.
 * Other arrays (`items` tuples, `anyOf`) keep their order.
 */
export function canonicalSchema<T>(schema: T): T {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys)
    if (!isObject(v)) return v
    const out: JsonSchema = {}
    for (const k of Object.keys(v).sort()) {
      const child = v[k]
      const sortable =
        (k === 'required' || k === 'enum') && Array.isArray(child) && child.every((x) => typeof x === 'string')
      out[k] = sortable ? [...(child as string[])].sort() : sortKeys(child)
    }
    return out
  }
  return sortKeys(schema) as T
}

/** Removes `$metadata` (and its now unreferenced ResponseMetadata definition) from a CommandOutput schema. */
export function withoutMetadata(schema: JsonSchema): JsonSchema {
  const copy = structuredClone(schema)
  const defs = (copy.definitions ?? {}) as Record<string, JsonSchema>
  for (const def of Object.values(defs)) {
    const props = def.properties as Record<string, unknown> | undefined
    if (props && '$metadata' in props) {
      delete props.$metadata
      if (Array.isArray(def.required)) {
        def.required = (def.required as string[]).filter((r) => r !== '$metadata')
        if ((def.required as string[]).length === 0) delete def.required
      }
    }
  }
  if (!JSON.stringify(copy).includes('#/definitions/ResponseMetadata')) delete defs.ResponseMetadata
  return copy
}

/**
 * The SDK types describe Dates, which the generator renders as ISO strings (the SDK object after
 * JSON.stringify). restJson1 sends timestamps as epoch seconds (R32), so the wire form is a number.
 * Nothing else differs between the SDK output and the wire body for these operations: no blobs,
 * documents, header- or status-bound output members, and JSON keys equal member names.
 */
export function toWireSchema(schema: JsonSchema): JsonSchema {
  return mapSchemas(structuredClone(schema), (s) => {
    if (s.type === 'string' && s.format === 'date-time') {
      const { format: _f, type: _t, ...rest } = s
      return { ...rest, type: 'number' }
    }
    return s
  }) as JsonSchema
}

/**
 * Relaxes `additionalProperties: false` on structures (maps keep their value schema). Exists so a run
 * against real AWS can opt in to tolerating output fields newer than the pinned SDK; never the default.
 */
export function allowAdditionalProperties(schema: JsonSchema): JsonSchema {
  return mapSchemas(structuredClone(schema), (s) => {
    if (s.additionalProperties === false) {
      const { additionalProperties: _a, ...rest } = s
      return rest
    }
    return s
  }) as JsonSchema
}

/** Pretty JSON with a trailing newline: the exact bytes committed under fixtures/schemas. */
export function schemaText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}
