// Validates success-response bodies against the schemas generated from the pinned SDK's types
// (fixtures/schemas). Two views of the same output:
//   validateWireOutput — the raw JSON body as the service (or stub) sent it: timestamps are epoch seconds.
//   validateSdkOutput  — what the SDK parsed, after a JSON round trip: timestamps are ISO strings.
// Validators are compiled once per process and per strictness, on first use.
//
// additionalProperties: the SDK types are closed, so an output member the pinned SDK does not know is a
// violation by default. AWS may add output members at any time (the SDK would then drop them silently);
// callers that talk to real AWS may opt in to `additionalProperties: 'allow'`. That choice is made per
// call site and is visible there; nothing is relaxed by default.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { OperationName } from '../spec'
import { allowAdditionalProperties, type JsonSchema } from './schema-catalog'
import { readSchemaSet, type SchemaSet } from './schema-set'

// ajv-formats is CommonJS with `exports.default`; under ESM the default import may be the module object.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ??
  addFormatsImport) as typeof addFormatsImport

export interface Violation {
  /** JSONPath of the offending value, e.g. `$.View.CreatedTime`, `$.ViewsSummaryList[0].Type`. */
  readonly path: string
  readonly message: string
}
export type ValidationResult = { readonly ok: true } | { readonly ok: false; readonly errors: readonly Violation[] }

export interface ValidationOptions {
  /** 'forbid' (default): members the SDK type does not declare are violations. 'allow': they are accepted. */
  readonly additionalProperties?: 'forbid' | 'allow'
}

type Variant = 'wire' | 'sdk' | 'input'
type ValidatorTable = Map<string, ValidateFunction>

const tables = new Map<string, ValidatorTable>()
let committed: SchemaSet | undefined

function compileTable(set: SchemaSet, relax: boolean): ValidatorTable {
  // strict: an unknown keyword or format in a generated schema is a generator problem we want to see.
  // allErrors + verbose: report every violation with the offending value, not only the first.
  const ajv = new Ajv({ strict: true, allErrors: true, verbose: true })
  addFormats(ajv)
  const table: ValidatorTable = new Map()
  for (const e of set.manifest.entries) {
    if (!e.operation) continue
    const add = (variant: Variant, file: string | undefined) => {
      if (!file) return
      const schema: JsonSchema = relax ? allowAdditionalProperties(set.schemas[file]) : set.schemas[file]
      table.set(`${e.operation}/${variant}`, ajv.compile(schema))
    }
    if (e.role === 'input') add('input', e.files.sdk)
    if (e.role === 'output') {
      add('sdk', e.files.sdk)
      add('wire', e.files.wire)
    }
  }
  return table
}

function validatorFor(op: OperationName, variant: Variant, options: ValidationOptions): ValidateFunction {
  const relax = options.additionalProperties === 'allow'
  const tableKey = relax ? 'allow' : 'forbid'
  let table = tables.get(tableKey)
  if (!table) {
    committed ??= readSchemaSet()
    table = compileTable(committed, relax)
    tables.set(tableKey, table)
  }
  const v = table.get(`${op}/${variant}`)
  if (!v) throw new Error(`no ${variant} schema for operation ${op} in fixtures/schemas (run npm run gen:schemas)`)
  return v
}

/** JSON Pointer (`/View/Tags/a~1b`) → JSONPath (`$.View.Tags['a/b']`). */
export function pointerToJsonPath(pointer: string): string {
  if (pointer === '') return '$'
  let out = '$'
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^(0|[1-9]\d*)$/.test(seg)) out += `[${seg}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += `.${seg}`
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

function childPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`
}

function shown(v: unknown): string {
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s
}

function toViolation(e: ErrorObject): Violation {
  const path = pointerToJsonPath(e.instancePath)
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty
      return { path: childPath(path, prop), message: 'is not a member of the SDK type (additionalProperties: false)' }
    }
    case 'enum':
      return {
        path,
        message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}; got ${shown(e.data)}`,
      }
    case 'required':
      return {
        path: childPath(path, (e.params as { missingProperty: string }).missingProperty),
        message: 'is required',
      }
    default:
      return { path, message: `${e.message ?? e.keyword}; got ${shown(e.data)}` }
  }
}

function run(v: ValidateFunction, data: unknown): ValidationResult {
  if (v(data)) return { ok: true }
  // a `$ref` indirection can report the same violation twice; keep one
  const seen = new Set<string>()
  const errors: Violation[] = []
  for (const e of v.errors ?? []) {
    const x = toViolation(e)
    const key = `${x.path}\u0000${x.message}`
    if (!seen.has(key)) {
      seen.add(key)
      errors.push(x)
    }
  }
  return { ok: false, errors }
}

/**
 * Validates the body of a success response as sent on the wire. A string is parsed as JSON text (an empty
 * body counts as `{}`, as the SDK reads it); any other value is taken as the already parsed body.
 */
export function validateWireOutput(
  op: OperationName,
  body: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  let data = body
  if (typeof body === 'string') {
    if (body.trim() === '') data = {}
    else {
      try {
        data = JSON.parse(body)
      } catch (e) {
        return { ok: false, errors: [{ path: '$', message: `body is not JSON: ${(e as Error).message}` }] }
      }
    }
  }
  return run(validatorFor(op, 'wire', options), data)
}

/** Validates an SDK command output (`$metadata` is ignored; Dates are compared as their ISO form). */
export function validateSdkOutput(
  op: OperationName,
  output: unknown,
  options: ValidationOptions = {},
): ValidationResult {
  const roundTripped = JSON.parse(JSON.stringify(output ?? {})) as Record<string, unknown>
  delete roundTripped.$metadata
  return run(validatorFor(op, 'sdk', options), roundTripped)
}

/** Validates an SDK command input against the SDK's request type (required members, enums, types). */
export function validateSdkInput(op: OperationName, input: unknown, options: ValidationOptions = {}): ValidationResult {
  return run(validatorFor(op, 'input', options), JSON.parse(JSON.stringify(input ?? {})))
}

/** Renders violations one per line, for assertion messages and reports. */
export function formatViolations(result: ValidationResult): string {
  return result.ok ? 'ok' : result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')
}
