// For properties 1–4, 6 and 8: planting the matching bug in a stub (a named quirk, not a code edit) makes
// the property fail, and fast-check shrinks the counterexample to at most 5 commands (7 where a shorter one
// is a legal answer, see below).
import { afterEach, describe, expect, it } from 'vitest'
import { checksumConflict } from '../../src/properties/checksum-conflict'
import { deleteSemantics } from '../../src/properties/delete'
import { immutability } from '../../src/properties/immutability'
import { monotonicVersions } from '../../src/properties/monotonic-versions'
import { noChangePublish } from '../../src/properties/no-change-publish'
import { pagination } from '../../src/properties/pagination'
import type { SequentialProperty } from '../../src/harness/property-types'
import { runProperty } from '../../src/engine/runners/sequential'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const CASES: [SequentialProperty, string, string, { max?: number; strict?: boolean }?][] = [
  [immutability, 'mutable-versions', 'R10'],
  [monotonicVersions, 'skip-version-numbers', 'R10'],
  // Default mode: reissuing the deleted highest number is a legal answer (R26 is inferred, choice
  // versionNumbering), so the quirk shows only once a version below the highest was deleted: create,
  // publish, update, publish, delete 1, update, publish — 7 commands, no shorter sequence can. Strict mode
  // holds R26 and catches it in 5.
  [monotonicVersions, 'reuse-version-numbers', 'R26a', { max: 7 }],
  [monotonicVersions, 'reuse-version-numbers', 'R26a', { strict: true }],
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
  for (const [def, quirk, rule, o = {}] of CASES) {
    it(`${def.id} catches quirk ${quirk} (${rule}) in ≤ ${o.max ?? 5} commands${o.strict ? ' (strict mode)' : ''}`, async () => {
      target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: [quirk] } } })
      const r = await runProperty(def, target, { seed: 20261126, mode: { strict: o.strict ?? false }, numRuns: 200 })
      expect(r.status).toBe('failed')
      expect(r.failure!.rule).toBe(rule)
      expect(r.failure!.commands.length).toBeLessThanOrEqual(o.max ?? 5)
      expect(r.path).toBeTruthy() // replayable
    })
  }
})
