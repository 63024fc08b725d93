// `conformance record` keeps what a target (typically live AWS) answered to a seeded command sequence;
// `conformance parity <recording>` replays it against another target (an emulator) and shows, step by
// step, where the answers differ — behaviour AWS does not document included. Recordings of live AWS also
// confirm inferred rules: `run` loads them from fixtures/recordings/ and asserts those rules as documented.
import { existsSync } from 'node:fs'
import { SEQUENTIAL_PROPERTIES } from '../properties'
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

export async function recordCommand(
  s: TargetSettings,
  o: { seed: number; commands: number; file: string; property?: string },
  out: (line: string) => void,
): Promise<number> {
  // other properties' vocabularies exercise other choices (checksum conflicts, validation, deletes): for calibrate
  const def = SEQUENTIAL_PROPERTIES.find((p) => p.id === (o.property ?? 'differential'))
  if (!def)
    throw new UsageError(
      `--property: "${o.property}" is not one of ${SEQUENTIAL_PROPERTIES.map((p) => p.id).join(', ')}`,
    )
  const target = await openTarget(s)
  try {
    const rec = await record(target, sampleCommands(def, o.seed, o.commands), o.seed, new Date(), s.consistency)
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
