// The target settings every target-using reader shares (run, replay, record, parity, sweep, the vitest
// property suites, scripts/verify-contracts.ts), and the TargetConfig they become.
import { UsageError } from '../exit-codes'
import { targetKindOf, type TargetConfig } from '../targets/create-target'
import { asFraction, asInteger, asPositiveNumber, asQuirks, asString, asTarget } from './parsers'
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
