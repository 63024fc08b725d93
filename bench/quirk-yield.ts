// Quirk yield (to spend a rationed budget where it finds most): which properties catch the most catalogue quirks per API call. For every
// property a run explores (coverage plan, the sequential properties, concurrency) and every quirk of
// src/model/quirks.ts, over several seeds, the property runs against the in-process stub with that quirk
// until it fails or has spent a live-sized call budget (--cap calls; the in-process stub counts the same
// calls a live target would answer). Per property it records the quirks killed and the calls spent until
// each kill (the failing sequence's calls, shrinking excluded) or until the budget ran out; the yield is
//   kills per 100 calls = 100 × kills / calls spent, over every quirk and seed,
// the rate at which calls spent on that property kill a quirk drawn from the catalogue. The clean stub is
// run the same way: a failure there is a false positive and is reported (the table is then not written).
// Writes src/engine/quirk-yield.ts (the data explorationWeight reads) and prints the Markdown table that
// goes into bench/RESULTS.md.
// Usage: npm run bench:quirk-yield -- [--seeds 3] [--cap 150] [--md out/bench/quirk-yield.md] [--no-write]
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ALL_PROPERTIES, type PropertyStrategy } from '../src/engine/property-registry'
import type { PropertyResult } from '../src/harness/property-types'
import { QUIRK_NAMES, type QuirkName } from '../src/model/quirks'
import { createTarget } from '../src/targets/create-target'
import type { Target } from '../src/targets/target'
import { benchArgs } from './support/bench-args'
import { renderYieldModule, type PropertyYield } from './support/yield-module'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['seeds', 'cap', 'md'], ['no-write'])
const SEEDS = args.int('seeds', 3)
const CAP = args.int('cap', 150)
const MODULE = 'src/engine/quirk-yield.ts'
const mode = { strict: false }
/** Measured: everything a run explores with random or planned sequences (contracts are a fixed verification). */
const MEASURED = ALL_PROPERTIES.filter((p) => p.id !== 'contracts')

/** Thrown into the property once the call budget is spent: it ends the run as a (discarded) harness failure. */
class BudgetSpent extends Error {}

interface Attempt {
  killed: boolean
  /** Calls spent: until the end of the failing sequence, or the whole budget. */
  calls: number
  rule?: string
}

/**
 * One property against one stub until it fails or spends `cap` calls. The runners report no per-sequence
 * events, so the target is watched instead: every sequence starts with resetBetweenRuns, and fast-check
 * reports how many runs it made up to the failing one (numRuns); the reset after that one starts the
 * shrinking, whose calls a run spends on the report, not on finding the quirk.
 */
async function attempt(prop: PropertyStrategy, target: Target, seed: number, cap: number): Promise<Attempt> {
  const callsAtReset: number[] = []
  let spentAtSequence: number | undefined
  const reset = target.resetBetweenRuns.bind(target)
  const send = target.send.bind(target)
  target.resetBetweenRuns = async () => {
    callsAtReset.push(target.stats.calls)
    await reset()
  }
  // every argument passes through: the plan's malformed requests (R44) carry their corruption in the options
  target.send = async (...args: Parameters<Target['send']>) => {
    if (target.stats.calls >= cap) {
      spentAtSequence ??= callsAtReset.length
      throw new BudgetSpent(`call budget of ${cap} spent`)
    }
    return send(...args)
  }
  // with a budget the run count is unbounded, as under --time-budget; the plan ignores it (one fixed sequence)
  let r: PropertyResult
  try {
    r = await prop.run(target, { seed, numRuns: 1_000_000, mode })
  } catch (e) {
    // the coverage plan runs one sequence outside fast-check: the budget's error reaches here
    if (e instanceof BudgetSpent) return { killed: false, calls: cap }
    throw e
  }
  const failedAt = r.status === 'failed' ? Math.max(1, r.numRuns) : undefined
  // the budget ran out before the failing sequence ended: what failed was the budget, not the target
  if (failedAt === undefined || (spentAtSequence !== undefined && spentAtSequence <= failedAt))
    return { killed: false, calls: Math.min(cap, target.stats.calls) }
  return { killed: true, calls: callsAtReset[failedAt] ?? target.stats.calls, rule: r.failure?.rule }
}

async function measure(prop: PropertyStrategy, quirk: QuirkName | undefined, seed: number): Promise<Attempt> {
  const target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: quirk ? [quirk] : [] } } })
  try {
    return await attempt(prop, target, seed, CAP)
  } finally {
    await target.close()
  }
}

const seedOf = (i: number) => 2000 + i

async function main() {
  const rows: PropertyYield[] = []
  const falsePositives: string[] = []
  for (const prop of MEASURED) {
    const started = performance.now()
    let kills = 0
    let calls = 0
    const killedQuirks = new Set<string>()
    const callsToKill: number[] = []
    for (let i = 0; i < SEEDS; i++) {
      const clean = await measure(prop, undefined, seedOf(i))
      if (clean.killed) falsePositives.push(`${prop.id} seed ${seedOf(i)}: ${clean.rule}`)
      for (const quirk of QUIRK_NAMES) {
        const a = await measure(prop, quirk, seedOf(i))
        calls += a.calls
        if (!a.killed) continue
        kills++
        killedQuirks.add(quirk)
        callsToKill.push(a.calls)
      }
    }
    const sorted = [...callsToKill].sort((a, b) => a - b)
    rows.push({
      property: prop.id,
      kills,
      attempts: SEEDS * QUIRK_NAMES.length,
      calls,
      killsPer100Calls: calls ? Math.round((10_000 * kills) / calls) / 100 : 0,
      quirksKilled: [...killedQuirks].sort(),
      medianCallsToKill: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null,
      // a fixed plan (re-running it reproduces it): one pass per attempt, whatever the budget
      deterministic: prop.rerunReplays === true,
    })
    process.stderr.write(
      `${prop.id}: ${kills} kills in ${calls} calls (${Math.round(performance.now() - started)} ms)\n`,
    )
  }
  const command = `npm run bench:quirk-yield -- --seeds ${SEEDS} --cap ${CAP}`
  const measuredAt = new Date().toISOString().slice(0, 10)
  const lines = [
    `Quirk yield over ${QUIRK_NAMES.length} quirks × ${SEEDS} seeds per property, in-process stub, default mode, budget ${CAP} calls per attempt (\`${command}\`, ${measuredAt})`,
    '',
    '| property | kills per 100 calls | kills / attempts | calls spent | median calls to kill | quirks killed |',
    '|---|---:|---:|---:|---:|---|',
    ...[...rows]
      .sort((a, b) => b.killsPer100Calls - a.killsPer100Calls)
      .map(
        (r) =>
          `| ${r.property} | ${r.killsPer100Calls.toFixed(2)} | ${r.kills}/${r.attempts} | ${r.calls} | ${r.medianCallsToKill ?? '–'} | ${r.quirksKilled.length}: ${r.quirksKilled.join(', ') || '–'} |`,
      ),
    '',
    `False positives on the clean stub: ${falsePositives.length ? falsePositives.join('; ') : 'none'} (${MEASURED.length} properties × ${SEEDS} seeds).`,
  ]
  console.log(lines.join('\n'))
  const md = args.text('md')
  if (md) {
    mkdirSync(dirname(md), { recursive: true })
    writeFileSync(md, lines.join('\n') + '\n')
  }
  if (falsePositives.length) {
    process.stderr.write(`not writing ${MODULE}: the clean stub failed, so these figures measure a harness bug\n`)
    process.exitCode = 1
    return
  }
  if (!args.has('no-write')) {
    writeFileSync(
      MODULE,
      renderYieldModule({ measuredAt, command, seeds: SEEDS, callCap: CAP, quirks: QUIRK_NAMES.length, rows }),
    )
    // in the house style, so that `npm test` (biome check) accepts the module as written
    spawnSync('npx', ['--no-install', 'biome', 'format', '--write', MODULE], { stdio: 'ignore' })
    process.stderr.write(`wrote ${MODULE}\n`)
  }
}

await main()
