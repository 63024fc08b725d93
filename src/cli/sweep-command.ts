// `conformance sweep`: lists and removes views earlier runs left on a live target (src/targets/sweep.ts).
import { sweepLeftovers, type SweepOptions } from '../targets/sweep'
import { targetKindOf } from '../targets/create-target'
import { RUN_TAG_KEY } from '../targets/run-identity'
import { EXIT, UsageError } from '../exit-codes'
import { openTarget } from '../engine/open-target'
import type { TargetSettings } from '../settings'

export async function sweepCommand(
  s: TargetSettings,
  opts: Pick<SweepOptions, 'dryRun' | 'minAgeMs' | 'runId'>,
  out: (line: string) => void,
): Promise<number> {
  if (targetKindOf(s.target) === 'stub')
    throw new UsageError('sweep: the embedded stub starts empty every time; give --target aws or an endpoint URL')
  const target = await openTarget(s)
  try {
    out(
      `sweeping ${target.label}, instance ${target.instanceId}: views named cvc-* with a ${RUN_TAG_KEY} tag${opts.dryRun ? ' (dry run)' : ''}`,
    )
    const r = await sweepLeftovers(target, {
      ...opts,
      onView: (v, action, why) =>
        out(`  ${action.padEnd(13)}${v.name}  (id ${v.id}, run ${v.runId})${why ? `: ${why}` : ''}`),
    })
    for (const v of r.prefixWithoutTag)
      out(`  left alone   ${v.name}  (id ${v.id}): has the cvc- prefix but no ${RUN_TAG_KEY} tag`)
    out(
      `${r.scanned} customer views scanned: ${r.removed.length} ${opts.dryRun ? 'would be removed' : 'removed'}, ${r.kept.length} kept, ` +
        `${r.failed.length} failed, ${r.prefixWithoutTag.length} untagged with the prefix left alone`,
    )
    return r.failed.length ? EXIT.failures : EXIT.ok
  } finally {
    // The sweep created nothing, so close() has nothing of its own to clean up.
    await target.close()
  }
}
