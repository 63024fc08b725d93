// The provider states the contract uses, in domain terms. The consumer names them in `given(...)` with
// params; the provider arranges them (src/verification/state-arranger.ts) and answers with the values only it
// can know, which the pact injects into requests through `fromProviderState` expressions (`${viewId}` …).

export const STATE = {
  /** Injects instanceId, runTag, missingViewId, missingViewArnPath (as every state does) and newViewName (a name no view has). */
  instance: 'instance I exists',
  /** params { status: 'PUBLISHED' | 'SAVED', tags?: { key: value } }. Injects newViewName and the view's id, ARN, name, sha256. */
  view: 'view V exists in instance I',
  /** params { N, firstPageRead? }: versions 1..N were published from N different contents. */
  publishedVersions: 'view V has published versions 1..N and $LATEST equals version N',
  /** params { N }: as above, then $LATEST was published again with new content (not yet versioned). */
  latestAhead: 'view V has published versions 1..N and $LATEST has changed since version N',
  /** params { N, firstPageRead? }: N run-tagged customer-managed views exist (others may too). */
  manyViews: 'instance I has at least N customer-managed views',
} as const

export type StateName = (typeof STATE)[keyof typeof STATE]

export interface ViewStateParams {
  status?: 'PUBLISHED' | 'SAVED'
  tags?: Record<string, string>
}

export interface VersionsStateParams {
  N: number
  /** Read the first page of this many items and inject its NextToken as `nextToken`. */
  firstPageRead?: number
}

/**
 * Values a state handler injects. Every state injects the instance values; view states add the view's.
 * `viewArnPath` is the ARN percent-encoded as one path segment, exactly as the SDK sends a label.
 */
export interface ProviderValues {
  [key: string]: string
  instanceId: string
  runTag: string
  missingViewId: string
  missingViewArnPath: string
}

/** The keys a consumer may use in `${…}` expressions, per state (documentation and a consistency check). */
const EVERY_STATE = ['instanceId', 'runTag', 'missingViewId', 'missingViewArnPath'] as const
const VIEW_KEYS = ['viewId', 'viewArn', 'viewArnPath', 'viewName', 'sha256'] as const
export const INJECTED_KEYS: Readonly<Record<StateName, readonly string[]>> = {
  [STATE.instance]: [...EVERY_STATE, 'newViewName'],
  [STATE.view]: [...EVERY_STATE, 'newViewName', ...VIEW_KEYS],
  [STATE.publishedVersions]: [...EVERY_STATE, ...VIEW_KEYS, 'nextToken'],
  [STATE.latestAhead]: [...EVERY_STATE, ...VIEW_KEYS, 'staleSha256'],
  [STATE.manyViews]: [...EVERY_STATE, 'nextToken'],
}

/** Percent-encodes a value as one URI path segment the way the JS SDK encodes labels. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
