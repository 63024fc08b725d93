// The shape of the quirk-yield table bench/quirk-yield.ts measures and writes into ./quirk-yield.ts, apart from
// the weighting that reads it (exploration-weight.ts), so the written table imports nothing that imports it.

export interface PropertyYieldFigures {
  /** 100 × quirks killed / calls spent, over every quirk and seed of the measurement. */
  killsPer100Calls: number
  /** Attempts (quirk × seed) that ended in a failure, of `attempts`. */
  kills: number
  attempts: number
  /** Calls spent over all attempts: until the failing sequence ended, or the whole call cap. */
  calls: number
  medianCallsToKill: number | null
  quirksKilled: readonly string[]
  /** A fixed step (the coverage plan): it runs once whatever its weight, and its yield says nothing about exploring. */
  deterministic: boolean
}

export interface QuirkYieldTable {
  measuredAt: string
  command: string
  seeds: number
  /** Calls one attempt may spend before it counts as not killed. */
  callCap: number
  quirks: number
  byProperty: Readonly<Record<string, PropertyYieldFigures>>
}
