// `conformance replay <bundle|dir>`: re-runs saved failures against a target and answers, per bundle,
// FIXED / STILL FAILING / CANNOT REPLAY (Schemathesis' `st replay`, extended to stateful sequences).
import { existsSync } from 'node:fs'
import { bundleFiles } from '../harness/replay'
import type { RegressionReport } from '../report/report-types'
import { EXIT, UsageError } from '../exit-codes'
import { ALL_PROPERTIES } from '../engine/property-registry'
import { loadBundle, replayLoaded } from '../engine/regression-replay'
import { openTarget } from '../engine/open-target'
import type { TargetSettings } from '../settings'

export async function replayCommand(
  fileOrDir: string,
  s: TargetSettings,
  out: (line: string) => void,
): Promise<number> {
  if (!existsSync(fileOrDir)) throw new UsageError(`replay: ${fileOrDir} does not exist`)
  const files = bundleFiles(fileOrDir)
  if (files.length === 0) throw new UsageError(`replay: no *.json bundles in ${fileOrDir}`)
  const target = await openTarget(s)
  const results: RegressionReport[] = []
  try {
    out(
      `replaying ${files.length} bundle${files.length === 1 ? '' : 's'} against ${target.label}${s.quirks.length ? ` +${s.quirks.join(' +')}` : ''}`,
    )
    for (const file of files) {
      const r = await replayLoaded(loadBundle(file), target, ALL_PROPERTIES, s.consistency)
      results.push(r)
      out(`${r.verdict.padEnd(14)}${file}  (${r.property}${r.rule ? `, ${r.rule}` : ''}): ${r.detail.split('\n')[0]}`)
    }
  } finally {
    await target.close()
  }
  const count = (v: RegressionReport['verdict']) => results.filter((r) => r.verdict === v).length
  out(
    `${results.length} bundle${results.length === 1 ? '' : 's'}: ${count('FIXED')} FIXED, ${count('STILL FAILING')} STILL FAILING, ${count('CANNOT REPLAY')} CANNOT REPLAY`,
  )
  return count('STILL FAILING') > 0 ? EXIT.failures : EXIT.ok
}
