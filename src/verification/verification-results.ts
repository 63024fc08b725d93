// Per-interaction verdicts from the Rust verifier's JSON answer (pact-core resolves with it, or rejects with
// it as the Error message). That answer names interactions by description only; the provider state and the
// rules the interaction checks (declared as data in the pact: `comments.rules`) come from the pact files.
// Reports render one test case per entry.
import { readFileSync } from 'node:fs'

export interface InteractionResult {
  /** The interaction's description (unique within the pact). */
  interaction: string
  /** Provider state(s) with params, e.g. `view V has published versions 1..N and … {"N":3}`. */
  state: string
  /** not-verified: the run's time budget ended before the interaction could be verified (no verdict). */
  status: 'passed' | 'failed' | 'not-verified'
  /** Catalogue ids (src/spec/rules.ts) the interaction declares it checks; empty when the pact declares none. */
  rules: string[]
  /** One line per mismatch: `<where>: <what>`, ANSI colours stripped. */
  mismatch?: string
  durationMs?: number
}

/** The parts of a pact file this module reads. */
export interface PactDocument {
  interactions: {
    description: string
    providerStates?: { name: string; params?: Record<string, unknown> }[]
    request?: { method?: string; path?: string }
    /** Pact V4 interaction comments; ours carry `rules: string[]` (contracts/consumer/record.ts writes them). */
    comments?: { rules?: unknown }
  }[]
}

/** The rule ids an interaction declares (`comments.rules`); anything but an array of strings declares none. */
export function declaredRules(i: PactDocument['interactions'][number]): string[] {
  const r = i.comments?.rules
  return Array.isArray(r) && r.every((x) => typeof x === 'string') ? [...r] : []
}

interface VerifierMismatch {
  type?: string
  path?: string
  key?: string
  mismatch?: string
  message?: string
  expected?: unknown
  actual?: unknown
}

/** The verifier's JSON answer (pact_ffi `pactffi_verifier_json`). */
export interface VerifierJson {
  result?: boolean
  output?: string[]
  errors?: { interaction: string; mismatch?: { type?: string; message?: string; mismatches?: VerifierMismatch[] } }[]
  pendingErrors?: unknown[]
  interactionResults?: { description: string; result: string; duration?: string }[]
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes this strips
const ANSI = /\u001b\[[0-9;]*m/g
export const stripAnsi = (s: string): string => s.replace(ANSI, '')

export function readPactDocument(file: string): PactDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as PactDocument
}

/** `name {"param":value,…}` with params in key order, so the same state always reads the same. */
export function describeState(name: string, params?: Record<string, unknown>): string {
  if (!params || Object.keys(params).length === 0) return name
  const sorted = Object.fromEntries(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  )
  return `${name} ${JSON.stringify(sorted)}`
}

export function stateOf(i: PactDocument['interactions'][number]): string {
  return (i.providerStates ?? []).map((s) => describeState(s.name, s.params)).join(' and ')
}

function describeMismatch(m: VerifierMismatch): string {
  const where = m.path ?? (m.key !== undefined ? `header ${m.key}` : m.type === 'StatusMismatch' ? 'status' : undefined)
  const what = m.mismatch ?? m.message ?? `expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`
  return stripAnsi(where ? `${where}: ${what}` : what)
}

function durationMs(d: string | undefined): number | undefined {
  const m = d ? /^([\d.]+)(ms|s)$/.exec(d) : null
  if (!m) return undefined
  return m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1])
}

/** Which description an error entry ("Verifying a pact between c and p Given s - <description>") is about. */
function descriptionOf(errorInteraction: string, descriptions: readonly string[]): string | undefined {
  let best: string | undefined
  for (const d of descriptions) {
    if (
      (errorInteraction === d || errorInteraction.endsWith(` - ${d}`)) &&
      (best === undefined || d.length > best.length)
    )
      best = d
  }
  return best
}

/**
 * One result per interaction of the verified pacts (when known), else per interaction the verifier reported.
 * An interaction in the pacts with no verdict is reported failed ("not verified"), never silently dropped.
 */
export function interactionResults(json: VerifierJson, pacts: readonly PactDocument[] = []): InteractionResult[] {
  const states = new Map<string, string>()
  const rules = new Map<string, string[]>()
  for (const p of pacts) {
    for (const i of p.interactions) {
      if (states.has(i.description)) continue
      states.set(i.description, stateOf(i))
      rules.set(i.description, declaredRules(i))
    }
  }
  const verdicts = json.interactionResults ?? []
  const descriptions = [...new Set([...states.keys(), ...verdicts.map((v) => v.description)])]
  const mismatches = new Map<string, string[]>()
  for (const e of json.errors ?? []) {
    const d = descriptionOf(e.interaction, descriptions) ?? e.interaction
    const lines = e.mismatch?.mismatches?.length
      ? e.mismatch.mismatches.map(describeMismatch)
      : [stripAnsi(e.mismatch?.message ?? 'verification failed')]
    mismatches.set(d, [...(mismatches.get(d) ?? []), ...lines])
  }
  const out: InteractionResult[] = []
  for (const d of descriptions) {
    const verdict = verdicts.find((v) => v.description === d)
    const lines = mismatches.get(d)
    const failed = verdict ? verdict.result !== 'OK' || lines !== undefined : true
    const mismatch =
      lines?.join('\n') ??
      (verdict
        ? failed
          ? `verifier result: ${verdict.result}`
          : undefined
        : 'not verified: the verifier reported no result for this interaction')
    out.push({
      interaction: d,
      state: states.get(d) ?? '',
      status: failed ? 'failed' : 'passed',
      rules: rules.get(d) ?? [],
      ...(failed && mismatch ? { mismatch } : {}),
      ...(verdict?.duration !== undefined && durationMs(verdict.duration) !== undefined
        ? { durationMs: durationMs(verdict.duration) }
        : {}),
    })
  }
  return out
}

/** A readable multi-line summary: one line per interaction, mismatches indented under failures. */
export function formatResults(results: readonly InteractionResult[]): string {
  const lines: string[] = []
  const label = { passed: 'PASS', failed: 'FAIL', 'not-verified': 'SKIP' } as const
  for (const r of results) {
    lines.push(
      `${label[r.status]}  ${r.interaction}${r.state ? `  [given ${r.state}]` : ''}${r.rules.length ? `  (${r.rules.join(', ')})` : ''}`,
    )
    if (r.mismatch) for (const l of r.mismatch.split('\n')) lines.push(`        ${l}`)
  }
  const failed = results.filter((r) => r.status === 'failed').length
  const skipped = results.filter((r) => r.status === 'not-verified').length
  lines.push(
    `${results.length - failed - skipped}/${results.length} interactions verified${failed ? `, ${failed} failed` : ''}${skipped ? `, ${skipped} not verified (time budget)` : ''}`,
  )
  return lines.join('\n')
}
