// Each choice's rule (CHOICE_RULE) is what a calibrated profile settles: a rule is held in strict mode once every
// choice it rests on is settled, so a choice the lookup missed would assert a rule on a value never measured.
import { describe, expect, it } from 'vitest'
import { CHOICE_RULE, choiceIsOpen } from '../../src/choices/choice-rules'
import { CHOICE_OPTIONS, type ChoiceName } from '../../src/choices/catalogue'
import { choicesOfRule, rulesSettledBy } from '../../src/choices/profile'
import { rule } from '../../src/spec'

const settled = (names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, { value: CHOICE_OPTIONS[n as ChoiceName][0], evidence: [] }]))

describe('the rule of each choice', () => {
  it('every choice is among the choices its rule rests on', () => {
    for (const [name, id] of Object.entries(CHOICE_RULE)) expect(choicesOfRule(rule(id)), name).toContain(name)
  })
  it('a rule several choices map to (R37) is settled only when all of them are', () => {
    const r37 = choicesOfRule(rule('R37'))
    expect(r37).toEqual(
      expect.arrayContaining([
        'versionArn',
        'publishedVersionArn',
        'versionId',
        'versionSummaryArn',
        'versionSummaryId',
      ]),
    )
    expect(rulesSettledBy({ settled: settled(r37) }).has('R37')).toBe(true)
    expect(rulesSettledBy({ settled: settled(r37.slice(1)) }).has('R37')).toBe(false)
  })
  it('a choice is open while its rule is not asserted in the mode', () => {
    expect(choiceIsOpen('versionNumbering', { strict: false })).toBe(true)
    expect(choiceIsOpen('versionNumbering', { strict: true })).toBe(false)
  })
})
