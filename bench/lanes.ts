// Lanes: what running independent properties concurrently buys against a rationed
// target. The same lane-safe properties, with the same seeds and run counts, run once one after another on
// the target and once all at the same time, each on a lane of its own, against a live-like stub server
// (2 requests/s per API, burst 5, 60±20 ms: `serve --live-like`) through the default per-API limiter.
// Prints wall time, calls, calls/s, 429 retries and the verdicts of both, per seed.
// Usage: npx tsx bench/lanes.ts [--seeds 2] [--runs 3] [--md out/bench/lanes.md]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ALL_PROPERTIES } from '../src/engine/property-registry'
import type { PropertyResult } from '../src/harness/property-types'
import { isLaneSafe } from '../src/properties/lane-safety'
import { startStubServer } from '../src/stub'
import { createTarget } from '../src/targets/create-target'
import type { Target } from '../src/targets/target'
import { benchArgs } from './support/bench-args'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['seeds', 'runs', 'md'])
const SEEDS = args.int('seeds', 2)
const RUNS = args.int('runs', 3)
const mode = { strict: false }
// the coverage plan runs first and alone in a run; every other lane-safe property explores
const PROPS = ALL_PROPERTIES.filter((p) => isLaneSafe(p.id) && p.id !== 'coverage-plan')

interface Measured {
  wallMs: number
  calls: number
  creates: number
  deletes: number
  busiest: string
  throttleRetries: number
  failed: string[]
}

async function measure(seed: number, concurrent: boolean): Promise<Measured> {
  const server = await startStubServer({ coreOptions: { faults: { liveLike: true } } })
  const target = await createTarget({ target: server.url, rate: {} })
  const started = performance.now()
  let results: PropertyResult[]
  try {
    if (concurrent) {
      results = await Promise.all(PROPS.map((p) => p.run(target.lane(), { seed, numRuns: RUNS, mode })))
    } else {
      results = []
      for (const p of PROPS) results.push(await p.run(target, { seed, numRuns: RUNS, mode }))
    }
  } finally {
    await closeBoth(target, server)
  }
  const wallMs = performance.now() - started
  const by = target.stats.byOperation
  // at 2 requests/s per API the busiest API's calls / 2 is a floor on the wall time, however many lanes
  const [op, n] = Object.entries(by).sort((a, b) => b[1] - a[1])[0] ?? ['none', 0]
  return {
    wallMs,
    calls: target.stats.calls,
    creates: by.CreateView ?? 0,
    deletes: by.DeleteView ?? 0,
    busiest: `${op} ${n}`,
    throttleRetries: target.stats.throttleRetries,
    failed: results.filter((r) => r.status !== 'passed').map((r) => `${r.property}:${r.status}`),
  }
}

async function closeBoth(target: Target, server: { close(): Promise<void> }): Promise<void> {
  await target.close() // the final clean-up is part of the cost
  await server.close()
}

async function main() {
  const lines = [
    `Lanes on the live-like stub (2 requests/s per API, burst 5, 60±20 ms), default per-API limiter; ${PROPS.length} lane-safe properties × ${RUNS} runs each (\`npx tsx bench/lanes.ts --seeds ${SEEDS} --runs ${RUNS}\`, ${new Date().toISOString().slice(0, 10)})`,
    '',
    '| seed | how | wall | calls | calls/s | CreateView · DeleteView | busiest API | 429 retries | not passed |',
    '|---:|---|---:|---:|---:|---:|---|---:|---|',
  ]
  for (let i = 0; i < SEEDS; i++) {
    const seed = 3000 + i
    for (const concurrent of [false, true]) {
      const m = await measure(seed, concurrent)
      lines.push(
        `| ${seed} | ${concurrent ? `${PROPS.length} lanes at once` : 'one after another'} | ${(m.wallMs / 1000).toFixed(1)} s | ${m.calls} | ${(m.calls / (m.wallMs / 1000)).toFixed(1)} | ${m.creates} · ${m.deletes} | ${m.busiest} | ${m.throttleRetries} | ${m.failed.join(', ') || 'none'} |`,
      )
      process.stderr.write(`${lines[lines.length - 1]}\n`)
    }
  }
  console.log(lines.join('\n'))
  const md = args.text('md')
  if (md) {
    mkdirSync(dirname(md), { recursive: true })
    writeFileSync(md, lines.join('\n') + '\n')
  }
}

await main()
