// For properties 1–4, 6 and 8: planting the matching bug in a stub (a named quirk, not a code edit) makes
// the property fail, and fast-check shrinks the counterexample to at most 5 commands.
import { afterEach, describe, expect, it } from 'vitest'
import { checksumConflict } from '../../properties/checksum-conflict'
import { deleteSemantics } from '../../properties/delete'
import { immutability } from '../../properties/immutability'
import { monotonicVersions } from '../../properties/monotonic-versions'
import { noChangePublish } from '../../properties/no-change-publish'
import { pagination } from '../../properties/pagination'
import type { PropertyDef } from '../../src/harness/property'
import { runProperty } from '../../src/harness/property'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const CASES: [PropertyDef, string, string][] = [
  [immutability, 'mutable-versions', 'R10'],
  [monotonicVersions, 'skip-version-numbers', 'R10'],
  [monotonicVersions, 'reuse-version-numbers', 'R26a'],
  [noChangePublish, 'no-change-publish-creates-version', 'R11'],
  [checksumConflict, 'checksum-not-checked', 'R12'],
  [pagination, 'pagination-drops-item', 'R27'],
  [pagination, 'pagination-repeats-item', 'R27'],
  [pagination, 'next-token-ignored', 'R27'],
  [pagination, 'list-versions-ascending', 'R18'],
  [deleteSemantics, 'delete-view-leaves-versions', 'R16'],
]

let target: Target | undefined
afterEach(async () => target?.close())

describe('planted bugs are caught with a short counterexample', () => {
  for (const [def, quirk, rule] of CASES) {
    it(`${def.id} catches quirk ${quirk} (${rule}) in ≤ 5 commands`, async () => {
      target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: [quirk] } } })
      const r = await runProperty(def, target, { seed: 20261126, mode: { strict: false }, numRuns: 200 })
      expect(r.status).toBe('failed')
      expect(r.failure!.rule).toBe(rule)
      expect(r.failure!.commands.length).toBeLessThanOrEqual(5)
      expect(r.path).toBeTruthy() // replayable
    })
  }
})
