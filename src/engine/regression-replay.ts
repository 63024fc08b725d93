// Replays one bundle file against a target: sequential properties re-run the bundle's command list with
// the property's checks (replayBundle); the concurrency property re-runs its fast-check seed and path,
// because its counterexample is rounds of parallel calls, not a command list.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { SEQUENTIAL_PROPERTIES } from '../properties'
import { bundleFiles, bundleMode, readBundle, replayBundle, type ReplayBundle } from '../harness/replay'
import type { RegressionReport } from '../report/report-types'
import type { ConsistencyConfig } from '../harness/projection'
import type { Target } from '../targets/target'
import { ALL_PROPERTIES, type PropertyStrategy } from './property-registry'
import type { RunSettings } from './run-settings'

export type LoadedBundle = { file: string; bundle: ReplayBundle } | { file: string; error: string }

export function loadBundle(file: string): LoadedBundle {
  try {
    return { file, bundle: readBundle(file) }
  } catch (e) {
    return { file, error: (e as Error).message }
  }
}

export async function replayLoaded(
  loaded: LoadedBundle,
  target: Target,
  properties: readonly PropertyStrategy[] = ALL_PROPERTIES,
  /** How reads are judged when the bundle does not say (bundles written before consistency models existed). */
  consistency?: ConsistencyConfig,
): Promise<RegressionReport> {
  if ('error' in loaded)
    return {
      file: loaded.file,
      property: basename(loaded.file, '.json'),
      verdict: 'CANNOT REPLAY',
      detail: loaded.error,
    }
  const { file, bundle } = loaded
  const base = { file, property: bundle.property, rule: bundle.rule }
  const prop = properties.find((p) => p.id === bundle.property)
  if (!prop)
    return {
      ...base,
      verdict: 'CANNOT REPLAY',
      detail: `unknown property ${bundle.property} (known: ${properties.map((p) => p.id).join(', ')})`,
    }
  if (prop.sequential) {
    const r = await replayBundle(bundle, target, SEQUENTIAL_PROPERTIES, bundleMode(bundle, consistency))
    return { ...base, verdict: r.verdict, detail: r.detail }
  }
  if (!bundle.path && !prop.rerunReplays)
    return {
      ...base,
      verdict: 'CANNOT REPLAY',
      detail: `${bundle.property} bundles replay by seed and path, and this one has no path`,
    }
  try {
    const r = await prop.run(target, {
      seed: bundle.seed,
      ...(bundle.path ? { path: bundle.path } : {}),
      mode: bundleMode(bundle, consistency),
    })
    // a replay that could not reach the target (missing operations, budget) is no verdict either way
    if (r.status === 'inconclusive') return { ...base, verdict: 'CANNOT REPLAY', detail: r.note ?? 'inconclusive' }
    if (r.status === 'passed')
      return {
        ...base,
        verdict: 'FIXED',
        detail: `seed ${bundle.seed}${bundle.path ? ` path ${bundle.path}` : ''} ran, no check failed`,
      }
    return { ...base, verdict: 'STILL FAILING', detail: `${r.failure?.rule}: ${r.failure?.message.split('\n')[0]}` }
  } catch (e) {
    return { ...base, verdict: 'CANNOT REPLAY', detail: (e as Error).message }
  }
}

/**
 * The run's first step after the probe: every bundle under `--regressions` that belongs to the selected
 * properties, replayed in file order. Unreadable bundles and bundles of unknown properties belong to no
 * shard; the first shard reports them. An interrupt ends it (a replay cut short is not a verdict).
 */
export async function replayCommittedRegressions(
  s: Pick<RunSettings, 'regressions' | 'shard'> & Partial<Pick<RunSettings, 'consistency'>>,
  selected: readonly PropertyStrategy[],
  target: Target,
  interrupted: () => boolean,
  onVerdict: (r: RegressionReport) => void,
): Promise<void> {
  if (!existsSync(s.regressions)) return
  const chosen = new Set(selected.map((p) => p.id))
  const known = new Set(ALL_PROPERTIES.map((p) => p.id))
  const ownsOrphans = !s.shard || s.shard.index === 1
  for (const file of bundleFiles(s.regressions)) {
    if (interrupted()) break
    const loaded = loadBundle(file)
    const property = 'bundle' in loaded ? loaded.bundle.property : undefined
    const skip = property !== undefined && known.has(property) ? !chosen.has(property) : !ownsOrphans
    if (skip) continue
    const regression = await replayLoaded(loaded, target, ALL_PROPERTIES, s.consistency)
    if (interrupted()) break
    onVerdict(regression)
  }
}
