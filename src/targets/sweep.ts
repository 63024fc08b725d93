// The janitor: removes views earlier runs left behind on a live target (a crashed or killed run cannot
// clean up after itself, and views count against the instance's quota). A view goes only if BOTH marks of
// the harness are on it: the name prefix "cvc-" and the run tag; anything else is never touched.
import { NAME_PREFIX_ROOT, RUN_TAG_KEY } from './run-identity'
import type { Target } from './target'

export interface SweepOptions {
  /** List what would go, delete nothing. */
  dryRun?: boolean
  /** Leave views of runs younger than this alone: they may belong to a run still going elsewhere. Default 0. */
  minAgeMs?: number
  /** Only views of this run id. */
  runId?: string
  now?: () => number
  /** Told about each view as it is decided (for live output). */
  onView?: (v: SweptView, action: 'removed' | 'would remove' | 'kept' | 'failed', why?: string) => void
}

export interface SweptView {
  id: string
  arn: string
  name: string
  /** Value of the run tag. */
  runId: string
}

export interface SweepResult {
  /** Customer-managed views listed. */
  scanned: number
  /** Views carrying both marks (removed, or listed in a dry run). */
  removed: SweptView[]
  kept: (SweptView & { reason: string })[]
  failed: (SweptView & { error: string })[]
  /** Views with the name prefix but no run tag: not ours to delete, reported so a human can look. */
  prefixWithoutTag: { id: string; name: string }[]
}

export const SWEEP_NAME_PREFIX = `${NAME_PREFIX_ROOT}-`

/** Run ids start with Date.now() in base 36 followed by 6 hex digits (run-identity.ts); undefined if not. */
export function runStartedAt(runId: string): number | undefined {
  const m = /^([0-9a-z]+)[0-9a-f]{6}$/.exec(runId)
  if (!m) return undefined
  const t = parseInt(m[1]!, 36)
  // plausibility: between 2020 and 2100, so an arbitrary tag value is not read as a date
  return t > 1_577_836_800_000 && t < 4_102_444_800_000 ? t : undefined
}

interface Summary {
  Id?: string
  Arn?: string
  Name?: string
}

async function listCustomerViews(target: Target): Promise<Summary[]> {
  const out: Summary[] = []
  let token: string | undefined
  for (let page = 0; page < 10_000; page++) {
    const o = await target.send('ListViews', {
      InstanceId: target.instanceId,
      Type: 'CUSTOMER_MANAGED',
      MaxResults: 100,
      ...(token ? { NextToken: token } : {}),
    })
    if (!o.ok) throw new Error(`ListViews failed: ${o.error.name}: ${o.error.message}`)
    out.push(...((o.output.ViewsSummaryList ?? []) as Summary[]))
    token = o.output.NextToken as string | undefined
    if (!token) return out
  }
  throw new Error('ListViews did not finish after 10000 pages')
}

export async function sweepLeftovers(target: Target, opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? Date.now
  const minAge = opts.minAgeMs ?? 0
  const views = await listCustomerViews(target)
  const result: SweepResult = { scanned: views.length, removed: [], kept: [], failed: [], prefixWithoutTag: [] }
  for (const s of views) {
    if (!s.Id || !s.Arn || !s.Name?.startsWith(SWEEP_NAME_PREFIX)) continue
    const tags = await target.send('ListTagsForResource', { resourceArn: s.Arn })
    if (!tags.ok) {
      if (tags.error.name === 'ResourceNotFoundException') continue // deleted meanwhile
      const v = { id: s.Id, arn: s.Arn, name: s.Name, runId: '?' }
      result.failed.push({ ...v, error: `ListTagsForResource: ${tags.error.name}: ${tags.error.message}` })
      opts.onView?.(v, 'failed', tags.error.name)
      continue
    }
    const runId = ((tags.output.tags ?? {}) as Record<string, string>)[RUN_TAG_KEY]
    if (runId === undefined) {
      result.prefixWithoutTag.push({ id: s.Id, name: s.Name })
      continue
    }
    const v: SweptView = { id: s.Id, arn: s.Arn, name: s.Name, runId }
    if (opts.runId !== undefined && runId !== opts.runId) {
      result.kept.push({ ...v, reason: `run ${runId} is not ${opts.runId}` })
      opts.onView?.(v, 'kept', 'other run')
      continue
    }
    if (minAge > 0) {
      const started = runStartedAt(runId)
      if (started === undefined || now() - started < minAge) {
        const reason =
          started === undefined ? 'run age unknown' : `run started ${Math.round((now() - started) / 60_000)} min ago`
        result.kept.push({ ...v, reason })
        opts.onView?.(v, 'kept', reason)
        continue
      }
    }
    if (opts.dryRun) {
      result.removed.push(v)
      opts.onView?.(v, 'would remove')
      continue
    }
    let error: string | undefined
    try {
      const del = await target.send('DeleteView', { InstanceId: target.instanceId, ViewId: s.Id })
      if (!del.ok && del.error.name !== 'ResourceNotFoundException')
        error = `DeleteView: ${del.error.name}: ${del.error.message}`
    } catch (e) {
      error = (e as Error).message // the live-safety guard refused (it re-checks the tag itself)
    }
    if (error === undefined) {
      result.removed.push(v)
      opts.onView?.(v, 'removed')
    } else {
      result.failed.push({ ...v, error })
      opts.onView?.(v, 'failed', error)
    }
  }
  return result
}
