// A choices profile: which value of each undocumented choice (src/choices/catalogue.ts) a recorded target was
// seen to make, written by `conformance calibrate` from recordings (src/choices/calibrate-from-recordings.ts) and read by
// the stub (StubCoreOptions.choicesProfile, `serve --choices`) and by `run --choices-profile`, where the
// rules resting on settled choices are asserted in strict mode with the model serving the settled values.
// Format (JSON, documented in fixtures/recordings/README.md):
//   { format, version: 1, calibratedAt, targetKind, sources: [{ file, target, recordedAt, seed, steps }],
//     settled: { <choice>: { value, evidence: [{ recording, step, command, recorded, otherValues }] } },
//     unsettled: [{ choice, reason: no-evidence | ambiguous | no-match, candidates, detail }],
//     residual: { steps, detail } }
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { CHOICE_OPTIONS, resolveChoices, type ChoiceName } from './catalogue'
import { RULES } from '../spec/rules'
import { CHOICE_RULE } from './choice-rules'

export const CHOICES_PROFILE_FORMAT = 'connect-views-conformance/choices-profile'
export const CHOICES_PROFILE_VERSION = 1

/** One recorded step that told the values of a choice apart. */
export interface ChoiceEvidence {
  /** The recording file (as given to calibrate). */
  recording: string
  /** 1-based step number, as `parity` prints it. */
  step: number
  command: string
  /** The recorded (normalised) answer, shortened. */
  recorded: string
  /** What the stub serving each other value answers at that step, shortened. */
  otherValues: Record<string, string>
}

export interface UnsettledChoice {
  choice: string
  /**
   * no-evidence: no recorded step answers differently under different values (never exercised, or the
   * recording's normalisation hides it); ambiguous: several values reproduce every telling step;
   * no-match: no known value reproduces the recording — the target needs a value choices.ts lacks.
   */
  reason: 'no-evidence' | 'ambiguous' | 'no-match'
  /** Values still possible (no-evidence, ambiguous) or tried in vain (no-match). */
  candidates: string[]
  detail: string
  /**
   * What the stub serves for it when that is not the default: a candidate the recording allows (ambiguous,
   * default excluded) or the closest known value (no-match). Never asserted: only settled choices are.
   */
  served?: string
}

export interface ChoicesProfile {
  format: typeof CHOICES_PROFILE_FORMAT
  version: typeof CHOICES_PROFILE_VERSION
  calibratedAt: string
  /** Kind of the recorded target: aws (live), endpoint or stub. */
  targetKind: string
  sources: {
    file: string
    target: { kind: string; label: string; region: string }
    recordedAt: string
    seed: number
    steps: number
  }[]
  settled: Record<string, { value: string; evidence: ChoiceEvidence[] }>
  unsettled: UnsettledChoice[]
  /** Recorded steps the stub serving the settled values still answers differently (0: a faithful replay). */
  residual: { steps: number; detail: string[] }
}

const str = { type: 'string' } as const
const SCHEMA = {
  type: 'object',
  required: ['format', 'version', 'calibratedAt', 'targetKind', 'sources', 'settled', 'unsettled', 'residual'],
  properties: {
    format: { const: CHOICES_PROFILE_FORMAT },
    version: { const: CHOICES_PROFILE_VERSION },
    calibratedAt: str,
    targetKind: str,
    sources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'target', 'recordedAt', 'seed', 'steps'],
        properties: {
          file: str,
          target: { type: 'object', required: ['kind', 'label', 'region'] },
          recordedAt: str,
          seed: { type: 'integer' },
          steps: { type: 'integer' },
        },
      },
    },
    settled: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['value', 'evidence'],
        properties: {
          value: str,
          evidence: {
            type: 'array',
            items: { type: 'object', required: ['recording', 'step', 'command', 'recorded', 'otherValues'] },
          },
        },
      },
    },
    unsettled: {
      type: 'array',
      items: {
        type: 'object',
        required: ['choice', 'reason', 'candidates', 'detail'],
        properties: {
          choice: str,
          reason: { enum: ['no-evidence', 'ambiguous', 'no-match'] },
          candidates: { type: 'array', items: str },
          detail: str,
          served: str,
        },
      },
    },
    residual: {
      type: 'object',
      required: ['steps', 'detail'],
      properties: { steps: { type: 'integer', minimum: 0 }, detail: { type: 'array', items: str } },
    },
  },
} as const

let validator: ValidateFunction | undefined

/** Checks a parsed JSON document; throws one readable line naming `where` when it is not a valid profile. */
export function parseChoicesProfile(doc: unknown, where: string): ChoicesProfile {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(SCHEMA)
  if (!validator(doc)) {
    const e = validator.errors?.[0]
    const format = (doc as { format?: unknown } | null)?.format
    if (format !== CHOICES_PROFILE_FORMAT)
      throw new Error(
        `${where}: not a choices profile (format ${JSON.stringify(format)}, expected "${CHOICES_PROFILE_FORMAT}")`,
      )
    throw new Error(`${where}: invalid choices profile: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}`)
  }
  const profile = doc as unknown as ChoicesProfile
  try {
    // a settled value must be one the stub can serve: names and values checked against choices.ts
    resolveChoices(profileChoices(profile))
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`)
  }
  return profile
}

export function readChoicesProfile(file: string): ChoicesProfile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message.split('\n')[0]})`)
  }
  return parseChoicesProfile(doc, file)
}

/** What a stub serving the profile serves, as ModelOptions.choices overrides: the settled values and any
 *  `served` value of an unsettled choice; the other choices keep the stub's default. */
export function profileChoices(
  profile: Pick<ChoicesProfile, 'settled'> & { unsettled?: readonly UnsettledChoice[] },
): Record<string, string> {
  return {
    ...Object.fromEntries(
      (profile.unsettled ?? []).filter((u) => u.served !== undefined).map((u) => [u.choice, u.served!]),
    ),
    ...Object.fromEntries(Object.entries(profile.settled).map(([name, s]) => [name, s.value])),
  }
}

/**
 * The choices a rule rests on: its own `choice`, the one naming its error class, and every choice CHOICE_RULE maps
 * to it (several for R37: the Id and Arn of versions and of their summaries).
 */
export function choicesOfRule(r: (typeof RULES)[number]): ChoiceName[] {
  const out = new Set<ChoiceName>()
  if (r.choice) out.add(r.choice)
  if (r.errorClass?.name.startsWith('choice:')) out.add(r.errorClass.name.slice('choice:'.length) as ChoiceName)
  for (const [name, id] of Object.entries(CHOICE_RULE)) if (id === r.id) out.add(name as ChoiceName)
  return [...out]
}

/**
 * Rules whose every choice the profile settled: with the model serving the settled values they can be held
 * against the target. A rule resting on a choice the recording did not settle stays as the catalogue says.
 */
export function rulesSettledBy(profile: Pick<ChoicesProfile, 'settled'>): Set<string> {
  const out = new Set<string>()
  for (const r of RULES) {
    const choices = choicesOfRule(r)
    if (choices.length && choices.every((c) => c in profile.settled && c in CHOICE_OPTIONS)) out.add(r.id)
  }
  return out
}
