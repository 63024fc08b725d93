// Detection power, measured like mutation testing: for every quirk in the catalogue (src/model/quirks.ts),
// run the implementation probe and the property set at default settings against a stub with that quirk, stop at the first failing
// property, and record wall time until detection, fast-check runs until the failure, the shrunk
// counterexample's length and the rule that caught it — over several seeds. Then the whole default run on
// the correct stub: wall time and peak memory; and the whole `conformance run` (Pact contracts included) on
// the correct stub over several seeds, which must report no failure. (npm test asserts one seed of each:
// test/detection/quirk-catalogue.test.ts.)
// Usage: npm run bench:detection -- [seeds=10] [--quirks a,b] [--clean-seeds 1,7,42,1234,99999] [--json out/bench/detection.json] [--md out/bench/detection.md]
// (--quirks: only those quirks' rows)
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SEQUENTIAL_PROPERTIES } from '../src/properties'
import { concurrencyProperty } from '../src/properties/concurrency'
import { runConcurrencyProperty } from '../src/engine/runners/concurrent'
import type { PropertyResult } from '../src/harness/property-types'
import { runProperty } from '../src/engine/runners/sequential'
import { QUIRK_NAMES, QUIRKS, type QuirkName } from '../src/model/quirks'
import { createTarget } from '../src/targets/create-target'
import { probeImplementation } from '../src/targets/implementation-probe'
import { probeFinding } from '../src/engine/probe-finding'
import type { Target } from '../src/targets/target'
import { benchArgs } from './support/bench-args'
import { conformanceRunOnStub } from './support/stub-run'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['json', 'md', 'quirks', 'clean-seeds'])
const SEEDS = args.positionalInt(0, 'seeds', 10)
const ONLY = args.list('quirks', [])
for (const q of ONLY) if (!QUIRK_NAMES.includes(q as QuirkName)) throw new Error(`--quirks: unknown quirk ${q}`)
const SELECTED = ONLY.length ? QUIRK_NAMES.filter((q) => ONLY.includes(q)) : QUIRK_NAMES
const CLEAN_SEEDS = args.list('clean-seeds', ['1', '7', '42', '1234', '99999'])
const mode = { strict: false }

async function runAll(target: Target, seed: number): Promise<PropertyResult | undefined> {
  // as every run does: the implementation probe first (what it finds wrong fails like a property)
  const t0 = Date.now()
  const finding = probeFinding(await probeImplementation(target), seed, Date.now() - t0)
  if (finding) return finding
  for (const def of SEQUENTIAL_PROPERTIES) {
    const r = await runProperty(def, target, { seed, mode })
    if (r.status === 'failed') return r
  }
  const c = await runConcurrencyProperty(target, { seed, mode })
  return c.status === 'failed' ? c : undefined
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

interface Row {
  quirk: string
  killed: number
  seeds: number
  medianMs: number
  maxMs: number
  medianRuns: number
  maxCommands: number
  caughtBy: string[]
}

async function main() {
  const rows: Row[] = []
  for (const quirk of SELECTED) {
    const times: number[] = []
    const runs: number[] = []
    const lengths: number[] = []
    const caught = new Set<string>()
    let killed = 0
    for (let i = 0; i < SEEDS; i++) {
      const target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: [quirk] } } })
      const t0 = performance.now()
      const r = await runAll(target, 1000 + i)
      times.push(performance.now() - t0)
      await target.close()
      if (!r?.failure) continue
      killed++
      runs.push(r.numRuns)
      lengths.push(r.failure.commands.length)
      caught.add(`${r.property}:${r.failure.rule}`)
    }
    rows.push({
      quirk,
      killed,
      seeds: SEEDS,
      medianMs: Math.round(median(times)),
      maxMs: Math.round(Math.max(...times)),
      medianRuns: runs.length ? median(runs) : NaN,
      maxCommands: lengths.length ? Math.max(...lengths) : NaN,
      caughtBy: [...caught],
    })
    process.stderr.write(`${quirk}: killed ${killed}/${SEEDS}\n`)
  }
  // the whole default run on the correct stub
  const target = await createTarget({ target: 'stub' })
  const rss0 = process.memoryUsage().rss
  let peak = rss0
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  const t0 = performance.now()
  const failed = await runAll(target, 1)
  const wallMs = Math.round(performance.now() - t0)
  clearInterval(timer)
  await target.close()
  const cleanRuns = []
  for (const seed of CLEAN_SEEDS) {
    const run = await conformanceRunOnStub(['--seed', seed], true)
    const r = {
      seed,
      code: run.code,
      failed: run.properties.filter((p) => p.status === 'failed').map((p) => p.id),
      wallMs: run.wallMs,
    }
    cleanRuns.push(r)
    process.stderr.write(`correct stub, whole conformance run, seed ${seed}: exit ${r.code}\n`)
  }

  const lines = [
    `Detection over ${SEEDS} seeds per quirk (default settings, first failing property stops the run)`,
    '',
    '| quirk | layer | killed | median time | max time | median runs | max shrunk cmds | caught by (property:rule) |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.quirk} | ${QUIRKS[r.quirk as keyof typeof QUIRKS].layer} | ${r.killed}/${r.seeds} | ${r.medianMs} ms | ${r.maxMs} ms | ${r.medianRuns} | ${r.maxCommands} | ${r.caughtBy.join(', ')} |`,
    ),
    '',
    `Kill score: ${rows.filter((r) => r.killed === r.seeds).length}/${rows.length} quirks killed on every seed.`,
    `Whole default run on the correct stub (${SEQUENTIAL_PROPERTIES.length} sequential properties + ${concurrencyProperty.id}): ${wallMs} ms wall, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, ${failed ? `FAILED: ${failed.property}` : 'all passed'}.`,
    `Whole \`conformance run\` (contracts included) on the correct stub, seeds ${CLEAN_SEEDS.join(', ')}: ${cleanRuns
      .map((r) => (r.code === 0 && !r.failed.length ? 'passed' : `exit ${r.code}, failed ${r.failed.join(', ')}`))
      .join('; ')} (${cleanRuns.map((r) => `${r.wallMs} ms`).join(', ')}).`,
  ]
  console.log(lines.join('\n'))
  const json = args.text('json')
  if (json) {
    mkdirSync(dirname(json), { recursive: true })
    writeFileSync(
      json,
      JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          seeds: SEEDS,
          rows,
          wholeRun: { wallMs, peakRssMiB: peak / 2 ** 20, passed: !failed },
          cleanRuns,
        },
        null,
        2,
      ),
    )
  }
  const md = args.text('md')
  if (md) {
    mkdirSync(dirname(md), { recursive: true })
    writeFileSync(md, lines.join('\n') + '\n')
  }
}

await main()
