// The cost and the detection power of checking under eventual consistency (src/harness/consistency.ts).
// 1. Calls per property, with and without staleness: each property's runs against the consistent in-process
//    stub and against the stub serving bounded staleness (window and not-found share below), both judged
//    under the default `eventual` model; calls include the re-checks (re-reads, retried writes).
// 2. With --quirks: every quirk of the catalogue, killed or not and time to kill (first failing property,
//    shrinking included, as bench/detection.ts measures it), on the plain stub and on the stale stub.
// Usage: npx tsx bench/consistency.ts [--runs 10] [--window 500ms] [--not-found 0.25] [--convergence 5s]
//        [--seeds 1] [--quirks] [--json out/bench/consistency.json]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { recordedObservations } from '../src/harness/consistency'
import type { Mode } from '../src/harness/projection'
import { QUIRK_NAMES } from '../src/model/quirks'
import { SEQUENTIAL_PROPERTIES } from '../src/properties'
import { concurrencyProperty } from '../src/properties/concurrency'
import { runConcurrencyProperty } from '../src/engine/runners/concurrent'
import { runProperty } from '../src/engine/runners/sequential'
import type { PropertyResult } from '../src/harness/property-types'
import { asDuration } from '../src/settings'
import { createTarget } from '../src/targets/create-target'
import type { Target } from '../src/targets/target'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const argv = process.argv.slice(2)
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`)
  return i < 0 ? dflt : argv[i + 1]!
}
const RUNS = Number(opt('runs', '10'))
const windowMs = asDuration({ value: opt('window', '500ms'), source: '--window' })
const notFoundRate = Number(opt('not-found', '0.25'))
const convergenceMs = asDuration({ value: opt('convergence', '5s'), source: '--convergence' })
const SEEDS = Number(opt('seeds', '1'))
const mode: Mode = { strict: false, consistency: { model: 'eventual', windowMs: convergenceMs } }

const stub = (stale: boolean, quirks: string[] = [], seed = 1) =>
  createTarget({
    target: 'stub',
    stub: { modelOptions: { quirks }, ...(stale ? { faults: { eventual: { windowMs, notFoundRate, seed } } } : {}) },
  })

interface CostRow {
  property: string
  consistent: { calls: number; ms: number; status: string }
  stale: { calls: number; rechecks: number; staleReads: number; reads: number; ms: number; status: string }
}

async function runOne(id: string, target: Target, seed: number): Promise<PropertyResult> {
  if (id === concurrencyProperty.id) return runConcurrencyProperty(target, { seed, numRuns: RUNS, mode })
  return runProperty(SEQUENTIAL_PROPERTIES.find((p) => p.id === id)!, target, { seed, numRuns: RUNS, mode })
}

async function cost(): Promise<CostRow[]> {
  const rows: CostRow[] = []
  for (const id of [...SEQUENTIAL_PROPERTIES.map((p) => p.id), concurrencyProperty.id]) {
    const plain = await stub(false)
    let t0 = performance.now()
    const a = await runOne(id, plain, 1)
    const consistent = { calls: plain.stats.calls, ms: Math.round(performance.now() - t0), status: a.status }
    await plain.close()
    const stale = await stub(true)
    t0 = performance.now()
    const b = await runOne(id, stale, 1)
    const o = recordedObservations(stale.root)
    rows.push({
      property: id,
      consistent,
      stale: {
        calls: stale.stats.calls,
        rechecks: o?.recheckCalls ?? 0,
        staleReads: o?.staleTotal ?? 0,
        reads: o?.readsTotal ?? 0,
        ms: Math.round(performance.now() - t0),
        status: b.status === 'failed' ? `failed: ${b.failure?.message.split('\n')[0]}` : b.status,
      },
    })
    await stale.close()
    process.stderr.write(`${id}: ${consistent.calls} → ${stale.stats.calls} calls\n`)
  }
  return rows
}

async function firstFailure(target: Target, seed: number): Promise<PropertyResult | undefined> {
  for (const def of SEQUENTIAL_PROPERTIES) {
    const r = await runProperty(def, target, { seed, mode })
    if (r.status === 'failed') return r
  }
  const c = await runConcurrencyProperty(target, { seed, mode })
  return c.status === 'failed' ? c : undefined
}

interface QuirkRow {
  quirk: string
  plain: { killed: number; medianMs: number; caughtBy: string[] }
  stale: { killed: number; medianMs: number; caughtBy: string[] }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function quirks(): Promise<QuirkRow[]> {
  const rows: QuirkRow[] = []
  for (const quirk of QUIRK_NAMES) {
    const row = { quirk } as QuirkRow
    for (const stale of [false, true]) {
      const times: number[] = []
      const caught = new Set<string>()
      let killed = 0
      for (let i = 0; i < SEEDS; i++) {
        const target = await stub(stale, [quirk], i + 1)
        const t0 = performance.now()
        const r = await firstFailure(target, 1000 + i)
        times.push(performance.now() - t0)
        await target.close()
        if (!r?.failure) continue
        killed++
        caught.add(
          `${r.property}:${r.failure.rule}${r.failure.message.startsWith('did not converge') ? ' (did not converge)' : ''}`,
        )
      }
      row[stale ? 'stale' : 'plain'] = { killed, medianMs: Math.round(median(times)), caughtBy: [...caught] }
    }
    rows.push(row)
    process.stderr.write(
      `${quirk}: ${row.plain.killed}/${SEEDS} in ${row.plain.medianMs} ms; stale ${row.stale.killed}/${SEEDS} in ${row.stale.medianMs} ms\n`,
    )
  }
  return rows
}

const costRows = await cost()
const lines = [
  `Calls per property (${RUNS} runs, seed 1, checker eventual W=${convergenceMs} ms): consistent stub vs stub serving ${windowMs} ms staleness, ${notFoundRate} not found on fresh views`,
  '',
  '| property | calls (consistent) | calls (stale) | of which re-checks | stale reads / reads | wall (consistent) | wall (stale) | verdict (stale) |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  ...costRows.map(
    (r) =>
      `| ${r.property} | ${r.consistent.calls} | ${r.stale.calls} | ${r.stale.rechecks} | ${r.stale.staleReads} / ${r.stale.reads} | ${r.consistent.ms} ms | ${r.stale.ms} ms | ${r.stale.status} |`,
  ),
]
let quirkRows: QuirkRow[] | undefined
if (argv.includes('--quirks')) {
  quirkRows = await quirks()
  const plainMedian = median(quirkRows.map((r) => r.plain.medianMs))
  const staleMedian = median(quirkRows.map((r) => r.stale.medianMs))
  lines.push(
    '',
    `Quirks killed (${SEEDS} seed(s) each, first failing property, shrinking included): plain stub vs stale stub`,
    '',
    '| quirk | killed (plain) | time (plain) | killed (stale) | time (stale) | caught by (stale) |',
    '|---|---:|---:|---:|---:|---|',
    ...quirkRows.map(
      (r) =>
        `| ${r.quirk} | ${r.plain.killed}/${SEEDS} | ${r.plain.medianMs} ms | ${r.stale.killed}/${SEEDS} | ${r.stale.medianMs} ms | ${r.stale.caughtBy.join(', ')} |`,
    ),
    '',
    `Median time to kill over the catalogue: ${plainMedian} ms plain, ${staleMedian} ms stale (${(staleMedian / plainMedian).toFixed(2)}×).`,
  )
}
console.log(lines.join('\n'))
const json = opt('json', '')
if (json) {
  mkdirSync(dirname(json), { recursive: true })
  writeFileSync(
    json,
    JSON.stringify(
      { measuredAt: new Date().toISOString(), windowMs, notFoundRate, convergenceMs, runs: RUNS, costRows, quirkRows },
      null,
      2,
    ),
  )
}
