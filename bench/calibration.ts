// Calibration accuracy: for seeded random combinations of choice values (src/spec/choices.ts), record the
// embedded stub serving the combination with several property vocabularies, calibrate, and count what the
// profile got right: settled values that equal the served ones, wrong settlements (must be 0), choices the
// recordings left unsettled (by reason; no-match must be 0 on a stub) and the residual steps (must be 0).
// Usage: npx tsx bench/calibration.ts [combinations=10] [--commands 60] [--json out/bench/calibration.json] [--md out/bench/calibration.md]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SEQUENTIAL_PROPERTIES } from '../src/properties'
import { calibrate } from '../src/harness/calibration'
import { record, sampleCommands } from '../src/harness/recording'
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName } from '../src/spec/choices'
import { seededRandom } from '../src/stub'
import { createTarget } from '../src/targets/create-target'
import { benchArgs } from './support/bench-args'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['commands', 'json', 'md'])
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

async function main() {
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
    [args.text('json'), JSON.stringify(rows, null, 2)],
    [args.text('md'), md],
  ] as const) {
    if (!file) continue
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text + '\n')
  }
}

await main()
