// No false positives on the correct stub, the sweep: the whole sequential property set against the embedded
// stub over many seeds in default mode and a few in strict mode. The stub is correct, so every failure is a
// false positive; the script prints each and exits 1 on any. (npm test runs the first seeds of the same
// list: test/harness/no-false-positives.test.ts.)
// Usage: npx tsx bench/no-false-positives.ts [--seeds 20] [--strict-seeds 5] [--runs 25]
import { createTarget } from '../src/targets/create-target'
import { benchArgs } from './support/bench-args'
import { cleanStubFailures, cleanStubSeeds } from './support/clean-stub-sweep'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['seeds', 'strict-seeds', 'runs'])
const SEEDS = args.int('seeds', 20)
const STRICT_SEEDS = args.int('strict-seeds', 5)
const RUNS = args.int('runs', 25)

const target = await createTarget({ target: 'stub' })
let falsePositives = 0
try {
  for (const [strict, count] of [
    [false, SEEDS],
    [true, STRICT_SEEDS],
  ] as const) {
    const t0 = performance.now()
    const failures = await cleanStubFailures(target, cleanStubSeeds(count), strict, RUNS)
    falsePositives += failures.length
    console.log(
      `${strict ? 'strict' : 'default'} mode, ${count} seeds × ${RUNS} runs: ${failures.length} false positives (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    )
    for (const f of failures) console.log(`  ${f}`)
  }
} finally {
  await target.close()
}
process.exitCode = falsePositives ? 1 : 0
