// The expectations file: a target's known outcomes, after web-platform-tests' expectation metadata. JSON,
// described by expectations.schema.json (shipped in the package), one entry per line so that an entry goes by
// deleting its line: the reader accepts the trailing comma that leaves behind, and remembers each entry's
// line, so an unexpected pass can name the line to delete. Entries are keyed by what stays true across seeds
// and runs (property + rule + operation, a Pact interaction, an operation, a bundle), never a counterexample.
import { readFileSync } from 'node:fs'
import { basename, dirname, relative } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { packagePath } from '../package-files'
import { OPERATION_NAMES, RULES } from '../spec'
import type { ExpectationEntry, ExpectedOutcome } from '../report/report-types'

// ajv-formats is CommonJS with `exports.default`; under ESM the default import may be the module object.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ??
  addFormatsImport) as typeof addFormatsImport

export const EXPECTATIONS_FORMAT = 'connect-views-conformance/expectations@1'
export const EXPECTATIONS_SCHEMA_FILE = packagePath('src/expectations/expectations.schema.json')
export const DEFAULT_EXPECTATIONS_OUT = 'expectations.json'

export interface ExpectationsFile {
  file: string
  target?: string
  written?: string
  entries: ExpectationEntry[]
}

/** A file that is not a usable expectations file: the message names the file and, where known, the line. */
export class ExpectationsError extends Error {}

const KINDS = ['property', 'interaction', 'notImplemented', 'regression'] as const
export type ExpectationKind = (typeof KINDS)[number]

export function kindOf(e: ExpectationEntry): ExpectationKind {
  return KINDS.find((k) => e[k] !== undefined)!
}

/** The stable key of an entry, as the reports print it. */
export function entryKey(e: ExpectationEntry): string {
  switch (kindOf(e)) {
    case 'property':
      return `property ${e.property} · ${e.rule}${e.operation ? ` · ${e.operation}` : ''}`
    case 'interaction':
      return `interaction "${e.interaction}"`
    case 'notImplemented':
      return `operation ${e.notImplemented} not implemented`
    case 'regression':
      return `regression ${basename(e.regression!)}`
  }
}

const FIELD_ORDER = [
  'property',
  'rule',
  'operation',
  'interaction',
  'notImplemented',
  'regression',
  'expected',
  'reason',
  'link',
] as const

/** One entry as one line of JSON (what the file holds and what an unexpected pass tells you to delete). */
export function entryLine(e: ExpectationEntry): string {
  const fields = FIELD_ORDER.filter((k) => e[k] !== undefined).map(
    (k) => `${JSON.stringify(k)}: ${JSON.stringify(e[k])}`,
  )
  return `{ ${fields.join(', ')} }`
}

let validator: ValidateFunction | undefined
function validate(doc: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false })
    addFormats(ajv)
    validator = ajv.compile(JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_FILE, 'utf8')))
  }
  if (validator(doc)) return []
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
}

/**
 * The text with the commas a deleted last line leaves before `]` or `}` taken out, and the line of every
 * object that opens directly inside an array of the root object (the entries), in order.
 */
function scan(text: string): { json: string; entryLines: number[] } {
  let out = ''
  const lines: number[] = []
  const stack: string[] = []
  let line = 1
  let inString = false
  let pendingComma = -1 // index in `out` of a comma that may turn out to be trailing
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\n') line++
    if (inString) {
      out += c
      if (c === '\\') {
        out += text[++i] ?? ''
      } else if (c === '"') inString = false
      continue
    }
    if (c === ',') {
      pendingComma = out.length
    } else if (c === ']' || c === '}') {
      if (pendingComma >= 0) out = out.slice(0, pendingComma) + out.slice(pendingComma + 1)
      stack.pop()
    } else if (!/\s/.test(c)) {
      if (c === '{' && stack.length === 2 && stack[0] === '{' && stack[1] === '[') lines.push(line)
      if (c === '{' || c === '[') stack.push(c)
      if (c === '"') inString = true
    }
    if (c !== ',' && !/\s/.test(c)) pendingComma = -1
    out += c
  }
  return { json: out, entryLines: lines }
}

const PROPERTY_RULES = new Set([...RULES.map((r) => r.id), 'harness'])

/** Reads and checks an expectations file; `properties` are the property ids a run knows. */
export function parseExpectations(text: string, file: string, properties: readonly string[]): ExpectationsFile {
  const { json, entryLines } = scan(text)
  let doc: unknown
  try {
    doc = JSON.parse(json)
  } catch (e) {
    throw new ExpectationsError(`${file}: not JSON (${(e as Error).message.split('\n')[0]})`)
  }
  const at = (i: number) => `${file}:${entryLines[i] ?? '?'}`
  const list = (doc as { expectations?: unknown })?.expectations
  if (Array.isArray(list)) {
    // the common mistakes first, in words, before the schema's own messages
    list.forEach((e, i) => {
      if (!e || typeof e !== 'object') return
      const kinds = KINDS.filter((k) => (e as Record<string, unknown>)[k] !== undefined)
      if (kinds.length !== 1)
        throw new ExpectationsError(
          `${at(i)}: an entry names exactly one of ${KINDS.join(', ')}${kinds.length ? ` (this one: ${kinds.join(', ')})` : ''}`,
        )
    })
  }
  const problems = validate(doc)
  if (problems.length) {
    const first = problems[0]!
    const m = /^\/expectations\/(\d+)(.*)$/.exec(first)
    throw new ExpectationsError(
      m
        ? `${at(Number(m[1]))}: entry${m[2]}`
        : `${file}: not an expectations file (${problems.slice(0, 3).join('; ')})`,
    )
  }
  const d = doc as { target?: string; written?: string; expectations: ExpectationEntry[] }
  const known = new Set(properties)
  const seen = new Map<string, number>()
  const entries = d.expectations.map((e, i) => {
    const line = entryLines[i]
    if (e.property !== undefined && !known.has(e.property))
      throw new ExpectationsError(`${at(i)}: unknown property "${e.property}" (known: ${properties.join(', ')})`)
    if (e.rule !== undefined && !PROPERTY_RULES.has(e.rule))
      throw new ExpectationsError(`${at(i)}: unknown rule "${e.rule}" (the catalogue is src/spec/rules.ts)`)
    const key = entryKey(e)
    const before = seen.get(key)
    if (before !== undefined)
      throw new ExpectationsError(`${at(i)}: ${key} is already listed on line ${entryLines[before] ?? '?'}`)
    seen.set(key, i)
    return { ...e, ...(line ? { line } : {}) }
  })
  return {
    file,
    ...(d.target ? { target: d.target } : {}),
    ...(d.written ? { written: d.written } : {}),
    entries,
  }
}

export function readExpectations(file: string, properties: readonly string[]): ExpectationsFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ExpectationsError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  return parseExpectations(text, file, properties)
}

/** The file's text: a header, then one entry per line. `$schema` points at the package's schema from the file's folder. */
export function expectationsText(f: Omit<ExpectationsFile, 'file'>, outFile: string): string {
  const schema = relative(dirname(outFile), EXPECTATIONS_SCHEMA_FILE).split('\\').join('/')
  const head = [
    `  "$schema": ${JSON.stringify(schema.startsWith('.') ? schema : `./${schema}`)},`,
    `  "format": ${JSON.stringify(EXPECTATIONS_FORMAT)},`,
    ...(f.target ? [`  "target": ${JSON.stringify(f.target)},`] : []),
    ...(f.written ? [`  "written": ${JSON.stringify(f.written)},`] : []),
  ]
  const body = f.entries.map((e, i) => `    ${entryLine(stripLine(e))}${i < f.entries.length - 1 ? ',' : ''}`)
  return ['{', ...head, '  "expectations": [', ...body, '  ]', '}', ''].join('\n')
}

function stripLine(e: ExpectationEntry): ExpectationEntry {
  const { line: _line, ...rest } = e
  return rest
}

/** The order entries are written in: operations, properties, interactions, regressions; then by key. */
export function sortEntries(entries: readonly ExpectationEntry[], properties: readonly string[]): ExpectationEntry[] {
  const kindRank = (e: ExpectationEntry) => KINDS.indexOf(kindOf(e))
  const opRank = (op?: string) => (op ? (OPERATION_NAMES as readonly string[]).indexOf(op) : -1)
  const propRank = (p?: string) => (p ? properties.indexOf(p) : -1)
  const ruleNum = (r?: string) => Number(/\d+/.exec(r ?? '')?.[0] ?? 0)
  return [...entries].sort(
    (a, b) =>
      kindRank(a) - kindRank(b) ||
      opRank(a.notImplemented) - opRank(b.notImplemented) ||
      propRank(a.property) - propRank(b.property) ||
      ruleNum(a.rule) - ruleNum(b.rule) ||
      (a.rule ?? '').localeCompare(b.rule ?? '') ||
      opRank(a.operation) - opRank(b.operation) ||
      entryKey(a).localeCompare(entryKey(b)),
  )
}

export type { ExpectedOutcome }
