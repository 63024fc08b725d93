// `conformance calibrate <recording…> [--out FILE]`: which value of each undocumented choice the recorded
// target made (src/choices/calibrate-from-recordings.ts), written as a choices profile that `serve --choices` and the stub
// option serve and `run --choices-profile` asserts in strict mode. Several recordings of one target (e.g. one
// per property vocabulary: `record --property …`) settle more choices than one.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { calibrate, CalibrationInputError } from '../choices/calibrate-from-recordings'
import { readRecording, type Recording } from '../harness/recording'
import { EXIT, UsageError } from '../exit-codes'

export const DEFAULT_PROFILE_OUT = 'out/choices-profile.json'

function load(file: string): Recording {
  if (!existsSync(file)) throw new UsageError(`calibrate: ${file} does not exist`)
  try {
    return readRecording(file)
  } catch (e) {
    throw new UsageError(`calibrate: ${(e as Error).message.split('\n')[0]}`)
  }
}

export async function calibrateCommand(
  files: readonly string[],
  o: { out: string },
  out: (line: string) => void,
): Promise<number> {
  const inputs = files.map((file) => ({ file, recording: load(file) }))
  let profile
  try {
    profile = await calibrate(inputs)
  } catch (e) {
    if (e instanceof CalibrationInputError) throw new UsageError(e.message)
    throw e
  }
  try {
    mkdirSync(dirname(o.out), { recursive: true })
    writeFileSync(o.out, JSON.stringify(profile, null, 2) + '\n')
  } catch (e) {
    throw new UsageError(`--out ${o.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  const steps = profile.sources.reduce((n, s) => n + s.steps, 0)
  const settled = Object.entries(profile.settled)
  out(
    `calibrated against ${inputs.length} recording${inputs.length === 1 ? '' : 's'} of ${inputs[0]!.recording.target.label} (${steps} steps): ` +
      `${settled.length} choices settled, ${profile.unsettled.length} unsettled; the calibrated stub differs from the recordings at ${profile.residual.steps} steps`,
  )
  for (const [name, s] of settled) {
    const e = s.evidence[0]!
    out(
      `  settled    ${name} = ${s.value}  (${e.recording} step ${e.step} ${e.command}${s.evidence.length > 1 ? ` and ${s.evidence.length - 1} more` : ''})`,
    )
  }
  for (const u of profile.unsettled)
    out(`  unsettled  ${u.choice}: ${u.reason}${u.reason === 'no-evidence' ? '' : ` — ${u.detail.split('\n')[0]}`}`)
  for (const r of profile.residual.detail) out(`  differs    ${r}`)
  out(
    `wrote ${o.out}  (serve it: conformance serve --choices ${o.out}; assert it: conformance run --strict --choices-profile ${o.out})`,
  )
  return EXIT.ok
}
