// A set of generated schemas plus the manifest that names them, and its on-disk form under
// fixtures/schemas. No generator import here: readers (wire validation, the gate) stay light.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { packagePath } from '../package-files'
import { MANIFEST_FILE, schemaText, type JsonSchema, type SchemaRole } from './schema-catalog'

export interface ManifestEntry {
  readonly key: string
  readonly role: SchemaRole
  readonly operation?: string
  readonly sdkType: string
  readonly note?: string
  readonly files: { readonly sdk: string; readonly wire?: string }
}

export interface SchemaManifest {
  readonly generator: {
    readonly package: 'ts-json-schema-generator'
    readonly version: string
    readonly jsDoc: 'none'
    /** What was done to the generator's output, for readers of fixtures/schemas. */
    readonly postProcessing: readonly string[]
  }
  readonly sdk: { readonly package: '@aws-sdk/client-connect'; readonly version: string }
  readonly entries: readonly ManifestEntry[]
}

export interface SchemaSet {
  readonly manifest: SchemaManifest
  /** File name (e.g. `View.wire.schema.json`) → schema. */
  readonly schemas: Readonly<Record<string, JsonSchema>>
}

/** Absolute path of the committed schemas (fixtures/schemas). */
export const COMMITTED_SCHEMA_DIR = packagePath('fixtures/schemas/')

/** Every file of the set as the exact text written to disk, manifest included, sorted by name. */
export function schemaSetFiles(set: SchemaSet): Map<string, string> {
  const files = new Map<string, string>([[MANIFEST_FILE, schemaText(set.manifest)]])
  for (const name of Object.keys(set.schemas).sort()) files.set(name, schemaText(set.schemas[name]))
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Replaces the directory's *.json files with the set (stale files of removed types disappear). */
export function writeSchemaSet(dir: string, set: SchemaSet): string[] {
  mkdirSync(dir, { recursive: true })
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(join(dir, f))
  const written: string[] = []
  for (const [name, text] of schemaSetFiles(set)) {
    writeFileSync(join(dir, name), text)
    written.push(name)
  }
  return written
}

/** Every *.json file of a directory, name → text (what the drift test compares). */
export function readSchemaDirFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort())
    out.set(f, readFileSync(join(dir, f), 'utf8'))
  return out
}

export function readSchemaSet(dir: string = COMMITTED_SCHEMA_DIR): SchemaSet {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as SchemaManifest
  const schemas: Record<string, JsonSchema> = {}
  for (const e of manifest.entries) {
    for (const f of [e.files.sdk, e.files.wire])
      if (f) schemas[f] = JSON.parse(readFileSync(join(dir, f), 'utf8')) as JsonSchema
  }
  return { manifest, schemas }
}
