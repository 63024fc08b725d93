// Renders src/engine/quirk-yield.ts, the committed result of bench/quirk-yield.ts: plain data, one entry
// per property, with the date and the command that produced it.
export interface PropertyYield {
  property: string
  kills: number
  attempts: number
  calls: number
  killsPer100Calls: number
  quirksKilled: string[]
  medianCallsToKill: number | null
  deterministic: boolean
}

export interface YieldMeasurement {
  measuredAt: string
  command: string
  seeds: number
  callCap: number
  quirks: number
  rows: PropertyYield[]
}

/** A TypeScript string literal in the house style (single quotes). */
const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

export function renderYieldModule(m: YieldMeasurement): string {
  const entries = m.rows.map(
    (r) =>
      `    ${str(r.property)}: { killsPer100Calls: ${r.killsPer100Calls}, kills: ${r.kills}, attempts: ${r.attempts}, calls: ${r.calls}, ` +
      `medianCallsToKill: ${r.medianCallsToKill}, deterministic: ${r.deterministic}, quirksKilled: [${r.quirksKilled.map(str).join(', ')}] },`,
  )
  return [
    `// Quirk yield per property: written by \`${m.command}\` (bench/quirk-yield.ts) on ${m.measuredAt}; do not edit,`,
    '// re-run it. Per property: kills of catalogue quirks per 100 API calls against the in-process stub, over',
    `// ${m.quirks} quirks × ${m.seeds} seeds, each attempt ending at the first failure or after ${m.callCap} calls.`,
    "import type { QuirkYieldTable } from './quirk-yield-table'",
    '',
    'export const QUIRK_YIELD: QuirkYieldTable = {',
    `  measuredAt: ${str(m.measuredAt)},`,
    `  command: ${str(m.command)},`,
    `  seeds: ${m.seeds},`,
    `  callCap: ${m.callCap},`,
    `  quirks: ${m.quirks},`,
    '  byProperty: {',
    ...entries,
    '  },',
    '}',
    '',
  ].join('\n')
}
