// Replay bundles: everything needed to run a failure again — property, seed, fast-check path, target,
// mode, the shrunk command list and the normalised transcript. A bundle replays against any target and
// answers FIXED / STILL FAILING / CANNOT REPLAY.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Target } from '../targets/target'
import type { Cmd } from './commands'
import { normaliseValues, RefTable, redact } from './normalise'
import type { ConsistencyConfig, Mode } from './projection'
import type { SequentialProperty, PropertyResult, StepRecord } from './property-types'
import { runSequence } from './sequence'

export const BUNDLE_FORMAT = 'connect-views-conformance/replay-bundle@1'

export interface ReplayBundle {
  format: typeof BUNDLE_FORMAT
  property: string
  rule: string
  message: string
  seed: number
  path?: string
  target: { kind: string; label: string }
  /** The mode that failed, so a replay holds the target to the same rules and choice values. */
  mode: {
    strict: boolean
    confirmed?: string[]
    choices?: Record<string, string>
    /** How reads were judged (absent in bundles written before consistency models: strong). */
    consistency?: ConsistencyConfig
  }
  commands: Cmd[]
  transcript: StepRecord[]
  createdAt: string
  /** A command line that re-runs exactly this failure. */
  reproduce: string
}

export type ReplayVerdict = 'FIXED' | 'STILL FAILING' | 'CANNOT REPLAY'

/** `reproduce` is the command line that re-runs this failure (src/engine/reproduce.ts builds it). */
export function bundleFromResult(
  r: PropertyResult,
  target: { kind: string; label: string; runId: string },
  mode: Mode,
  reproduce: string,
  now = new Date(),
): ReplayBundle {
  if (!r.failure) throw new Error(`property ${r.property} passed: nothing to bundle`)
  return redact({
    format: BUNDLE_FORMAT,
    property: r.property,
    rule: r.failure.rule,
    message: r.failure.message,
    seed: r.seed,
    ...(r.path ? { path: r.path } : {}),
    target: { kind: target.kind, label: target.label },
    mode: {
      strict: mode.strict,
      ...(mode.confirmed?.size ? { confirmed: [...mode.confirmed].sort() } : {}),
      ...(mode.choices ? { choices: { ...mode.choices } } : {}),
      ...(mode.consistency ? { consistency: { ...mode.consistency } } : {}),
    },
    commands: r.failure.commands,
    transcript: normaliseTranscript(r.failure.transcript, target),
    createdAt: now.toISOString(),
    reproduce,
  })
}

/** Each side's answers with ids, ARNs and checksums by reference and volatile values as placeholders. */
function normaliseTranscript(transcript: StepRecord[], target: { runId: string }): StepRecord[] {
  const refs = { target: new RefTable(), model: new RefTable() }
  const runId = new RegExp(target.runId, 'g')
  const text = (v: unknown, t: RefTable) =>
    JSON.parse(JSON.stringify(normaliseValues(v, t) ?? null).replace(runId, '<run>'))
  return transcript.map((s) => ({ ...s, target: text(s.target, refs.target), model: text(s.model, refs.model) }))
}

export function writeBundle(dir: string, bundle: ReplayBundle): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${bundle.property}-${bundle.rule}-seed${bundle.seed}.json`)
  writeFileSync(file, JSON.stringify(bundle, null, 2) + '\n')
  return file
}

export function readBundle(file: string): ReplayBundle {
  let parsed: ReplayBundle
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file}: not a readable replay bundle (${(e as Error).message})`)
  }
  if (parsed?.format !== BUNDLE_FORMAT || !Array.isArray(parsed.commands))
    throw new Error(`${file}: not a replay bundle (format ${String(parsed?.format)})`)
  return parsed
}

/** A bundle file, or every *.json bundle in a folder (sorted, so runs are reproducible). */
export function bundleFiles(fileOrDir: string): string[] {
  try {
    return readdirSync(fileOrDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(fileOrDir, f))
  } catch {
    return [fileOrDir]
  }
}

export interface ReplayResult {
  file?: string
  property: string
  verdict: ReplayVerdict
  detail: string
}

/**
 * The mode a bundle failed in (rules confirmed, choice values the model served, how reads were judged, so a
 * "did not converge" failure replays as one); `consistency` for a bundle that does not say.
 */
export function bundleMode(bundle: ReplayBundle, consistency?: ConsistencyConfig): Mode {
  const judged = bundle.mode.consistency ?? consistency
  return {
    strict: bundle.mode.strict,
    confirmed: new Set(bundle.mode.confirmed ?? []),
    ...(bundle.mode.choices ? { choices: bundle.mode.choices } : {}),
    ...(judged ? { consistency: judged } : {}),
  }
}

/** Re-runs the bundle's commands on `target` with the property's checks. */
export async function replayBundle(
  bundle: ReplayBundle,
  target: Target,
  properties: readonly SequentialProperty[],
  mode?: Mode,
): Promise<ReplayResult> {
  const def = properties.find((p) => p.id === bundle.property)
  if (!def)
    return { property: bundle.property, verdict: 'CANNOT REPLAY', detail: `unknown property ${bundle.property}` }
  try {
    const { failure, notImplemented, throttled, noAnswer } = await runSequence(
      def,
      target,
      bundle.commands,
      mode ?? bundleMode(bundle),
    )
    if (notImplemented)
      return {
        property: bundle.property,
        verdict: 'CANNOT REPLAY',
        detail: `the target does not implement ${notImplemented.join(', ')}`,
      }
    if (noAnswer && !failure)
      return {
        property: bundle.property,
        verdict: 'CANNOT REPLAY',
        detail: `a call got no answer within ${target.requestTimeoutMs} ms, retried once`,
      }
    if (throttled && !failure)
      return {
        property: bundle.property,
        verdict: 'CANNOT REPLAY',
        detail: 'a call stayed throttled (HTTP 429) past its retries',
      }
    if (!failure)
      return {
        property: bundle.property,
        verdict: 'FIXED',
        detail: `${bundle.commands.length} commands ran, no check failed`,
      }
    return {
      property: bundle.property,
      verdict: 'STILL FAILING',
      detail: `${failure.rule}: ${failure.message.split('\n')[0]}`,
    }
  } catch (e) {
    return { property: bundle.property, verdict: 'CANNOT REPLAY', detail: (e as Error).message }
  }
}
