// The settings of the vitest property suites (`npm test -- properties`): the same environment variables,
// with the same meanings, as `conformance run` (CONFORMANCE_TARGET, CONFORMANCE_STRICT, CONFORMANCE_TPS, …;
// a config file through CONFORMANCE_CONFIG), plus CONFORMANCE_SEEDS, the seeds each suite runs.
import type { TargetConfig } from '../targets/create-target'
import { asBoolean, asList, asSeed } from './parsers'
import { envSource } from './setting-source'
import { targetConfig, targetSettings } from './target-settings'

export interface SuiteSettings {
  target: TargetConfig
  /** The mode every property runs in: strict also asserts inferred rules. */
  mode: { strict: boolean }
  seeds: number[]
}

export const DEFAULT_SUITE_SEEDS: readonly number[] = [1, 2, 3]

export function suiteSettings(env: NodeJS.ProcessEnv = process.env): SuiteSettings {
  const src = envSource(env)
  return {
    target: targetConfig(targetSettings(src)),
    mode: { strict: src.parsed('strict', asBoolean) ?? false },
    seeds: src.parsed('seeds', (s) => asList(s).map((value) => asSeed({ value, source: s.source }))) ?? [
      ...DEFAULT_SUITE_SEEDS,
    ],
  }
}
