// Opening the target of a run, replay or sweep (its settings are parsed in src/settings/): a not-configured live target is a
// configuration error (exit 2), one that does not answer a cheap probe is unreachable (exit 3).
import { UnreachableError, UsageError } from '../exit-codes'
import { targetConfig, type TargetSettings } from '../settings'
import { callOperation } from '../targets/sdk-call'
import { createTarget, TargetUnavailable } from '../targets/create-target'
import type { Target } from '../targets/target'

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
  // paced like every call: the limiter's model must know this token is spent
  await target.pace('ListViews')
  const o = await callOperation(target.client, 'ListViews', { InstanceId: target.instanceId, MaxResults: 1 })
  target.paced('ListViews', !o.ok && o.error.status === 429)
  if (o.ok) return
  const where = target.label
  if (o.unknown) throw new UnreachableError(`${where} is unreachable: ${o.error.message.split('\n')[0]}`)
  if (o.error.name === 'ResourceNotFoundException')
    throw new UsageError(
      `${where}: instance ${target.instanceId} not found (ListViews answered ResourceNotFoundException); check --instance-id`,
    )
  if (o.error.status === 401 || o.error.status === 403) {
    throw new UsageError(
      `${where}: ListViews was refused (${o.error.name}: ${o.error.message.split('\n')[0]}); check the credentials and their permissions`,
    )
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
