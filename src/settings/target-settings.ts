// The target settings every target-using reader shares (run, replay, record, parity, sweep, the vitest
// property suites, scripts/verify-contracts.ts), and the TargetConfig they become.
import { UsageError } from '../exit-codes'
import { targetKindOf, type TargetConfig } from '../targets/create-target'
import type { ConsistencyConfig } from '../harness/projection'
import {
  asConsistencyModel,
  asDuration,
  asFraction,
  asInteger,
  asPositiveNumber,
  asQuirks,
  asString,
  asTarget,
} from './parsers'
import type { SettingSource } from './setting-source'

export interface TargetSettings {
  target: string
  instanceId?: string
  region?: string
  profile?: string
  quirks: string[]
  tps?: number
  burst?: number
  /** Fraction of each API's rate the run may use; absent: the target kind's default (createTarget: 0.5 on aws, else 1). */
  rateShare?: number
  /** Opt-in quota probe (R22): at most this many creating calls. */
  probeQuotas?: number
  /** How reads are judged (`--consistency`, `--convergence`): eventual with a 5 s window unless told otherwise. */
  consistency: ConsistencyConfig
}

/**
 * W defaults to 5 s: Connect documents that a change may not be visible "typically for less than a few seconds"
 * (https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html).
 */
export const DEFAULT_CONVERGENCE_MS = 5000

export function consistencySettings(src: SettingSource): ConsistencyConfig {
  return {
    model: src.parsed('consistency', asConsistencyModel) ?? 'eventual',
    windowMs: src.parsed('convergence', asDuration) ?? DEFAULT_CONVERGENCE_MS,
  }
}

export function targetSettings(src: SettingSource, defaultTarget = 'stub'): TargetSettings {
  const target = src.parsed('target', asTarget) ?? defaultTarget
  const quirks = src.parsed('quirk', asQuirks) ?? []
  if (quirks.length && targetKindOf(target) !== 'stub') {
    throw new UsageError(
      `${src.get('quirk')!.source}: quirks switch deviations on in the embedded stub only; the target is ${target}`,
    )
  }
  return {
    target,
    quirks,
    instanceId: src.parsed('instanceId', asString),
    region: src.parsed('region', asString),
    profile: src.parsed('profile', asString),
    tps: src.parsed('tps', asPositiveNumber),
    burst: src.parsed('burst', (s) => asInteger(s, 1, 100_000)),
    consistency: consistencySettings(src),
    rateShare: src.parsed('rateShare', asFraction),
    probeQuotas: src.parsed('probeQuotas', (s) => asInteger(s, 1, 100_000)),
  }
}

export function targetConfig(s: TargetSettings): TargetConfig {
  const rate =
    s.tps !== undefined || s.burst !== undefined || s.rateShare !== undefined
      ? {
          ...(s.tps !== undefined ? { tps: s.tps } : {}),
          ...(s.burst !== undefined ? { burst: s.burst } : {}),
          ...(s.rateShare !== undefined ? { share: s.rateShare } : {}),
        }
      : undefined
  return {
    target: s.target,
    region: s.region,
    instanceId: s.instanceId,
    profile: s.profile,
    rate,
    ...(s.probeQuotas !== undefined ? { probeQuotas: s.probeQuotas } : {}),
    ...(s.quirks.length ? { stub: { modelOptions: { quirks: s.quirks } } } : {}),
  }
}
