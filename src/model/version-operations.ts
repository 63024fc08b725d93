// CreateViewVersion (two-phase, so the wire layer can model a read-modify-write race), DeleteViewVersion,
// ListViewVersions.
import type {
  CreateViewVersionCommandInput,
  DeleteViewVersionCommandInput,
  ListViewVersionsCommandInput,
} from '@aws-sdk/client-connect'
import { sameContent } from './content'
import type { ModelContext } from './context'
import { ModelError } from './errors'
import { decodeToken, encodeToken, page } from './pagination'
import { resolveView, viewNotFound } from './resolve'
import { highestVersion, latestChecksum, versionSummary, viewSnapshot, type WireView } from './snapshot'
import type { ViewRecord } from './state'

export interface PublishPlan {
  /** Applies the decision taken at plan time and returns the response. */
  commit(): { View: WireView }
}

function nextVersionNumber(ctx: ModelContext, view: ViewRecord): number {
  const { quirks, choices } = ctx.opts
  if (quirks.has('reuse-version-numbers')) return view.versions.size + 1
  if (quirks.has('skip-version-numbers')) return view.maxIssued + 2
  if (choices.versionNumbering === 'reuse-after-highest-deleted') return (highestVersion(view) ?? 0) + 1 // R26 choice
  return view.maxIssued + 1 // R10/R26: highest ever issued + 1
}

/** Everything CreateViewVersion decides, from state as it is now; nothing is written until commit(). */
export function planCreateViewVersion(ctx: ModelContext, input: CreateViewVersionCommandInput): PublishPlan {
  const { view } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'mutate')
  const { opts } = ctx
  const latest = view.latest
  if (!latest) {
    throw new ModelError(
      opts.choices.unpublishedCreateVersionError,
      `The view ${input.ViewId} has no published content ($LATEST) to version`,
      'R10',
    )
  }
  const sha = input.ViewContentSha256
  if (sha !== undefined && sha !== latestChecksum(ctx, view) && !opts.quirks.has('checksum-not-checked')) {
    throw new ModelError(
      opts.choices.checksumConflictError,
      'The provided ViewContentSha256 does not match the checksum of the $LATEST content',
      'R12',
    )
  }
  const top = highestVersion(view)
  if (
    top !== undefined &&
    sameContent(view.versions.get(top)!.content, latest) &&
    !opts.quirks.has('no-change-publish-creates-version')
  ) {
    return {
      // R11: nothing changed since the highest version
      commit: () => {
        if (opts.choices.noChangePublishTouchesLastModified === 'yes' && !opts.quirks.has('last-modified-frozen'))
          view.lastModifiedTime = opts.now()
        return { View: viewSnapshot(ctx, view, top, 'publish') }
      },
    }
  }
  if (view.versions.size >= opts.quotas.versionsPerView) {
    throw new ModelError(
      'ServiceQuotaExceededException',
      `The number of versions of this view exceeds the quota of ${opts.quotas.versionsPerView}`,
      'R22',
    )
  }
  const n = nextVersionNumber(ctx, view)
  return {
    commit: () => {
      const now = opts.now()
      view.versions.set(n, {
        version: n,
        content: latest,
        ...(input.VersionDescription !== undefined ? { versionDescription: input.VersionDescription } : {}),
        createdTime: now,
        name: view.name, // kept for choice versionMetadata=at-publish (R31)
        ...(view.description !== undefined ? { description: view.description } : {}),
      })
      view.maxIssued = Math.max(view.maxIssued, n)
      if (!opts.quirks.has('last-modified-frozen')) view.lastModifiedTime = now // R15
      return { View: viewSnapshot(ctx, view, n, 'publish') } // R43
    },
  }
}

export function deleteViewVersion(ctx: ModelContext, input: DeleteViewVersionCommandInput): Record<string, never> {
  const { view } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'mutate')
  const n = input.ViewVersion!
  if (!view.versions.delete(n)) throw viewNotFound(ctx, `${input.ViewId} (version ${n})`) // R17
  return {}
}

export function listViewVersions(ctx: ModelContext, input: ListViewVersionsCommandInput): Record<string, unknown> {
  const { view } = resolveView(ctx, input.InstanceId!, input.ViewId!, 'read')
  const { opts } = ctx
  const scope = `${input.InstanceId}|${view.id}`
  let after: number | undefined
  if (input.NextToken !== undefined) {
    const t = decodeToken(opts.tokenSecret, input.NextToken, 'ListViewVersions', scope)
    if (!t.ok) throw new ModelError(opts.choices.invalidNextTokenError, 'Invalid NextToken', 'R28')
    after = t.after as number
  }
  const ascending = opts.quirks.has('list-versions-ascending')
  const numbers = [...view.versions.keys()].sort((a, b) => (ascending ? a - b : b - a)) // R18: highest first
  const cmp = ascending ? (a: number, b: number) => a - b : (a: number, b: number) => b - a
  const p = page(numbers, (n) => n, cmp, after, input.MaxResults ?? 100, {
    dropAtBoundary: opts.quirks.has('pagination-drops-item'),
    repeatAtBoundary: opts.quirks.has('pagination-repeats-item'),
    ignoreToken: opts.quirks.has('next-token-ignored'),
  })
  return {
    ViewVersionSummaryList: p.items.map((n) => versionSummary(ctx, view, n)),
    ...(p.nextAfter !== undefined
      ? { NextToken: encodeToken(opts.tokenSecret, { op: 'ListViewVersions', scope, after: p.nextAfter }) }
      : {}),
  }
}
