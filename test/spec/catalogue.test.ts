// Consistency of the hand-written catalogue (rules.ts, choices.ts) with itself and with the generated spec.
import { describe, expect, it } from 'vitest'
import {
  CHOICE_OPTIONS,
  CHOICE_RULE,
  choiceIsOpen,
  DEFAULT_CHOICES,
  ERROR_NAMES,
  OPERATIONS,
  RULES,
  isRuleId,
  resolveChoices,
  rule,
  type ChoiceName,
} from '../../src/spec'

const CHOICES = Object.keys(CHOICE_OPTIONS) as ChoiceName[]

/**
 * Error-class options a rule's operations do not declare, each with why it is tolerated. The test below
 * fails when an entry is no longer needed, so this list cannot go stale.
 */
const UNDECLARED_OPTION_WAIVERS: readonly { rule: string; option: string; op: string; why: string }[] = [
  // IAM can deny any call, so a real AccessDeniedException need not be modelled; but picking it for R9
  // makes the model answer the tagging operations with a class they do not declare (R33).
  ...(['TagResource', 'UntagResource', 'ListTagsForResource'] as const).map((op) => ({
    rule: 'R9',
    option: 'AccessDeniedException',
    op,
    why: 'tagging operations declare no AccessDeniedException',
  })),
]

describe('choices', () => {
  it('every default is one of its options', () => {
    for (const name of CHOICES) expect(CHOICE_OPTIONS[name] as readonly string[], name).toContain(DEFAULT_CHOICES[name])
    expect(Object.keys(DEFAULT_CHOICES).sort()).toEqual([...CHOICES].sort())
  })

  it('every choice belongs to a rule (CHOICE_RULE), and a rule naming a choice is the one it belongs to', () => {
    for (const name of CHOICES) expect(() => rule(CHOICE_RULE[name]), name).not.toThrow()
    for (const r of RULES) if (r.choice) expect(CHOICE_RULE[r.choice], r.id).toBe(r.id)
  })

  it('a choice is open in default mode unless its rule (or, for an error class, its class) is documented; strict mode closes inferred ones', () => {
    expect(choiceIsOpen('versionNumbering', { strict: false })).toBe(true) // R26 inferred
    expect(choiceIsOpen('versionNumbering', { strict: true })).toBe(false)
    expect(choiceIsOpen('versionNumbering', { strict: false, confirmed: new Set(['R26']) })).toBe(false)
    expect(choiceIsOpen('checksumConflictError', { strict: true })).toBe(true) // R12 documented, its class unknown
    expect(choiceIsOpen('checksumInput', { strict: true })).toBe(true) // R14 unknown-choice
  })

  it('resolveChoices rejects an unknown choice or option instead of defaulting silently', () => {
    expect(() => resolveChoices({ noSuchChoice: 'x' })).toThrow(/unknown choice/)
    expect(() => resolveChoices({ versionNumbering: 'sometimes' })).toThrow(/not one of/)
    expect(resolveChoices({ versionNumbering: 'reuse-after-highest-deleted' }).versionNumbering).toBe(
      'reuse-after-highest-deleted',
    )
  })
})

describe('rules', () => {
  it('rule ids are unique and rule() finds each', () => {
    const ids = RULES.map((r) => r.id)
    expect(ids.length).toBe(new Set(ids).size)
    for (const id of ids) expect(isRuleId(id) && rule(id).id).toBe(id)
    expect(isRuleId('R999')).toBe(false)
    // @ts-expect-error a rule id outside the catalogue does not compile
    expect(() => rule('R999')).toThrow()
  })

  it('every rule with a choice names an existing choice, and so does every choice:… error class', () => {
    for (const r of RULES) {
      if (r.choice) expect(CHOICES, r.id).toContain(r.choice)
      const cls = r.errorClass?.name
      if (cls?.startsWith('choice:')) expect(CHOICES, r.id).toContain(cls.slice('choice:'.length))
      else if (cls) expect(ERROR_NAMES as readonly string[], r.id).toContain(cls)
    }
  })

  it('every rule names at least one covered operation', () => {
    for (const r of RULES) {
      expect(r.operations.length, r.id).toBeGreaterThan(0)
      for (const op of r.operations) expect(OPERATIONS[op], `${r.id}: ${op}`).toBeDefined()
    }
  })

  it('an error-class choice only offers classes every operation of its rule declares (waivers listed above)', () => {
    const undeclared: string[] = []
    for (const r of RULES) {
      const cls = r.errorClass?.name
      if (!cls?.startsWith('choice:')) continue
      const options = CHOICE_OPTIONS[cls.slice('choice:'.length) as ChoiceName] as readonly string[]
      for (const option of options.filter((o) => (ERROR_NAMES as readonly string[]).includes(o))) {
        for (const op of r.operations) {
          if (!(OPERATIONS[op].errors as readonly string[]).includes(option)) undeclared.push(`${r.id}/${option}/${op}`)
        }
      }
    }
    expect(undeclared.sort()).toEqual(UNDECLARED_OPTION_WAIVERS.map((w) => `${w.rule}/${w.option}/${w.op}`).sort())
  })
})
