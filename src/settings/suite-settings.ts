// The settings of the vitest property suites (`npm test -- properties`): the same environment variables,
// with the same meanings, as `conformance run` (CONFORMANCE_TARGET, CONFORMANCE_STRICT, CONFORMANCE_TPS, …;
// a config file through CONFORMANCE_CONFIG), plus CONFORMANCE_SEEDS, the seeds each suite runs.
import type { ConsistencyConfig } from '../harness/projection'
import type { TargetConfig } from '../targets/create-target'
import { asBoolean, asList, asSeed } from './parsers'
import { envSource } from './setting-source'
import { targetConfig, targetSettings } from './target-settings'

export interface SuiteSettings {
  target: TargetConfig
  /** The mode every property runs in: strict also asserts inferred rules; reads judged under the consistency model. */
  mode: { strict: boolean; consistency: ConsistencyConfig }
  seeds: number[]
}

// one seed: the suites are a deterministic slice; many seeds on the correct stub are bench/no-false-positives.ts
export const DEFAULT_SUITE_SEEDS: readonly number[] = [1]

export function suiteSettings(env: NodeJS.ProcessEnv = process.env): SuiteSettings {
  const src = envSource(env)
  const target = targetSettings(src)
  return {
    target: targetConfig(target),
    mode: { strict: src.parsed('strict', asBoolean) ?? false, consistency: target.consistency },
    seeds: src.parsed('seeds', (s) => asList(s).map((value) => asSeed({ value, source: s.source }))) ?? [
      ...DEFAULT_SUITE_SEEDS,
    ],
  }
}
