// `conformance record` keeps what a target (typically live AWS) answered to a seeded command sequence;
// `conformance parity <recording>` replays it against another target (an emulator) and shows, step by
// step, where the answers differ — behaviour AWS does not document included. Recordings of live AWS also
// confirm inferred rules: `run` loads them from fixtures/recordings/ and asserts those rules as documented.
import fc from 'fast-check'
import { existsSync } from 'node:fs'
import { SEQUENTIAL_PROPERTIES } from '../properties'
import type { Cmd } from '../harness/commands'
import { CALIBRATION_PLAN } from '../properties/calibration-plan'
import { formatSequenceParity, sequenceParity } from '../harness/sequence-parity'
import {
  compareWithRecording,
  readRecording,
  record,
  sampleCommands,
  writeRecording,
  type Recording,
} from '../harness/recording'
import { EXIT, UsageError } from '../exit-codes'
import { openTarget } from '../engine/open-target'
import type { TargetSettings } from '../settings'

/** Fixed plans `record --plan` runs instead of a sampled vocabulary. */
export const RECORD_PLANS: Record<string, readonly Cmd[]> = { calibration: CALIBRATION_PLAN }

export async function recordCommand(
  s: TargetSettings,
  o: { seed: number; commands: number; file: string; property?: string; plan?: string },
  out: (line: string) => void,
): Promise<number> {
  let cmds: readonly Cmd[]
  if (o.plan !== undefined) {
    const plan = RECORD_PLANS[o.plan]
    if (!plan) throw new UsageError(`--plan: "${o.plan}" is not one of ${Object.keys(RECORD_PLANS).join(', ')}`)
    cmds = plan
  } else {
    // other properties' vocabularies exercise other choices (checksum conflicts, validation, deletes): for calibrate
    const def = SEQUENTIAL_PROPERTIES.find((p) => p.id === (o.property ?? 'differential'))
    if (!def)
      throw new UsageError(
        `--property: "${o.property}" is not one of ${SEQUENTIAL_PROPERTIES.map((p) => p.id).join(', ')}`,
      )
    cmds = sampleCommands(def, o.seed, o.commands)
  }
  const target = await openTarget(s)
  try {
    const rec = await record(target, cmds, o.seed, new Date(), s.consistency)
    writeRecording(o.file, rec)
    out(`recorded ${rec.steps.length} steps against ${target.label} (seed ${o.seed}) into ${o.file}`)
    out(`  inferred rules this target agreed with: ${rec.confirms.join(', ') || 'none'}`)
    out(`  rules it contradicted (the model's guess is wrong for it): ${rec.contradicts.join(', ') || 'none'}`)
  } finally {
    await target.close()
  }
  return EXIT.ok
}

export async function parityCommand(file: string, s: TargetSettings, out: (line: string) => void): Promise<number> {
  if (!existsSync(file)) throw new UsageError(`parity: ${file} does not exist`)
  let rec: Recording
  try {
    rec = readRecording(file)
  } catch (e) {
    throw new UsageError(`parity: ${(e as Error).message}`)
  }
  const target = await openTarget(s)
  try {
    const diffs = await compareWithRecording(rec, target, s.consistency)
    out(
      `${target.label} vs ${rec.target.label} (recorded ${rec.recordedAt}, ${rec.steps.length} steps): ${diffs.length === 0 ? 'identical' : `${diffs.length} steps differ`}`,
    )
    for (const d of diffs) out(`\nstep ${d.step + 1} (${d.command}):\n${d.diff}`)
    return diffs.length === 0 ? EXIT.ok : EXIT.failures
  } finally {
    await target.close()
  }
}

/** Vocabularies the parity sequence mixes: together they reach all 13 operations, errors included. */
export const SEQUENCE_VOCABULARIES = ['differential', 'checksum-conflict', 'delete', 'pagination', 'validation']

/** One seeded sequence over every operation: the differential prelude, then `count` commands drawn from the mixed vocabularies. */
export function parityCommands(seed: number, count: number): Cmd[] {
  const defs = SEQUENCE_VOCABULARIES.map((id) => SEQUENTIAL_PROPERTIES.find((p) => p.id === id)!)
  const [generated] = fc.sample(
    fc.array(fc.oneof(...defs.flatMap((d) => d.commands())), { minLength: count, maxLength: count }),
    { seed, numRuns: 1 },
  )
  return [...(defs[0]!.prelude ?? []), ...generated!]
}

/** `parity --sequence <seed> --against <url>`: one seeded sequence on both targets, the share of answers alike. */
export async function sequenceParityCommand(
  s: TargetSettings,
  against: TargetSettings,
  o: { seed: number; commands: number; minAlike?: number },
  out: (line: string) => void,
): Promise<number> {
  const a = await openTarget(s)
  try {
    const b = await openTarget(against)
    try {
      const p = await sequenceParity(a, b, parityCommands(o.seed, o.commands), o.seed)
      for (const line of formatSequenceParity(p, { target: a.label, against: b.label })) out(line)
      return p.steps > 0 && p.alike / p.steps >= (o.minAlike ?? 1) ? EXIT.ok : EXIT.failures
    } finally {
      await b.close()
    }
  } finally {
    await a.close()
  }
}
