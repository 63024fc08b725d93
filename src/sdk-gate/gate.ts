// The SDK-upgrade gate as a library: run the same corpus through two SDK versions, compare the serialised
// requests, the parsed outputs and exceptions, and the JSON schemas generated from each version's types.
// Nothing here touches npm: the command (src/sdk-gate/command.ts) installs the candidate and hands both SDKs in.
import type { SchemaSet } from '../schemas/schema-set'
import { SEVERITY_ORDER, type Severity } from './classify'
import { compareRecords, compareSchemaSets, type Difference } from './compare'
import { buildCorpus, DEFAULT_GATE_SEED, type GateCase } from './corpus'
import { runCorpus, type CaseRecord } from './run-corpus'
import type { SdkUnderTest } from './sdk-under-test'

export interface GateOptions {
  readonly pinned: SdkUnderTest
  readonly candidate: SdkUnderTest
  readonly seed?: number
  /** Override the corpus (tests); default buildCorpus(seed). */
  readonly corpus?: readonly GateCase[]
  /** Compare schemas generated from both sides' types (default true; ~5 s per side). */
  readonly compareSchemas?: boolean
  /** Progress lines (schema generation takes a few seconds per version). */
  readonly log?: (line: string) => void
}

export interface SideSummary {
  readonly label: string
  readonly version: string
  readonly enginesNode?: string
  readonly runtime?: Readonly<Record<string, string>>
}

export interface GateReport {
  readonly pinned: SideSummary
  readonly candidate: SideSummary
  readonly seed: number
  readonly cases: {
    readonly total: number
    readonly success: number
    readonly error: number
    readonly protocol: number
  }
  /** 'compared', or why schemas were skipped (a side without types or schemas). */
  readonly schemas: 'compared' | string
  readonly identical: boolean
  /** Some difference changes what a caller sends, reads or can call (the gate fails on these). */
  readonly breaking: boolean
  readonly counts: Readonly<Record<Difference['kind'], number>>
  /** Differences by what they mean: breaking / additive / cosmetic. */
  readonly severities: Readonly<Record<Severity, number>>
  readonly differences: readonly Difference[]
  /** Both sides' raw records, for the JSON report (lets a reader see what was identical too). */
  readonly records?: { readonly pinned: readonly CaseRecord[]; readonly candidate: readonly CaseRecord[] }
}

async function schemasOf(side: SdkUnderTest, log: (l: string) => void): Promise<SchemaSet | undefined> {
  if (side.schemas) return side.schemas
  if (!side.typesEntry) return undefined
  log(`generating schemas from ${side.label} ${side.version} types…`)
  // Imported lazily: it loads the TypeScript compiler, which runs that only compare wire behaviour don't need.
  const { generateSchemaSet } = await import('../schemas/generate-schemas')
  // 'record': a type the candidate no longer exports is a reportable difference, not a crash.
  return generateSchemaSet({ typesEntry: side.typesEntry, onMissingType: 'record' })
}

function summary(s: SdkUnderTest): SideSummary {
  return {
    label: s.label,
    version: s.version,
    ...(s.enginesNode ? { enginesNode: s.enginesNode } : {}),
    ...(s.runtime ? { runtime: s.runtime } : {}),
  }
}

export async function runSdkGate(options: GateOptions): Promise<GateReport> {
  const log = options.log ?? (() => {})
  const seed = options.seed ?? DEFAULT_GATE_SEED
  const corpus = options.corpus ?? buildCorpus(seed)
  const labels: [string, string] = [options.pinned.label, options.candidate.label]

  log(`running ${corpus.length} cases through ${options.pinned.label} ${options.pinned.version}…`)
  const pinnedRecords = await runCorpus(options.pinned, corpus)
  log(`running ${corpus.length} cases through ${options.candidate.label} ${options.candidate.version}…`)
  const candidateRecords = await runCorpus(options.candidate, corpus)
  const differences = compareRecords(pinnedRecords, candidateRecords, labels)

  let schemas: GateReport['schemas'] = 'skipped: not requested'
  if (options.compareSchemas !== false) {
    const a = await schemasOf(options.pinned, log)
    const b = await schemasOf(options.candidate, log)
    if (a && b) {
      differences.push(...compareSchemaSets(a, b, labels))
      schemas = 'compared'
    } else {
      schemas = `skipped: no types or schemas for ${[!a && options.pinned.label, !b && options.candidate.label].filter(Boolean).join(' and ')}`
    }
  }

  // Breaking first: the report and the JSON lead with what fails the gate.
  differences.sort((x, y) => SEVERITY_ORDER.indexOf(x.severity) - SEVERITY_ORDER.indexOf(y.severity))
  const counts = { request: 0, outcome: 0, schema: 0, case: 0 }
  const severities = { breaking: 0, additive: 0, cosmetic: 0 }
  for (const d of differences) {
    counts[d.kind]++
    severities[d.severity]++
  }
  const kinds = { success: 0, error: 0, protocol: 0 }
  for (const c of corpus) kinds[c.kind]++
  return {
    pinned: summary(options.pinned),
    candidate: summary(options.candidate),
    seed,
    cases: { total: corpus.length, ...kinds },
    schemas,
    identical: differences.length === 0,
    breaking: severities.breaking > 0,
    counts,
    severities,
    differences,
    records: { pinned: pinnedRecords, candidate: candidateRecords },
  }
}
