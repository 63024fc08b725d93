// Validates a JSON report against report.schema.json: `report merge` refuses inputs that are not reports,
// and the tests hold every written report to the schema.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { packagePath } from '../package-files'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'

// ajv-formats is CommonJS with `exports.default`; under ESM the default import may be the module object.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ??
  addFormatsImport) as typeof addFormatsImport

export const REPORT_SCHEMA_URL = pathToFileURL(packagePath('src/report/report.schema.json'))

let validator: ValidateFunction | undefined

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false })
    addFormats(ajv)
    validator = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')))
  }
  return validator
}

/** Problems found, one readable line each ("/targets/0/seed must be integer"); empty when valid. */
export function reportSchemaErrors(doc: unknown): string[] {
  const validate = compiled()
  if (validate(doc)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
}
