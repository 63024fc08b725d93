// The model's state: plain data, deep-copyable (clone() is how the linearizability checker branches).

export interface ViewContentRecord {
  readonly template?: string
  readonly actions?: readonly string[]
}

export interface VersionRecord {
  readonly version: number
  readonly content: ViewContentRecord
  readonly versionDescription?: string
  /** Epoch ms. */
  readonly createdTime: number
  /** The view's Name/Description when this version was published (choice versionMetadata=at-publish, R31). */
  readonly name?: string
  readonly description?: string
}

export interface ViewRecord {
  readonly id: string
  readonly arn: string
  readonly instanceId: string | null // null for AWS-managed views (global per region)
  readonly type: 'CUSTOMER_MANAGED' | 'AWS_MANAGED'
  name: string
  description?: string
  tags: Record<string, string>
  readonly createdTime: number
  lastModifiedTime: number
  /** $SAVED: the draft, with the status of the call that wrote it. */
  saved: { content: ViewContentRecord; status: 'SAVED' | 'PUBLISHED' }
  /** $LATEST: the published content; absent until the first publish (R2). */
  latest?: ViewContentRecord
  versions: Map<number, VersionRecord>
  /** Highest number ever issued (R26: numbers are not reused). */
  maxIssued: number
  clientToken?: string
  /** The answer CreateView gave, kept for ClientToken retries when they answer it again (choice clientTokenRetryAnswer=original, R6a). */
  createAnswer?: Readonly<Record<string, unknown>>
}

export interface ModelState {
  instances: Set<string>
  /** Customer views by instance, then id. */
  views: Map<string, Map<string, ViewRecord>>
  /** AWS-managed views by name. */
  awsManaged: Map<string, ViewRecord>
  /** Quirk delete-view-leaves-versions: versions of deleted views, still readable by id:N. */
  ghosts: Map<string, ViewRecord>
  /** ClientTokens of deleted views, as `instanceId\u0000token` (choice clientTokenAfterDelete, R53). */
  deletedTokens: Set<string>
}

export function emptyState(instances: readonly string[]): ModelState {
  return {
    instances: new Set(instances),
    views: new Map(instances.map((i) => [i, new Map()])),
    awsManaged: new Map(),
    ghosts: new Map(),
    deletedTokens: new Set(),
  }
}

/** A copy of one view's record that later writes to the original cannot reach (e.g. a snapshot of an older state). */
export function cloneView(v: ViewRecord): ViewRecord {
  // content/version records are immutable once written, so sharing them is safe
  return { ...v, tags: { ...v.tags }, saved: { ...v.saved }, versions: new Map(v.versions) }
}

export function cloneState(s: ModelState): ModelState {
  return {
    instances: new Set(s.instances),
    views: new Map([...s.views].map(([i, m]) => [i, new Map([...m].map(([id, v]) => [id, cloneView(v)]))])),
    awsManaged: new Map([...s.awsManaged].map(([n, v]) => [n, cloneView(v)])),
    ghosts: new Map([...s.ghosts].map(([id, v]) => [id, cloneView(v)])),
    deletedTokens: new Set(s.deletedTokens),
  }
}
