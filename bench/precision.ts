// Precision, measured (a correct target must never fail): the complete default-mode run (committed regressions, every
// property, the Pact contracts) over HTTP against our own stub server serving (a) each non-default value of
// each undocumented choice alone and (b) a pairwise covering set of full combinations (padded with seeded
// random ones to at least 30), each over several seeds. Every one of those stubs is a correct
// implementation, so every failure is a false positive; the false-positive rate is failed verdicts over
// verdicts. Contract verification does not depend on the seed, so it runs with the first seed only.
// Usage: npm run bench:precision -- [seeds=3] [--runs 10] [--combos 30] [--json out/bench/precision.json] [--md out/bench/precision.md]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { PROPERTY_IDS } from '../src/engine/property-registry'
import { CHOICE_OPTIONS } from '../src/choices/catalogue'
import { benchArgs } from './support/bench-args'
import {
  describeChoices,
  oneAtATime,
  pairwiseCombinations,
  runCase,
  type CaseVerdict,
  type ChoiceSet,
} from './support/precision-sweep'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
process.env.PACT_DO_NOT_TRACK = 'true'
const args = benchArgs(['runs', 'combos', 'json', 'md'])
const SEEDS = args.positionalInt(0, 'seeds', 3)
const RUNS = args.int('runs', 10)
const COMBOS = args.int('combos', 30)
const WITHOUT_CONTRACTS = PROPERTY_IDS.filter((id) => id !== 'contracts')

interface Group {
  name: string
  sets: ChoiceSet[]
  verdicts: CaseVerdict[]
}

async function sweep(group: Group): Promise<void> {
  for (const [i, choices] of group.sets.entries()) {
    for (let s = 0; s < SEEDS; s++) {
      const label = `${group.name} #${i + 1}: ${describeChoices(choices)}`
      const v = await runCase({
        label,
        choices,
        seed: 1000 + 7919 * s,
        runs: RUNS,
        ...(s === 0 ? {} : { only: WITHOUT_CONTRACTS }),
      })
      group.verdicts.push(v)
      process.stderr.write(
        `${v.failures.length ? 'FALSE POSITIVE' : 'ok'}  ${label} seed ${v.seed} (${v.verdicts} verdicts, ${(v.durationMs / 1000).toFixed(1)} s)\n`,
      )
      for (const f of v.failures) process.stderr.write(`    ${f}\n`)
      for (const f of v.pinnedContractFailures) process.stderr.write(`    (pinned contract) ${f}\n`)
    }
  }
}

function summary(g: Group) {
  const verdicts = g.verdicts.reduce((n, v) => n + v.verdicts, 0)
  const failures = g.verdicts.reduce((n, v) => n + v.failures.length, 0)
  const failedRuns = g.verdicts.filter((v) => v.failures.length > 0).length
  const pinned = g.verdicts.reduce((n, v) => n + v.pinnedContractFailures.length, 0)
  return {
    group: g.name,
    choiceSets: g.sets.length,
    runs: g.verdicts.length,
    verdicts,
    failures,
    failedRuns,
    pinned,
    falsePositiveRate: verdicts ? failures / verdicts : 0,
    wallMs: g.verdicts.reduce((n, v) => n + v.durationMs, 0),
  }
}

async function main() {
  const values = Object.values(CHOICE_OPTIONS).reduce((n, o) => n + o.length, 0)
  const groups: Group[] = [
    { name: 'one value at a time', sets: oneAtATime(), verdicts: [] },
    { name: 'pairwise combinations', sets: pairwiseCombinations(20261130, COMBOS), verdicts: [] },
  ]
  for (const g of groups) await sweep(g)
  const rows = groups.map(summary)
  const all = rows.reduce(
    (a, r) => ({ verdicts: a.verdicts + r.verdicts, failures: a.failures + r.failures, runs: a.runs + r.runs }),
    { verdicts: 0, failures: 0, runs: 0 },
  )
  const md = [
    `Precision over ${Object.keys(CHOICE_OPTIONS).length} choices (${values} values), ${SEEDS} seeds, ${RUNS} runs per property, default mode, over HTTP`,
    '',
    '| stubs | choice sets | runs | verdicts | false positives | failed runs | false-positive rate | pinned contract failures | wall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.group} | ${r.choiceSets} | ${r.runs} | ${r.verdicts} | ${r.failures} | ${r.failedRuns} | ${(100 * r.falsePositiveRate).toFixed(2)} % | ${r.pinned} | ${(r.wallMs / 60000).toFixed(1)} min |`,
    ),
    '',
    `Total: ${all.failures} false positives in ${all.verdicts} verdicts over ${all.runs} runs. Pinned contract failures: Pact`,
    'interactions that pin a value a choice leaves open (bench/support/precision-sweep.ts CONTRACT_PINS; contracts/ changes separately).',
  ].join('\n')
  process.stdout.write(`${md}\n`)
  const json = args.text('json')
  const mdOut = args.text('md')
  for (const [file, text] of [
    [json, JSON.stringify({ seeds: SEEDS, runs: RUNS, rows, cases: groups.flatMap((g) => g.verdicts) }, null, 2)],
    [mdOut, md],
  ] as const) {
    if (!file) continue
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${text}\n`)
  }
  process.exit(all.failures === 0 ? 0 : 1)
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`)
  process.exit(4)
})
