// Generates fixtures/schemas/ (JSON Schemas of the covered operations' SDK input/output types, their
// wire variants, and a manifest) from the pinned @aws-sdk/client-connect d.ts.
// Run: npm run gen:schemas   (test/schemas/schema-drift.test.ts fails when the committed files are stale).
import { generateSchemaSet, PINNED_TYPES_ENTRY } from '../src/schemas/generate-schemas'
import { COMMITTED_SCHEMA_DIR, writeSchemaSet } from '../src/schemas/schema-set'

const started = Date.now()
const set = generateSchemaSet({ typesEntry: PINNED_TYPES_ENTRY })
const written = writeSchemaSet(COMMITTED_SCHEMA_DIR, set)
console.log(
  `wrote ${written.length} files to ${COMMITTED_SCHEMA_DIR} from ${set.manifest.sdk.package}@${set.manifest.sdk.version} in ${Date.now() - started} ms`,
)
