import { pairwiseCombinations, describeChoices, runCase } from './support/precision-sweep'
const combos = pairwiseCombinations(Number(process.argv[2] ?? 1), 30)
const from = Number(process.argv[3] ?? 0), to = Number(process.argv[4] ?? 5), runs = Number(process.argv[5] ?? 15)
const only = ['immutability','monotonic-versions','saved-vs-latest','checksum-conflict','no-change-publish','pagination','delete','validation','differential','concurrency']
for (const [i, choices] of combos.slice(from, to).entries()) {
  const v = await runCase({ label: `combo ${from + i}`, choices, seed: 7 + i, runs, only })
  console.log(`${v.label}: exit ${v.exitCode} ${v.failures.length} failures, ${v.durationMs} ms`)
  for (const f of v.failures) console.log('   ' + f + '\n   choices: ' + describeChoices(choices))
}
process.exit(0)
