// Runs ts-json-schema-generator over a client-connect dist-types/index.d.ts and builds the SchemaSet.
// One generator instance serves every type: building the TypeScript program costs ~1.5 s, each
// createSchema afterwards ~0.1 s, so the whole catalogue takes ~4–5 s instead of ~2 s per type.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { PACKAGE_ROOT } from '../package-files'
import {
  createFormatter,
  createParser,
  createProgram,
  DEFAULT_CONFIG,
  SchemaGenerator,
  type CompletedConfig,
} from 'ts-json-schema-generator'
import ts from 'typescript'
import {
  canonicalSchema,
  schemaCatalog,
  schemaFileName,
  toWireSchema,
  withoutMetadata,
  OUTPUTS_WITHOUT_RESPONSE_TYPE,
  type JsonSchema,
} from './schema-catalog'
import type { ManifestEntry, SchemaManifest, SchemaSet } from './schema-set'

const PROJECT_ROOT = PACKAGE_ROOT

/** The pinned SDK's types, resolved from the package (hoisted beside it once installed). */
export const PINNED_TYPES_ENTRY = join(
  dirname(createRequire(join(PROJECT_ROOT, 'noop.js')).resolve('@aws-sdk/client-connect/package.json')),
  'dist-types/index.d.ts',
)

export interface GenerateOptions {
  /** Absolute path of a client-connect `dist-types/index.d.ts`. Default: the pinned SDK. */
  readonly typesEntry?: string
  /**
   * 'throw' (default): a type missing from the d.ts is an error (the committed fixtures must be complete).
   * 'record': the schema becomes `{ "$error": "…" }`, so the SDK gate can report a removed type as a difference.
   */
  readonly onMissingType?: 'throw' | 'record'
}

function packageVersion(packageJsonPath: string): string {
  return (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string }).version
}

function generatorVersion(): string {
  const require = createRequire(import.meta.url)
  return packageVersion(require.resolve('ts-json-schema-generator/package.json'))
}

/**
 * Interface name → members declared without `?`, for every interface in the SDK's own d.ts files.
 * The SDK declares required members as `Name: T | undefined` (no `?`); ts-json-schema-generator reads the
 * `| undefined` as optional and drops them from `required`. The declarations still say which ones are
 * required, so they are put back from there (and a member turning optional/required is a gate difference).
 */
function declaredRequiredMembers(program: ts.Program, sdkRoot: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const sf of program.getSourceFiles()) {
    if (!resolve(sf.fileName).startsWith(sdkRoot)) continue
    for (const st of sf.statements) {
      if (!ts.isInterfaceDeclaration(st)) continue
      const set = out.get(st.name.text) ?? new Set<string>()
      for (const m of st.members) {
        if (ts.isPropertySignature(m) && !m.questionToken && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)))
          set.add(m.name.text)
      }
      out.set(st.name.text, set)
    }
  }
  return out
}

function restoreRequired(schema: JsonSchema, required: Map<string, Set<string>>): JsonSchema {
  const defs = schema.definitions as Record<string, JsonSchema> | undefined
  for (const [name, def] of Object.entries(defs ?? {})) {
    const props = def.properties as Record<string, unknown> | undefined
    const declared = required.get(name)
    if (!props || !declared) continue
    const all = new Set([...((def.required as string[] | undefined) ?? []), ...[...declared].filter((m) => m in props)])
    if (all.size > 0) def.required = [...all]
  }
  return schema
}

const POST_PROCESSING = [
  'required: members the SDK declares without "?" (the generator reads "T | undefined" as optional)',
  '*CommandOutput: $metadata removed (added by the client, never on the wire)',
  '*.wire.schema.json: {type:string,format:date-time} -> {type:number} (epoch seconds)',
  'canonical: object keys, "required" and "enum" sorted',
]

export function generateSchemaSet(options: GenerateOptions = {}): SchemaSet {
  const typesEntry = resolve(options.typesEntry ?? PINNED_TYPES_ENTRY)
  // `jsDoc: 'none'`: the d.ts doc comments are prose that changes in doc-only SDK releases; keeping them
  // would make every such release look like a contract change to the drift test and the SDK gate.
  // `skipTypeCheck`: the d.ts files are published output, type-checking them only costs time.
  // No `additionalProperties: true`: it turns the SDK's enum consts into `anyOf [..., {}]`, which accepts anything.
  // (createGenerator() spelled out, to keep hold of the ts.Program for declaredRequiredMembers.)
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: typesEntry,
    skipTypeCheck: true,
    jsDoc: 'none',
    expose: 'export',
    topRef: true,
  }
  const program = createProgram(config)
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config)
  const required = declaredRequiredMembers(program, dirname(typesEntry))
  const schemas: Record<string, JsonSchema> = {}
  const entries: ManifestEntry[] = []
  for (const entry of schemaCatalog()) {
    let sdk: JsonSchema
    try {
      sdk = restoreRequired(generator.createSchema(entry.sdkType) as JsonSchema, required)
      if (entry.operation && OUTPUTS_WITHOUT_RESPONSE_TYPE.has(entry.operation) && entry.role === 'output')
        sdk = withoutMetadata(sdk)
    } catch (e) {
      if (options.onMissingType !== 'record') throw new Error(`${entry.sdkType}: ${(e as Error).message}`, { cause: e })
      sdk = { $error: `type ${entry.sdkType} could not be generated: ${(e as Error).message.split('\n')[0]}` }
    }
    const sdkFile = schemaFileName(entry, 'sdk')
    schemas[sdkFile] = canonicalSchema(sdk)
    let wireFile: string | undefined
    if (entry.wire) {
      wireFile = schemaFileName(entry, 'wire')
      schemas[wireFile] = canonicalSchema(toWireSchema(sdk))
    }
    entries.push({
      key: entry.key,
      role: entry.role,
      ...(entry.operation ? { operation: entry.operation } : {}),
      sdkType: entry.sdkType,
      ...(entry.note ? { note: entry.note } : {}),
      files: { sdk: sdkFile, ...(wireFile ? { wire: wireFile } : {}) },
    })
  }
  const manifest: SchemaManifest = {
    generator: {
      package: 'ts-json-schema-generator',
      version: generatorVersion(),
      jsDoc: 'none',
      postProcessing: POST_PROCESSING,
    },
    // dist-types/index.d.ts → the package root is two levels up
    sdk: {
      package: '@aws-sdk/client-connect',
      version: packageVersion(join(dirname(typesEntry), '..', 'package.json')),
    },
    entries,
  }
  return { manifest, schemas }
}
