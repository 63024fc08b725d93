// Tags after every tag operation: the property holds on the correct stub (propertySuite), and catches an
// untag the target ignores even when the target has other, unrelated bugs that another property reports first.
import { afterEach, describe, expect, it } from 'vitest'
import { runProperty } from '../../src/engine/runners/sequential'
import { tagsAfterTagging } from '../../src/properties/tags'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'
import { propertySuite } from './support/suite'

propertySuite(tagsAfterTagging)

const targets: Target[] = []
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})

describe('an untag the target ignores', () => {
  for (const quirks of [['untag-ignored'], ['untag-ignored', 'saved-update-changes-latest', 'client-token-ignored']]) {
    it(`R21 fails with ${quirks.join(' + ')}: ListTagsForResource and DescribeView still show the key`, async () => {
      const target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks } } })
      targets.push(target)
      for (const seed of [1, 2, 3]) {
        const r = await runProperty(tagsAfterTagging, target, { seed, mode: { strict: false } })
        expect(r.status, `seed ${seed}`).toBe('failed')
        expect(r.failure?.rule).toBe('R21')
        expect(r.failure?.commands.map((c) => c.op)).toContain('UntagResource')
      }
    })
  }
})
