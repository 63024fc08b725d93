// The property set, in the order a run executes them. Concurrency lives in its own module (it does not
// run through the sequential command runner).
import type { SequentialProperty } from '../harness/property-types'
import { checksumConflict } from './checksum-conflict'
import { deleteSemantics } from './delete'
import { differential } from './differential'
import { immutability } from './immutability'
import { monotonicVersions } from './monotonic-versions'
import { noChangePublish } from './no-change-publish'
import { pagination } from './pagination'
import { savedVsLatest } from './saved-vs-latest'
import { tagsAfterTagging } from './tags'
import { validation } from './validation'

export const SEQUENTIAL_PROPERTIES: readonly SequentialProperty[] = [
  // cheapest and most specific first: a run stops at nothing, but bench/detection stops at the first failure
  immutability,
  monotonicVersions,
  savedVsLatest,
  checksumConflict,
  noChangePublish,
  pagination,
  deleteSemantics,
  validation,
  tagsAfterTagging,
  differential,
]
