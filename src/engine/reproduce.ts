// The one builder of the command lines that re-run a failure (printed in the summary, the reports and every
// replay bundle): the target exactly as the run had it (URL or kind, instance, region, quirks), the mode and
// choices profile, the property, and the seed with fast-check's path of the shrunk counterexample (one run,
// straight to it) or, without a path, as many runs as it took to fail (the same runs, the same shrink).
import { targetArgs } from './open-target'
import { CLI_COMMAND } from '../package-files'
import type { PropertyResult } from '../harness/property-types'
import type { PropertyStrategy } from './property-registry'
import type { RunSettings } from './run-settings'

export function reproduceLine(
  s: RunSettings,
  prop: Pick<PropertyStrategy, 'id' | 'replaysPath'>,
  r: Pick<PropertyResult, 'seed' | 'path' | 'numRuns'>,
): string {
  const budget = prop.replaysPath && r.path ? ` --path ${r.path}` : ` --runs ${Math.max(1, r.numRuns)}`
  return `${CLI_COMMAND} run ${targetArgs(s)} --only ${prop.id} --seed ${r.seed}${budget}${s.strict ? ' --strict' : ''}${s.choicesProfile ? ` --choices-profile ${s.choicesProfile}` : ''}`
}

/** The command that replays a bundle against the run's target. */
export function replayLine(s: RunSettings, bundleFile: string): string {
  return `${CLI_COMMAND} replay ${bundleFile} ${targetArgs(s)}`
}
