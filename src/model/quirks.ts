// Named deviations ("quirks"): realistic emulator bugs that can be switched on per stub instance, to prove
// the harness detects them. Each is implemented as a small switch beside the behaviour it bends; this file
// only names them. layer: where the switch lives (model = src/model, wire = src/stub).
import type { RuleId } from '../spec/rules'

export interface QuirkSpec {
  readonly description: string
  /** Rules the deviation breaks: the harness should report at least one of them. */
  readonly breaks: readonly RuleId[]
  readonly layer: 'model' | 'wire'
}

export const QUIRKS = {
  'mutable-versions': {
    description: 'UpdateViewContent PUBLISHED also rewrites the highest numbered version',
    breaks: ['R10', 'R3'],
    layer: 'model',
  },
  'no-change-publish-creates-version': {
    description: 'CreateViewVersion with unchanged $LATEST creates a new version',
    breaks: ['R11'],
    layer: 'model',
  },
  'reuse-version-numbers': {
    description: 'next version number = number of existing versions + 1 (reuses numbers after deletes)',
    breaks: ['R26a', 'R10'],
    layer: 'model',
  },
  'skip-version-numbers': { description: 'next version number = highest + 2', breaks: ['R10'], layer: 'model' },
  'checksum-not-checked': {
    description: 'CreateViewVersion ignores a stale ViewContentSha256',
    breaks: ['R12'],
    layer: 'model',
  },
  'checksum-of-saved': {
    description: 'ViewContentSha256 is computed from $SAVED instead of $LATEST',
    breaks: ['R13', 'R12'],
    layer: 'model',
  },
  'saved-update-changes-latest': {
    description: 'UpdateViewContent SAVED also rewrites $LATEST',
    breaks: ['R3'],
    layer: 'model',
  },
  'describe-unqualified-returns-saved': {
    description: 'DescribeView without qualifier returns $SAVED',
    breaks: ['R7'],
    layer: 'model',
  },
  'list-versions-ascending': {
    description: 'ListViewVersions returns the lowest version first',
    breaks: ['R18'],
    layer: 'model',
  },
  'pagination-drops-item': {
    description: 'the item after each page boundary is skipped',
    breaks: ['R27'],
    layer: 'model',
  },
  'pagination-repeats-item': {
    description: "each page after the first repeats the previous page's last item",
    breaks: ['R27'],
    layer: 'model',
  },
  'next-token-ignored': {
    description: 'NextToken is ignored: every call returns the first page',
    breaks: ['R27'],
    layer: 'model',
  },
  'missing-view-wrong-class': {
    description: 'an unknown view answers 400 InvalidParameterException instead of 404 ResourceNotFoundException',
    breaks: ['R25'],
    layer: 'model',
  },
  'server-error-on-long-name': {
    description: 'a Name longer than 255 characters answers 500 InternalServiceException',
    breaks: ['R34', 'R24'],
    layer: 'model',
  },
  'delete-view-leaves-versions': {
    description: 'after DeleteView, numbered versions stay readable',
    breaks: ['R16'],
    layer: 'model',
  },
  'client-token-ignored': {
    description: 'CreateView ignores ClientToken (a retry fails with DuplicateResourceException)',
    breaks: ['R6'],
    layer: 'model',
  },
  'retry-creates-second-view': {
    description:
      'a CreateView retried with its ClientToken creates and answers a second view of the same name (instead of the first one)',
    breaks: ['R6'],
    layer: 'model',
  },
  'untag-ignored': {
    description: 'UntagResource answers success but removes no tag',
    breaks: ['R21'],
    layer: 'model',
  },
  'last-modified-frozen': {
    description: 'LastModifiedTime stays at the creation time: UpdateViewContent and publishes do not move it',
    breaks: ['R15'],
    layer: 'model',
  },
  'tags-lost-on-metadata-update': {
    description: "UpdateViewMetadata drops the view's tags",
    breaks: ['R21'],
    layer: 'model',
  },
  'iso-timestamps': {
    description: 'timestamps are sent as ISO-8601 strings instead of epoch seconds',
    breaks: ['R32'],
    layer: 'wire',
  },
  'unknown-enum-value': {
    description: 'View.Status is sent as "DRAFT" for $SAVED snapshots (not in the ViewStatus enum)',
    breaks: ['R32'],
    layer: 'wire',
  },
  'html-404-for-unknown-ids': {
    description:
      "an unknown view, version or instance is answered with an HTML 404 page (a web framework's default) instead of the JSON ResourceNotFoundException",
    breaks: ['R25'],
    layer: 'wire',
  },
  'lost-update-race': {
    description: 'CreateViewVersion reads state, yields, then writes: concurrent publishes lose updates',
    breaks: ['R10'],
    layer: 'wire',
  },
  'never-converges': {
    description:
      'a lost write: reads never show the first UpdateViewContent of a view (they keep answering the view as it was before it), while writes see it',
    breaks: ['R3', 'R1', 'R7', 'R13', 'R18', 'R16'],
    layer: 'wire',
  },
} as const satisfies Record<string, QuirkSpec>

export type QuirkName = keyof typeof QUIRKS
export const QUIRK_NAMES = Object.keys(QUIRKS) as QuirkName[]

export function parseQuirks(names: Iterable<string>): Set<QuirkName> {
  const out = new Set<QuirkName>()
  for (const n of names) {
    if (!(n in QUIRKS)) throw new Error(`unknown quirk "${n}" (known: ${QUIRK_NAMES.join(', ')})`)
    out.add(n as QuirkName)
  }
  return out
}
