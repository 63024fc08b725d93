// Rule ids are one union type derived from the catalogue (RuleId): a check, quirk, model error, property or
// Pact interaction that names a rule the catalogue lacks does not compile. `npm test` type-checks this file
// first: each @ts-expect-error below fails the type-check if the typo were accepted.
import { describe, expect, it } from 'vitest'
import type { SequentialProperty } from '../../src/harness/property-types'
import { ModelError } from '../../src/model/errors'
import type { QuirkSpec } from '../../src/model/quirks'
import { isRuleId, type RuleId } from '../../src/spec'

describe('RuleId', () => {
  it('a typo in a rule id is a type error everywhere rules are named', () => {
    // @ts-expect-error R99 is not in the catalogue
    const quirk: QuirkSpec = { description: 'x', breaks: ['R99'], layer: 'model' }
    // @ts-expect-error R12x is not in the catalogue
    const error = new ModelError('ResourceNotFoundException', 'x', 'R12x')
    // @ts-expect-error a property's rules are catalogue ids
    const rules: SequentialProperty['rules'] = ['R1', 'R0']
    // @ts-expect-error
    const id: RuleId = 'r12'
    expect([quirk.breaks[0], error.rule, rules[1], id].map((r) => isRuleId(r))).toEqual([false, false, false, false])
  })
})
