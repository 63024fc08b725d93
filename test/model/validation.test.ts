// Input constraints from the service model (R24) with Coral-style messages, and the 400 KB content cap (R20).
import { describe, expect, it } from 'vitest'
import { MAX_CONTENT_BYTES } from '../../src/model'
import { checkedModel, type CheckedModel, type Json } from './support/checked-model'
import {
  INSTANCE,
  content,
  createInput,
  createView,
  customerViewNames,
  describeView,
  expectModelError,
  updateContent,
} from './support/view-steps'

const NAME_PATTERN = "^([\\p{L}\\p{N}_.:\\/=+\\-@()']+[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@()']*)$"
const TAG_KEY_PATTERN = '^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$'

const at = (path: string, constraint: string) => `Value at '${path}' failed to satisfy constraint: ${constraint}`
const message = (...violations: string[]) =>
  `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`

/** Runs a call that must fail validation with exactly this message, and checks it wrote nothing. */
function expectInvalid(m: CheckedModel, call: () => unknown, expected: string) {
  const before = customerViewNames(m)
  const e = expectModelError(call, 'InvalidParameterException', 'R24')
  expect(e.message).toBe(expected)
  expect(customerViewNames(m)).toEqual(before)
}

const createWith =
  (m: CheckedModel, patch: Json, omit: string[] = []) =>
  () => {
    const input: Json = { ...createInput(m), ...patch }
    for (const k of omit) delete input[k]
    return m.invoke('CreateView', input)
  }

describe('R24 required members', () => {
  it('R24 missing required members are each reported as null, in model order', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, {}, ['Status', 'Name']),
      message(at('status', 'Member must not be null'), at('name', 'Member must not be null')),
    )
    expectInvalid(
      m,
      () => m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: 'x' }),
      message(at('viewVersion', 'Member must not be null')),
    )
    expectInvalid(
      m,
      () => m.invoke('TagResource', { resourceArn: 'arn' }),
      message(at('tags', 'Member must not be null')),
    )
  })
})

describe('R24 string length', () => {
  it('R24 an empty Name breaks both the minimum length and the pattern', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Name: '' }),
      message(
        at('name', 'Member must have length greater than or equal to 1'),
        at('name', `Member must satisfy regular expression pattern: ${NAME_PATTERN}`),
      ),
    )
  })

  it('R24 a Name of 256 characters is too long; 255 is fine', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Name: 'a'.repeat(256) }),
      message(at('name', 'Member must have length less than or equal to 255')),
    )
    expect(createView(m, { name: 'a'.repeat(255) }).Name).toHaveLength(255)
  })

  it('R24 length counts code points: 255 astral letters (510 UTF-16 units) fit, 256 do not', () => {
    const m = checkedModel()
    const letter = '𝒜' // U+1D49C, a letter outside the BMP
    expect(createView(m, { name: letter.repeat(255) }).Name).toBe(letter.repeat(255))
    expectInvalid(
      m,
      createWith(m, { Name: letter.repeat(256) }),
      message(at('name', 'Member must have length less than or equal to 255')),
    )
  })

  it('R24 ViewId over 500 and InstanceId over 100 characters are rejected', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      () => m.invoke('DescribeView', { InstanceId: INSTANCE, ViewId: 'a'.repeat(501) }),
      message(at('viewId', 'Member must have length less than or equal to 500')),
    )
    expectInvalid(
      m,
      () => m.invoke('ListViews', { InstanceId: 'a'.repeat(101) }),
      message(at('instanceId', 'Member must have length less than or equal to 100')),
    )
  })
})

describe('R24 patterns', () => {
  it("R24 names of any script with inner spaces, digits and ()'/:=+-@._ are accepted (\\p{L}, \\p{N}, \\p{Z})", () => {
    const m = checkedModel()
    for (const name of ['Überblick 名前 Ωmega', 'Ünïcödé (v2)', "O'Brien", 'x/y:z=1+2-3@4_5.6', 'ไทย', '٣٤٥']) {
      expect(createView(m, { name }).Name, name).toBe(name)
    }
  })

  it('R24 a leading space, a tab, !, a comma or a combining mark (\\p{M} is not \\p{L}) in a Name breaks the pattern', () => {
    const m = checkedModel()
    for (const name of [' leading', 'tab\there', 'bad!', 'a,b', '\u00a0nbsp-first', 'नमस्ते']) {
      expectInvalid(
        m,
        createWith(m, { Name: name }),
        message(at('name', `Member must satisfy regular expression pattern: ${NAME_PATTERN}`)),
      )
    }
  })

  it('R24 a Description may hold a comma where a Name may not', () => {
    const m = checkedModel()
    expect(createView(m, { description: 'first, second' }).Description).toBe('first, second')
  })

  it('R24 each action must match the ViewAction pattern; its path is content.actions.member', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Content: content('x', ['ok', '']) }),
      message(
        at('content.actions.member', 'Member must have length greater than or equal to 1'),
        at('content.actions.member', `Member must satisfy regular expression pattern: ${NAME_PATTERN}`),
      ),
    )
  })

  it('R24 instance ids outside [a-zA-Z0-9_-:/] and a SearchViews InstanceId that is no UUID are rejected', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      () => m.invoke('ListViews', { InstanceId: 'bad id' }),
      message(at('instanceId', 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9\\_\\-:\\/]+$')),
    )
    const e = expectModelError(
      () => m.invoke('SearchViews', { InstanceId: 'instance-1' }),
      'InvalidParameterException',
      'R24',
    )
    expect(e.message).toMatch(
      /^1 validation error detected: Value at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: \^\(arn:/,
    )
  })

  it('R24 a tag key starting with aws: is rejected; an empty ClientToken is allowed, a ClientToken with ! is not', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Tags: { 'aws:owner': 'me' } }),
      message(at('tags.key', `Member must satisfy regular expression pattern: ${TAG_KEY_PATTERN}`)),
    )
    expect(createView(m, { clientToken: '' }).Id).toBeDefined()
    expectInvalid(
      m,
      createWith(m, { ClientToken: 'tok!' }),
      message(
        at('clientToken', 'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*)$'),
      ),
    )
  })
})

describe('R24 enums, ranges, list and map sizes', () => {
  it('R24 a Status outside the enum is rejected with the value set', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Status: 'DRAFT' }),
      message(at('status', 'Member must satisfy enum value set: [PUBLISHED, SAVED]')),
    )
    expectInvalid(
      m,
      () => m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'MINE' }),
      message(at('type', 'Member must satisfy enum value set: [CUSTOMER_MANAGED, AWS_MANAGED]')),
    )
  })

  it('R24 MaxResults must be within 1..100', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      () => m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 0 }),
      message(at('maxResults', 'Member must have value greater than or equal to 1')),
    )
    expectInvalid(
      m,
      () => m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: 'v', MaxResults: 101 }),
      message(at('maxResults', 'Member must have value less than or equal to 100')),
    )
    expect(m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 100 }).ViewsSummaryList).toBeDefined()
  })

  it('R24 a tag map must hold 1..50 entries and a value at most 256 characters', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Tags: {} }),
      message(at('tags', 'Member must have length greater than or equal to 1')),
    )
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))
    expectInvalid(
      m,
      createWith(m, { Tags: many }),
      message(at('tags', 'Member must have length less than or equal to 50')),
    )
    expectInvalid(
      m,
      createWith(m, { Tags: { k: 'v'.repeat(257) } }),
      message(at('tags.value', 'Member must have length less than or equal to 256')),
    )
  })

  it('R24 UntagResource needs 1..50 tag keys', () => {
    const m = checkedModel()
    const v = createView(m)
    expectInvalid(
      m,
      () => m.invoke('UntagResource', { resourceArn: v.Arn, tagKeys: [] }),
      message(at('tagKeys', 'Member must have length greater than or equal to 1')),
    )
    const keys = Array.from({ length: 51 }, (_, i) => `k${i}`)
    expectInvalid(
      m,
      () => m.invoke('UntagResource', { resourceArn: v.Arn, tagKeys: keys }),
      message(at('tagKeys', 'Member must have length less than or equal to 50')),
    )
  })

  it('R24 every violation of one request is counted and listed', () => {
    const m = checkedModel()
    expectInvalid(
      m,
      createWith(m, { Name: 'a'.repeat(300), Status: 'X', Description: '' }),
      message(
        at('status', 'Member must satisfy enum value set: [PUBLISHED, SAVED]'),
        at('description', 'Member must have length greater than or equal to 1'),
        at(
          'description',
          "Member must satisfy regular expression pattern: ^([\\p{L}\\p{N}_.:\\/=+\\-@,()']+[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@,()']*)$",
        ),
        at('name', 'Member must have length less than or equal to 255'),
      ),
    )
  })

  it('R24 an invalid UpdateViewContent or UpdateViewMetadata changes nothing', () => {
    const m = checkedModel()
    const v = createView(m, { name: 'stable', content: content('one') })
    expectInvalid(
      m,
      () =>
        m.invoke('UpdateViewContent', { InstanceId: INSTANCE, ViewId: v.Id, Status: 'LIVE', Content: content('two') }),
      message(at('status', 'Member must satisfy enum value set: [PUBLISHED, SAVED]')),
    )
    expectInvalid(
      m,
      () => m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Name: 'ok', Description: ' bad' }),
      message(
        at(
          'description',
          "Member must satisfy regular expression pattern: ^([\\p{L}\\p{N}_.:\\/=+\\-@,()']+[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@,()']*)$",
        ),
      ),
    )
    expect(describeView(m, v.Id)).toEqual(v)
  })
})

describe('R20 content size cap', () => {
  /** A JSON-object template of exactly `bytes` UTF-8 bytes, padded with `pad`. */
  function templateOf(bytes: number, pad = 'x'): string {
    const shell = JSON.stringify({ pad: '' })
    const padBytes = Buffer.byteLength(pad, 'utf8')
    const t = JSON.stringify({ pad: pad.repeat(Math.floor((bytes - shell.length) / padBytes)) })
    expect(Buffer.byteLength(t, 'utf8')).toBe(bytes)
    return t
  }

  it('R20 400 KB of content is accepted and one byte more is rejected, SAVED or PUBLISHED', () => {
    const m = checkedModel()
    expect(MAX_CONTENT_BYTES).toBe(400 * 1024)
    for (const status of ['SAVED', 'PUBLISHED'] as const) {
      createView(m, { status, content: { Template: templateOf(MAX_CONTENT_BYTES), Actions: [] } })
      const e = expectModelError(
        () => createView(m, { status, content: { Template: templateOf(MAX_CONTENT_BYTES + 1), Actions: [] } }),
        'InvalidParameterException',
        'R20',
      )
      expect(e.message).toMatch(/exceeds the maximum size/)
    }
    expect(customerViewNames(m)).toHaveLength(2)
  })

  it('R20 the cap counts UTF-8 bytes, not characters', () => {
    const m = checkedModel()
    const twoByte = templateOf(MAX_CONTENT_BYTES + 2, 'é')
    expect(twoByte.length).toBeLessThan(MAX_CONTENT_BYTES)
    expectModelError(
      () => createView(m, { status: 'SAVED', content: { Template: twoByte } }),
      'InvalidParameterException',
      'R20',
    )
  })

  it('R20 an oversized UpdateViewContent is rejected and leaves both aliases as they were', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    for (const status of ['SAVED', 'PUBLISHED'] as const) {
      expectModelError(
        () => updateContent(m, v.Id, status, { Template: templateOf(MAX_CONTENT_BYTES + 1) }),
        'InvalidParameterException',
        'R20',
      )
    }
    expect(describeView(m, `${v.Id}:$SAVED`)).toEqual(v)
    expect(describeView(m, v.Id)).toEqual(v)
  })
})
