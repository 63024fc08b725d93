// Calibration accuracy, two ways:
// 1. against the alternative emulator (test/support/alt-emulator: not produced by the model, answer sets A and
//    B): one recording of the calibration plan (`record --plan calibration`), calibrate, count wrongly settled
//    choices (must be 0), then the share of an independent seeded sequence (`parity --sequence`, 3 seeds × 300
//    commands) the stub answers alike, uncalibrated and calibrated;
// 2. for seeded random combinations of choice values (src/choices/catalogue.ts), record the embedded stub serving
//    the combination with several property vocabularies, calibrate, and count what the profile got right:
//    settled values that equal the served ones, wrong settlements (must be 0), choices the recordings left
//    unsettled (by reason; no-match must be 0 on a stub) and the residual steps (must be 0). A stub serving our
//    own values cannot show a choice cut wrongly, nor a behaviour no value covers: that is what 1 is for.
// Usage: npx tsx bench/calibration.ts [combinations=10] [--commands 60] [--seeds 11,12,13] [--json out/bench/calibration.json] [--md out/bench/calibration.md]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SEQUENTIAL_PROPERTIES } from '../src/properties'
import { calibrate } from '../src/choices/calibrate-from-recordings'
import { record, sampleCommands } from '../src/harness/recording'
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName } from '../src/choices/catalogue'
import { seededRandom } from '../src/stub'
import { createTarget } from '../src/targets/create-target'
import { benchArgs } from './support/bench-args'
import { parityCommands } from '../src/cli/recording-commands'
import { sequenceParity } from '../src/harness/sequence-parity'
import { CALIBRATION_PLAN } from '../src/properties/calibration-plan'
import type { ChoicesProfile } from '../src/choices/profile'
import { startStubServer } from '../src/stub'
import { expectedChoices } from '../test/support/alt-emulator/expected-choices'
import { startAltEmulator } from '../test/support/alt-emulator/server'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['commands', 'seeds', 'json', 'md'])
const SEEDS = args.list('seeds', ['11', '12', '13']).map(Number)
const COMBINATIONS = args.positionalInt(0, 'combinations', 10)
const COMMANDS = args.int('commands', 60)
const VOCABULARIES = ['differential', 'checksum-conflict', 'immutability', 'validation']

interface Row {
  combination: number
  nonDefault: number
  settled: number
  correct: number
  wrong: string[]
  recoveredNonDefault: number
  noEvidence: number
  ambiguous: number
  noMatch: number
  residual: number
  ms: number
}

interface AltRow {
  answers: 'A' | 'B'
  planSteps: number
  settled: number
  wrong: string[]
  unsettled: string[]
  alikeUncalibrated: number
  alikeCalibrated: number
  steps: number
}

/** The share of `seeds` sequences (300 commands each) a stub serving `profile` answers like the emulator at `url`. */
async function alikeShare(url: string, profile: ChoicesProfile | undefined): Promise<{ alike: number; steps: number }> {
  let alike = 0
  let steps = 0
  for (const seed of SEEDS) {
    const stub = await startStubServer({ coreOptions: profile ? { choicesProfile: profile } : {} })
    const a = await createTarget({ target: stub.url })
    const b = await createTarget({ target: url })
    try {
      const p = await sequenceParity(a, b, parityCommands(seed, 300), seed)
      alike += p.alike
      steps += p.steps
    } finally {
      await a.close()
      await b.close()
      await stub.close()
    }
  }
  return { alike, steps }
}

async function againstAlternative(): Promise<{ rows: AltRow[]; md: string }> {
  const rows: AltRow[] = []
  for (const answers of ['A', 'B'] as const) {
    const alt = await startAltEmulator({ answers })
    try {
      const target = await createTarget({ target: alt.url })
      const recording = await record(target, CALIBRATION_PLAN, 1)
      await target.close()
      const profile = await calibrate([{ file: `alt-${answers}.json`, recording }])
      const truth = expectedChoices(alt.answers) as Record<string, string>
      const before = await alikeShare(alt.url, undefined)
      const after = await alikeShare(alt.url, profile)
      const row: AltRow = {
        answers,
        planSteps: recording.steps.length,
        settled: Object.keys(profile.settled).length,
        wrong: Object.entries(profile.settled)
          .filter(([n, s]) => s.value !== truth[n])
          .map(([n, s]) => `${n}=${s.value} (emulator: ${truth[n]})`),
        unsettled: profile.unsettled.map((u) => `${u.choice} (${u.reason})`),
        alikeUncalibrated: before.alike / before.steps,
        alikeCalibrated: after.alike / after.steps,
        steps: after.steps,
      }
      rows.push(row)
      console.log(JSON.stringify(row))
    } finally {
      await alt.close()
    }
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`
  const md = [
    `Against the alternative emulator: one \`record --plan calibration\` recording (${rows[0]?.planSteps} steps), then \`parity --sequence\` over seeds ${SEEDS.join(', ')} (300 commands each)`,
    '',
    '| answer set | settled / unsettled | wrongly settled | answers alike, uncalibrated | answers alike, calibrated | unsettled |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.answers} | ${r.settled} / ${r.unsettled.length} | ${r.wrong.length}${r.wrong.length ? ` (${r.wrong.join(', ')})` : ''} | ${pct(r.alikeUncalibrated)} | ${pct(r.alikeCalibrated)} of ${r.steps} | ${r.unsettled.join(', ')} |`,
    ),
  ].join('\n')
  console.log(md)
  return { rows, md }
}

async function main() {
  const alternative = await againstAlternative()
  const random = seededRandom(7)
  const names = Object.keys(CHOICE_OPTIONS) as ChoiceName[]
  const rows: Row[] = []
  for (let c = 1; c <= COMBINATIONS; c++) {
    const served: Record<string, string> = {}
    for (const n of names) {
      const values = CHOICE_OPTIONS[n] as readonly string[]
      served[n] = values[Math.floor(random() * values.length)]!
    }
    const inputs = []
    for (const [i, id] of VOCABULARIES.entries()) {
      const def = SEQUENTIAL_PROPERTIES.find((p) => p.id === id)!
      const target = await createTarget({ target: 'stub', stub: { modelOptions: { choices: served } } })
      try {
        inputs.push({
          file: `${id}.json`,
          recording: await record(target, sampleCommands(def, c * 10 + i, COMMANDS), c),
        })
      } finally {
        await target.close()
      }
    }
    const started = Date.now()
    const profile = await calibrate(inputs)
    const settled = Object.entries(profile.settled)
    const wrong = settled
      .filter(([n, s]) => s.value !== served[n])
      .map(([n, s]) => `${n}=${s.value} (served ${served[n]})`)
    const nonDefault = names.filter((n) => served[n] !== DEFAULT_CHOICES[n])
    const count = (reason: string) => profile.unsettled.filter((u) => u.reason === reason).length
    const row: Row = {
      combination: c,
      nonDefault: nonDefault.length,
      settled: settled.length,
      correct: settled.length - wrong.length,
      wrong,
      recoveredNonDefault: nonDefault.filter((n) => profile.settled[n]?.value === served[n]).length,
      noEvidence: count('no-evidence'),
      ambiguous: count('ambiguous'),
      noMatch: count('no-match'),
      residual: profile.residual.steps,
      ms: Date.now() - started,
    }
    rows.push(row)
    console.log(JSON.stringify(row))
  }
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0)
  const md = [
    alternative.md,
    '',
    `Calibration over ${COMBINATIONS} seeded random combinations of the ${names.length} choices (${VOCABULARIES.length} recordings of ${COMMANDS} generated commands each: ${VOCABULARIES.join(', ')})`,
    '',
    '| combination | non-default served | settled | wrong | non-default recovered | no-evidence | ambiguous | no-match | residual steps | calibrate time |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.combination} | ${r.nonDefault} | ${r.settled} | ${r.wrong.length} | ${r.recoveredNonDefault} | ${r.noEvidence} | ${r.ambiguous} | ${r.noMatch} | ${r.residual} | ${(r.ms / 1000).toFixed(1)} s |`,
    ),
    `| **total** | ${sum((r) => r.nonDefault)} | ${sum((r) => r.settled)} | ${sum((r) => r.wrong.length)} | ${sum((r) => r.recoveredNonDefault)} | ${sum((r) => r.noEvidence)} | ${sum((r) => r.ambiguous)} | ${sum((r) => r.noMatch)} | ${sum((r) => r.residual)} | |`,
  ].join('\n')
  console.log(md)
  for (const [file, text] of [
    [args.text('json'), JSON.stringify({ alternative: alternative.rows, combinations: rows }, null, 2)],
    [args.text('md'), md],
  ] as const) {
    if (!file) continue
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text + '\n')
  }
}

await main()
