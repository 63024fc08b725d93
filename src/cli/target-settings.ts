// Target settings shared by run, replay and sweep, and opening a target: a not-configured live target is a
// configuration error (exit 2), one that does not answer a cheap probe is unreachable (exit 3).
import { callOperation } from '../targets/sdk-call'
import { createTarget, TargetUnavailable, targetKindOf, type TargetConfig } from '../targets/create-target'
import type { Target } from '../targets/target'
import { asInteger, asPositiveNumber, asQuirks, asString, asTarget, type SettingSource } from './config'
import { UnreachableError, UsageError } from './exit-codes'

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
  const get = (name: string) => src.get(name)
  const target = get('target') ? asTarget(get('target')!) : defaultTarget
  const quirkSetting = get('quirk')
  const quirks = quirkSetting ? asQuirks(quirkSetting) : []
  if (quirks.length && targetKindOf(target) !== 'stub') {
    throw new UsageError(`${quirkSetting!.source}: quirks switch deviations on in the embedded stub only; the target is ${target}`)
  }
  const opt = (name: string) => (get(name) ? asString(get(name)!) : undefined)
  return {
    target, quirks,
    instanceId: opt('instanceId'), region: opt('region'), profile: opt('profile'),
    tps: get('tps') ? asPositiveNumber(get('tps')!) : undefined,
    burst: get('burst') ? asInteger(get('burst')!, 1, 100_000) : undefined,
  }
}

export function targetConfig(s: TargetSettings): TargetConfig {
  const rate = s.tps !== undefined || s.burst !== undefined
    ? { ...(s.tps !== undefined ? { tps: s.tps } : {}), ...(s.burst !== undefined ? { burst: s.burst } : {}) }
    : undefined
  return {
    target: s.target, region: s.region, instanceId: s.instanceId, profile: s.profile, rate,
    ...(s.quirks.length ? { stub: { modelOptions: { quirks: s.quirks } } } : {}),
  }
}

/** The target's name as typed on a command line (for reproduce lines). */
export function targetArgs(s: TargetSettings): string {
  const parts = [`--target ${s.target}`]
  if (s.instanceId && s.target !== 'stub') parts.push(`--instance-id ${s.instanceId}`)
  if (s.region && s.target !== 'stub') parts.push(`--region ${s.region}`)
  if (s.quirks.length) parts.push(`--quirk ${s.quirks.join(' ')}`)
  return parts.join(' ')
}

/**
 * A cheap ListViews before anything else: no answer at all means unreachable (3); an answer that says the
 * instance or the credentials are wrong is a configuration error (2). Any other answer, even a 5xx, lets the
 * run go on: that is the target's behaviour, and the properties will report it.
 */
export async function probeTarget(target: Target): Promise<void> {
  const o = await callOperation(target.client, 'ListViews', { InstanceId: target.instanceId, MaxResults: 1 })
  if (o.ok) return
  const where = target.label
  if (o.unknown) throw new UnreachableError(`${where} is unreachable: ${o.error.message.split('\n')[0]}`)
  if (o.error.name === 'ResourceNotFoundException') throw new UsageError(`${where}: instance ${target.instanceId} not found (ListViews answered ResourceNotFoundException); check --instance-id`)
  if (o.error.status === 401 || o.error.status === 403) {
    throw new UsageError(`${where}: ListViews was refused (${o.error.name}: ${o.error.message.split('\n')[0]}); check the credentials and their permissions`)
  }
}

/** Builds and probes the target; the caller closes it. */
export async function openTarget(s: TargetSettings): Promise<Target> {
  let target: Target
  try {
    target = await createTarget(targetConfig(s))
  } catch (e) {
    if (e instanceof TargetUnavailable && e.reason === 'unreachable') throw new UnreachableError(e.message)
    throw new UsageError((e as Error).message.split('\n')[0])
  }
  if (target.kind === 'stub') return target
  try {
    await probeTarget(target)
  } catch (e) {
    await target.close().catch(() => undefined)
    throw e
  }
  return target
}
