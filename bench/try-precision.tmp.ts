import { runCase, oneAtATime, describeChoices } from './support/precision-sweep'
const which = process.argv[2] ?? 'defaults'
const runs = Number(process.argv[3] ?? 5)
const only = process.argv[4] ? process.argv[4].split(',') : undefined
const cases = which === 'defaults' ? [{}] : which === 'all' ? oneAtATime() : [JSON.parse(which)]
for (const choices of cases) {
  const v = await runCase({ label: describeChoices(choices), choices, seed: 1, runs, only })
  console.log(`${v.label}: exit ${v.exitCode} ${v.failures.length} failures / ${v.verdicts} verdicts, ${v.durationMs} ms`)
  for (const f of v.failures) console.log('   ' + f)
}
process.exit(0)
