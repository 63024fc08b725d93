// The precision sweep (a correct target must never fail): the complete default-mode run — committed regressions, every
// property, the Pact contracts — over HTTP against our own stub server serving some legal set of answers
// to the questions AWS leaves open (src/choices/catalogue.ts). Every such stub is a correct implementation, so
// every failure the run reports is a false positive. Used by test/precision (fast slice) and
// bench/precision.ts (the full sweep).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { settingSource } from '../../src/settings'
import { runWithStandardHandlers } from '../../src/presentation/standard-handlers'
import { runSettings } from '../../src/engine/run-settings'
import type { ConformanceReport } from '../../src/report/report-types'
import { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName, type Choices } from '../../src/choices/catalogue'
import { startStubServer } from '../../src/stub'

export type ChoiceSet = Partial<Record<ChoiceName, string>>

const NAMES = Object.keys(CHOICE_OPTIONS) as ChoiceName[]

/** (a) Each non-default value of each choice, the others at their defaults. */
export function oneAtATime(): ChoiceSet[] {
  return NAMES.flatMap((name) =>
    (CHOICE_OPTIONS[name] as readonly string[]).filter((v) => v !== DEFAULT_CHOICES[name]).map((v) => ({ [name]: v })),
  )
}

/**
 * (b) Full combinations that together cover every pair of values of every two choices (a pairwise
 * covering set, built greedily from seeded random candidates), padded with seeded random ones to `min`.
 */
export function pairwiseCombinations(seed: number, min = 30): Choices[] {
  const uncovered = new Set<string>()
  const key = (a: ChoiceName, x: string, b: ChoiceName, y: string) => `${a}=${x}|${b}=${y}`
  for (const [i, a] of NAMES.entries()) {
    for (const b of NAMES.slice(i + 1)) {
      for (const x of CHOICE_OPTIONS[a]) for (const y of CHOICE_OPTIONS[b]) uncovered.add(key(a, x, b, y))
    }
  }
  const covers = (c: Choices) => {
    let n = 0
    for (const [i, a] of NAMES.entries())
      for (const b of NAMES.slice(i + 1)) if (uncovered.has(key(a, c[a], b, c[b]))) n++
    return n
  }
  const random = fc.record(
    Object.fromEntries(NAMES.map((n) => [n, fc.constantFrom(...CHOICE_OPTIONS[n])])) as {
      [K in ChoiceName]: fc.Arbitrary<string>
    },
  )
  const candidates = fc.sample(random, { seed, numRuns: 4000 }) as unknown as Choices[]
  const out: Choices[] = []
  let next = 0
  while (uncovered.size > 0 && next < candidates.length) {
    // best of the next 50 candidates: cheap, and still a small covering set
    let best = candidates[next]!
    let bestN = -1
    for (const c of candidates.slice(next, next + 50)) {
      const n = covers(c)
      if (n > bestN) [best, bestN] = [c, n]
    }
    next += 50
    if (bestN <= 0) continue
    for (const [i, a] of NAMES.entries())
      for (const b of NAMES.slice(i + 1)) uncovered.delete(key(a, best[a], b, best[b]))
    out.push(best)
  }
  for (const c of candidates.slice(next)) {
    if (out.length >= min) break
    out.push(c)
  }
  return out
}

export interface SweepCase {
  label: string
  choices: ChoiceSet
  seed: number
  /** fast-check runs per property. */
  runs: number
  /** Properties to run (default: all, contracts included). */
  only?: string[]
  /** The consistency window W (`--convergence`, default the run's 5 s). */
  convergence?: string
}

/**
 * Pact interactions that fail under a choice value for a reason the documentation gives, counted apart as
 * `pinnedContractFailures` (true positives, not false ones). Only one is left since the interactions stopped
 * pinning open values (qualified or bare ids, ApproximateTotalCount, the name-clash error class): with
 * sha256Pattern=model-literal the stub enforces the service model's one-character ViewContentSha256 pattern,
 * so a real 64-character checksum is refused — which documented R12 (a checksum equal to $LATEST's is
 * accepted) rules out. The value stays servable, to emulate a service that has that model bug.
 */
export const CONTRACT_PINS: readonly { choice: ChoiceName; value: string; interaction: string }[] = [
  {
    choice: 'sha256Pattern',
    value: 'model-literal',
    interaction: 'CreateViewVersion: a changed $LATEST with the current checksum',
  },
]

function pinnedBy(choices: ChoiceSet, interaction: string): boolean {
  return CONTRACT_PINS.some((p) => choices[p.choice] === p.value && interaction.startsWith(p.interaction))
}

export interface CaseVerdict {
  label: string
  seed: number
  exitCode: number
  /** Failed properties, interactions and regressions: each a false positive (the stub is correct). */
  failures: string[]
  /** Failed Pact interactions that pin a value this stub's choices answer otherwise (CONTRACT_PINS). */
  pinnedContractFailures: string[]
  /** Verdicts the run reached (properties + interactions + regressions). */
  verdicts: number
  durationMs: number
}

const silent = { write: () => true, isTTY: false } as never

/** One `conformance run` in-process against a fresh stub server serving `choices`; failures from report.json. */
export async function runCase(c: SweepCase): Promise<CaseVerdict> {
  const started = Date.now()
  const out = mkdtempSync(join(tmpdir(), 'cvc-precision-'))
  const server = await startStubServer({ coreOptions: { modelOptions: { choices: c.choices } } })
  try {
    const settings = runSettings(
      settingSource(
        {
          target: server.url,
          seed: c.seed,
          runs: c.runs,
          report: 'json',
          out,
          tps: 100_000,
          burst: 100_000,
          ...(c.only ? { only: c.only } : {}),
          ...(c.convergence ? { convergence: c.convergence } : {}),
        },
        {},
      ),
    )
    const warnings: string[] = []
    const exitCode = await runWithStandardHandlers(settings, { stdout: silent, warn: (l) => warnings.push(l) })
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport
    const failures: string[] = []
    const pinnedContractFailures: string[] = []
    let verdicts = 0
    for (const t of report.targets) {
      for (const p of t.properties) {
        verdicts += p.interactions?.length ?? 1
        for (const i of p.interactions ?? []) {
          if (i.status !== 'failed') continue
          const line = `contracts: ${i.interaction}: ${(i.mismatch ?? '').split('\n').slice(0, 6).join(' / ')}`
          ;(pinnedBy(c.choices, i.interaction) ? pinnedContractFailures : failures).push(line)
        }
        if (p.status === 'failed' && !p.interactions?.some((i) => i.status === 'failed')) {
          failures.push(
            `${p.id}: ${p.failure?.rule} ${p.failure?.message.split('\n').slice(0, 12).join('\n    ')}\n    commands: ${p.failure?.counterexample.join(' | ')}`,
          )
        }
      }
      for (const r of t.regressions) {
        verdicts++
        if (r.verdict !== 'FIXED')
          failures.push(`regression ${r.file}: ${r.verdict} ${r.detail.split('\n').slice(0, 6).join(' / ')}`)
      }
    }
    if (exitCode !== 0 && failures.length === 0 && pinnedContractFailures.length === 0)
      failures.push(`exit ${exitCode}: ${warnings.join(' / ')}`)
    return {
      label: c.label,
      seed: c.seed,
      exitCode,
      failures,
      pinnedContractFailures,
      verdicts,
      durationMs: Date.now() - started,
    }
  } finally {
    await server.close()
    rmSync(out, { recursive: true, force: true })
  }
}

export function describeChoices(c: ChoiceSet): string {
  const diff = Object.entries(c).filter(([k, v]) => DEFAULT_CHOICES[k as ChoiceName] !== v)
  return diff.length === 0 ? 'defaults' : diff.map(([k, v]) => `${k}=${v}`).join(' ')
}
