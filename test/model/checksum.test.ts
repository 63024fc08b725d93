// ViewContentSha256: what it reports (R13, R14), the optimistic-concurrency guard in CreateViewVersion
// (R12) and how the input is validated given the model's one-character pattern bug (R29).
import { describe, expect, it } from 'vitest'
import { checkedModel } from './support/checked-model'
import {
  INSTANCE,
  content,
  createView,
  describeView,
  expectModelError,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

const sha = (m: ReturnType<typeof checkedModel>, viewId: string) => describeView(m, viewId).ViewContentSha256 as string

describe('R13 what ViewContentSha256 reports', () => {
  it("R13 is the same on every qualifier: it is the $LATEST checksum, not the draft's", () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    updateContent(m, v.Id, 'SAVED', content('draft'))
    expect(describeView(m, `${v.Id}:$SAVED`).ViewContentSha256).toBe(v.ViewContentSha256)
    expect(describeView(m, `${v.Id}:$LATEST`).ViewContentSha256).toBe(v.ViewContentSha256)
  })

  it('R13 changes iff $LATEST content changes: a SAVED update and an identical publish leave it alone', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    const s0 = v.ViewContentSha256
    updateContent(m, v.Id, 'SAVED', content('two'))
    expect(sha(m, v.Id)).toBe(s0)
    updateContent(m, v.Id, 'PUBLISHED', content('one'))
    expect(sha(m, v.Id)).toBe(s0)
    publishVersion(m, v.Id)
    m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Name: 'renamed' })
    expect(sha(m, v.Id)).toBe(s0)
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    const s1 = sha(m, v.Id)
    expect(s1).not.toBe(s0)
    updateContent(m, v.Id, 'PUBLISHED', content('two', ['Submit', 'Back']))
    expect(sha(m, v.Id)).not.toBe(s1)
  })

  it('R13 a view that was never published reports no checksum until its first publish', () => {
    const m = checkedModel()
    const v = createView(m, { status: 'SAVED' })
    expect(v.ViewContentSha256).toBeUndefined()
    expect(updateContent(m, v.Id, 'PUBLISHED', content('one')).ViewContentSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('R13 equal content gives equal checksums, so the value depends on content only', () => {
    const m = checkedModel()
    const a = createView(m, { content: content('same') })
    const b = createView(m, { content: content('same') })
    expect(a.ViewContentSha256).toBe(b.ViewContentSha256)
  })

  it('R14 checksums are 64 lowercase hex characters', () => {
    const m = checkedModel()
    expect(createView(m).ViewContentSha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('R12 the ViewContentSha256 guard of CreateViewVersion', () => {
  it('R12 the checksum echoed from DescribeView is accepted', () => {
    const m = checkedModel()
    const v = createView(m)
    expect(publishVersion(m, v.Id, { ViewContentSha256: sha(m, v.Id) }).Version).toBe(1)
  })

  it('R12 a stale checksum is rejected and creates nothing', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    const stale = sha(m, v.Id)
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    const before = describeView(m, v.Id)
    expectModelError(() => publishVersion(m, v.Id, { ViewContentSha256: stale }), 'InvalidParameterException', 'R12')
    expect(versionNumbers(m, v.Id)).toEqual([])
    // nothing else moved either: no version, same LastModifiedTime
    expect(describeView(m, v.Id)).toEqual(before)
  })

  it('R12 a draft saved after reading the checksum does not make it stale (only $LATEST counts)', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    const read = sha(m, v.Id)
    updateContent(m, v.Id, 'SAVED', content('draft'))
    expect(publishVersion(m, v.Id, { ViewContentSha256: read })).toMatchObject({ Version: 1, Content: content('one') })
  })

  it('R12 omitting the checksum means no check', () => {
    const m = checkedModel()
    const v = createView(m, { content: content('one') })
    updateContent(m, v.Id, 'PUBLISHED', content('two'))
    expect(publishVersion(m, v.Id)).toMatchObject({ Version: 1, Content: content('two') })
  })

  it('R12 a mismatch is rejected even when nothing changed since the highest version', () => {
    const m = checkedModel()
    const v = createView(m)
    publishVersion(m, v.Id)
    expectModelError(
      () => publishVersion(m, v.Id, { ViewContentSha256: 'f'.repeat(64) }),
      'InvalidParameterException',
      'R12',
    )
    expect(versionNumbers(m, v.Id)).toEqual([1])
  })
})

describe('R29 ViewContentSha256 input validation', () => {
  it('R29 a real 64-character checksum passes validation although the model pattern allows one character', () => {
    const m = checkedModel()
    const v = createView(m)
    // a well-formed but wrong checksum gets past validation and fails the R12 comparison instead
    expectModelError(
      () => publishVersion(m, v.Id, { ViewContentSha256: 'a'.repeat(64) }),
      'InvalidParameterException',
      'R12',
    )
  })

  it('R29, R24 65 characters, or a non-alphanumeric character, fail validation', () => {
    const m = checkedModel()
    const v = createView(m)
    const tooLong = expectModelError(
      () => publishVersion(m, v.Id, { ViewContentSha256: 'a'.repeat(65) }),
      'InvalidParameterException',
      'R24',
    )
    expect(tooLong.message).toBe(
      "1 validation error detected: Value at 'viewContentSha256' failed to satisfy constraint: Member must have length less than or equal to 64",
    )
    const symbol = expectModelError(
      () => publishVersion(m, v.Id, { ViewContentSha256: 'abc-def' }),
      'InvalidParameterException',
      'R24',
    )
    expect(symbol.message).toBe(
      "1 validation error detected: Value at 'viewContentSha256' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9]+$",
    )
    expectModelError(() => publishVersion(m, v.Id, { ViewContentSha256: '' }), 'InvalidParameterException', 'R24')
    expect(versionNumbers(m, v.Id)).toEqual([])
  })
})
