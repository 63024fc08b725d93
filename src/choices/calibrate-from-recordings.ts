// Calibration: which value of each undocumented choice (src/choices/catalogue.ts) reproduces what a recorded
// target answered. Generic over CHOICE_OPTIONS: the recordings' command sequences are replayed on the
// embedded stub serving each candidate value of one choice (the others fixed at the best values known so
// far) and the normalised answers are compared with the recorded ones. Choices interact (an error class
// only shows once the input is rejected at all), so first a coordinate-wise search, repeated until nothing
// moves, finds the combination with the fewest differing answer leaves; then, with the others at that
// combination, a choice is settled when exactly one of its values reproduces the recorded leaves wherever
// its values answer differently (other leaves, e.g. an InputSchema only the real service generates, do not
// count). A target that needs two choices changed at once to get closer stays where the
// coordinate-wise search stopped: the profile's residual says how far that is.
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName } from './catalogue'
import {
  CHOICES_PROFILE_FORMAT,
  CHOICES_PROFILE_VERSION,
  profileChoices,
  type ChoiceEvidence,
  type ChoicesProfile,
  type UnsettledChoice,
} from './profile'
import { createTarget } from '../targets/create-target'
import { stableJson } from '../harness/normalise'
import { record, type Recording } from '../harness/recording'

export interface CalibrationInput {
  /** As given on the command line: names the recording in the evidence. */
  file: string
  recording: Recording
}

/** The recordings cannot be calibrated against together (none, or of different targets). */
export class CalibrationInputError extends Error {}

export interface CalibrationOptions {
  /** Upper bound on coordinate-wise sweeps (each replays every value of every choice). Default 6. */
  maxSweeps?: number
  /** Telling steps kept as evidence per settled choice. Default 3. */
  evidencePerChoice?: number
  now?: Date
}

/**
 * An answer flattened to its leaves: path → stable JSON of the value there. Answers are compared leaf by
 * leaf, so a field no choice governs that differs on a live recording (InputSchema, R19; the account's
 * AWS-managed views, R8) does not hide the fields a choice does govern.
 */
type Leaves = ReadonlyMap<string, string>
/** Per recording, per step. */
type Answers = Leaves[][]

const EXCERPT = 200
const NOT_RUN: Leaves = new Map([['', '"<step not run>"']])

/** An answer as leaves, path → JSON of the value there (what calibration and sequence parity compare). */
export function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length)
    value.forEach((v, i) => {
      flatten(v, `${path}/${i}`, out)
    })
  else if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value))
      flatten(v, `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, out)
  } else out.set(path, JSON.stringify(value) ?? 'undefined')
  return out
}

const stepOf = (a: Answers, rec: number, step: number): Leaves => a[rec]![step] ?? NOT_RUN

/** Paths where any two of the given answers differ (a leaf missing in one of them counts). */
function differingPaths(answers: readonly Leaves[]): string[] {
  const paths = new Set(answers.flatMap((a) => [...a.keys()]))
  return [...paths].filter((p) => new Set(answers.map((a) => a.get(p) ?? '(absent)')).size > 1)
}

/** The leaves at `paths` as one short line, e.g. `/error = "ResourceInUseException"; /status = 409`. */
function excerpt(a: Leaves, paths: readonly string[]): string {
  const text = paths.map((p) => `${p || '/'} = ${a.get(p) ?? '(absent)'}`).join('; ')
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text
}

/** Replays every recording on a fresh embedded stub serving `choices`; cached per choice combination. */
function replayer(inputs: readonly CalibrationInput[]): (choices: Record<string, string>) => Promise<Answers> {
  const cache = new Map<string, Promise<Answers>>()
  return (choices) => {
    const key = stableJson(choices)
    let hit = cache.get(key)
    if (!hit) {
      hit = Promise.all(
        inputs.map(async ({ recording }) => {
          const target = await createTarget({
            target: 'stub',
            region: recording.target.region,
            stub: { modelOptions: { choices } },
          })
          try {
            const replayed = await record(
              target,
              recording.steps.map((s) => s.cmd),
              recording.seed,
            )
            return replayed.steps.map((s) => flatten(s.answer))
          } finally {
            await target.close()
          }
        }),
      )
      cache.set(key, hit)
    }
    return hit
  }
}

interface Telling {
  rec: number
  step: number
  /** Where the values' answers differ: the only leaves of the recording that say anything about the choice. */
  paths: string[]
}

type Verdict =
  | { settled: true; value: string; evidence: ChoiceEvidence[] }
  | { settled: false; unsettled: UnsettledChoice }

/** A choice the recordings leave open, and why. */
function unsettled(
  choice: ChoiceName,
  reason: UnsettledChoice['reason'],
  candidates: string[],
  detail: string,
): { settled: false; unsettled: UnsettledChoice } {
  return { settled: false, unsettled: { choice, reason, candidates, detail } }
}

async function judge(
  name: ChoiceName,
  base: Record<string, string>,
  inputs: readonly CalibrationInput[],
  recorded: Answers,
  replay: (c: Record<string, string>) => Promise<Answers>,
  evidencePerChoice: number,
): Promise<Verdict> {
  const values = CHOICE_OPTIONS[name] as readonly string[]
  const answers = new Map<string, Answers>()
  for (const v of values) answers.set(v, await replay({ ...base, [name]: v }))
  const at = (v: string, t: { rec: number; step: number }) => stepOf(answers.get(v)!, t.rec, t.step)
  const telling: Telling[] = []
  recorded.forEach((steps, rec) => {
    const length = Math.max(steps.length, ...values.map((v) => answers.get(v)![rec]!.length))
    for (let step = 0; step < length; step++) {
      const paths = differingPaths(values.map((v) => at(v, { rec, step })))
      if (paths.length) telling.push({ rec, step, paths })
    }
  })
  if (telling.length === 0) {
    return unsettled(
      name,
      'no-evidence',
      [...values],
      'no recorded step answers differently under its values (not exercised, or hidden by normalisation)',
    )
  }
  const recordedAt = (t: Telling) => stepOf(recorded, t.rec, t.step)
  const agrees = (v: string, t: Telling) => t.paths.every((p) => at(v, t).get(p) === recordedAt(t).get(p))
  const matching = values.filter((v) => telling.every((t) => agrees(v, t)))
  if (matching.length === 1) {
    const value = matching[0]!
    const evidence = telling.slice(0, evidencePerChoice).map(
      (t): ChoiceEvidence => ({
        recording: inputs[t.rec]!.file,
        step: t.step + 1,
        command: inputs[t.rec]!.recording.steps[t.step]?.cmd.op ?? '-',
        recorded: excerpt(recordedAt(t), t.paths),
        otherValues: Object.fromEntries(values.filter((v) => v !== value).map((v) => [v, excerpt(at(v, t), t.paths)])),
      }),
    )
    return { settled: true, value, evidence }
  }
  if (matching.length > 1) {
    return unsettled(
      name,
      'ambiguous',
      matching,
      `${telling.length} telling steps exclude ${values.filter((v) => !matching.includes(v)).join(', ')} but do not decide between ${matching.join(' and ')}`,
    )
  }
  const first = telling.find((t) => !values.some((v) => agrees(v, t))) ?? telling[0]!
  return unsettled(
    name,
    'no-match',
    [...values],
    `no known value reproduces the recording: at ${inputs[first.rec]!.file} step ${first.step + 1} it answered ${excerpt(recordedAt(first), first.paths)}; a new value is needed (or another choice is off)`,
  )
}

/** Leaves that differ from the recorded answers, over every step: what the search minimises. */
function mismatches(answers: Answers, recorded: Answers): number {
  let n = 0
  recorded.forEach((steps, rec) => {
    const length = Math.max(steps.length, answers[rec]!.length)
    for (let step = 0; step < length; step++)
      n += differingPaths([stepOf(answers, rec, step), stepOf(recorded, rec, step)]).length
  })
  return n
}

/** Recorded steps the calibrated stub answers differently: "file step N (Op): /path, …". */
function residualSteps(answers: Answers, recorded: Answers, inputs: readonly CalibrationInput[]): string[] {
  const out: string[] = []
  recorded.forEach((steps, rec) => {
    const length = Math.max(steps.length, answers[rec]!.length)
    for (let step = 0; step < length; step++) {
      const paths = differingPaths([stepOf(answers, rec, step), stepOf(recorded, rec, step)])
      if (paths.length) {
        out.push(
          `${inputs[rec]!.file} step ${step + 1} (${inputs[rec]!.recording.steps[step]?.cmd.op ?? '-'}): ${paths
            .slice(0, 3)
            .map((p) => p || '/')
            .join(', ')}${paths.length > 3 ? ', …' : ''}`,
        )
      }
    }
  })
  return out
}

/**
 * An unsettled choice is served at its default unless the recording rules the default out: an ambiguous one
 * then gets a value still possible, a no-match one the closest value the search found.
 */
function withServed(u: UnsettledChoice, closest: string): UnsettledChoice {
  const fallback = DEFAULT_CHOICES[u.choice as ChoiceName] as string
  if (u.reason === 'ambiguous' && !u.candidates.includes(fallback))
    return { ...u, served: u.candidates.includes(closest) ? closest : u.candidates[0]! }
  if (u.reason === 'no-match' && closest !== fallback) return { ...u, served: closest }
  return u
}

/** Calibrates the choices against one or more recordings of the same target. */
export async function calibrate(
  inputs: readonly CalibrationInput[],
  opts: CalibrationOptions = {},
): Promise<ChoicesProfile> {
  if (inputs.length === 0) throw new CalibrationInputError('calibrate: no recording given')
  const kinds = new Set(inputs.map((i) => `${i.recording.target.kind} (${i.recording.target.label})`))
  if (kinds.size > 1)
    throw new CalibrationInputError(`calibrate: the recordings are of different targets: ${[...kinds].join(', ')}`)
  const recorded: Answers = inputs.map((i) => i.recording.steps.map((s) => flatten(s.answer)))
  const replay = replayer(inputs)
  const names = Object.keys(CHOICE_OPTIONS) as ChoiceName[]
  const evidencePerChoice = opts.evidencePerChoice ?? 3
  // 1. the combination closest to the recordings: coordinate-wise, each choice takes the value with the fewest
  // differing answer leaves (ties keep the current one), repeated until nothing moves. Judging a choice against a
  // combination far from the target invites coincidences (a checksum error class "matching" a step that the
  // target actually rejected for its pattern), so verdicts come only after this search.
  const best: Record<string, string> = { ...DEFAULT_CHOICES }
  let score = mismatches(await replay(best), recorded)
  for (let sweep = 0; sweep < (opts.maxSweeps ?? 6) && score > 0; sweep++) {
    let changed = false
    for (const name of names) {
      for (const v of CHOICE_OPTIONS[name] as readonly string[]) {
        if (v === best[name]) continue
        const s = mismatches(await replay({ ...best, [name]: v }), recorded)
        if (s < score) {
          best[name] = v
          score = s
          changed = true
        }
      }
    }
    if (!changed) break
  }
  // 2. each choice judged with the others at that combination (replays cached)
  const settled: ChoicesProfile['settled'] = {}
  const unsettled: UnsettledChoice[] = []
  for (const name of names) {
    const v = await judge(name, best, inputs, recorded, replay, evidencePerChoice)
    if (v.settled) settled[name] = { value: v.value, evidence: v.evidence }
    else unsettled.push(withServed(v.unsettled, best[name]!))
  }
  const residual = residualSteps(
    await replay({ ...DEFAULT_CHOICES, ...profileChoices({ settled, unsettled }) }),
    recorded,
    inputs,
  )
  const first = inputs[0]!.recording
  return {
    format: CHOICES_PROFILE_FORMAT,
    version: CHOICES_PROFILE_VERSION,
    calibratedAt: (opts.now ?? new Date()).toISOString(),
    targetKind: first.target.kind,
    sources: inputs.map(({ file, recording: r }) => ({
      file,
      target: r.target,
      recordedAt: r.recordedAt,
      seed: r.seed,
      steps: r.steps.length,
    })),
    settled,
    unsettled,
    residual: { steps: residual.length, detail: residual.slice(0, 20) },
  }
}
