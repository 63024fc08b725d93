// The target settings every target-using reader shares (run, replay, record, parity, sweep, the vitest
// property suites, scripts/verify-contracts.ts), and the TargetConfig they become.
import { UsageError } from '../exit-codes'
import { targetKindOf, type TargetConfig } from '../targets/create-target'
import { asInteger, asPositiveNumber, asQuirks, asString, asTarget } from './parsers'
import type { SettingSource } from './setting-source'

export interface TargetSettings {
  target: string
  instanceId?: string
  region?: string
  profile?: string
  quirks: string[]
  tps?: number
  burst?: number
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
  }
}

export function targetConfig(s: TargetSettings): TargetConfig {
  const rate =
    s.tps !== undefined || s.burst !== undefined
      ? { ...(s.tps !== undefined ? { tps: s.tps } : {}), ...(s.burst !== undefined ? { burst: s.burst } : {}) }
      : undefined
  return {
    target: s.target,
    region: s.region,
    instanceId: s.instanceId,
    profile: s.profile,
    rate,
    ...(s.quirks.length ? { stub: { modelOptions: { quirks: s.quirks } } } : {}),
  }
}
