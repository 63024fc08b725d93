// Public surface of the schema layer. The generator (ts-json-schema-generator + TypeScript) is not
// re-exported here, so importing validators does not load the TypeScript compiler; import
// './generate-schemas' directly where generation is wanted.
export {
  validateWireOutput,
  validateSdkOutput,
  validateSdkInput,
  formatViolations,
  pointerToJsonPath,
  type ValidationResult,
  type ValidationOptions,
  type Violation,
} from './wire-validation'
export {
  schemaCatalog,
  canonicalSchema,
  toWireSchema,
  allowAdditionalProperties,
  withoutMetadata,
  schemaText,
  outputTypeName,
  EXTRA_TYPES,
  OUTPUTS_WITHOUT_RESPONSE_TYPE,
  MANIFEST_FILE,
  type JsonSchema,
  type SchemaEntry,
  type SchemaRole,
} from './schema-catalog'
export {
  readSchemaSet,
  writeSchemaSet,
  schemaSetFiles,
  readSchemaDirFiles,
  COMMITTED_SCHEMA_DIR,
  type SchemaSet,
  type SchemaManifest,
  type ManifestEntry,
} from './schema-set'
