// How ViewId is read: bare id or ARN, optionally qualified (R1); malformed or misplaced qualifiers (R39);
// ARNs naming another instance, account, region or partition (R45); unknown views and instances (R25).
import { describe, expect, it } from 'vitest'
import { checkedModel, type CheckedModel } from './support/checked-model'
import {
  INSTANCE,
  OTHER_INSTANCE,
  content,
  createView,
  describeView,
  expectModelError,
  publishVersion,
  updateContent,
  versionNumbers,
} from './support/view-steps'

/** A view with $SAVED 'draft', $LATEST 'two', version 1 'one' and version 2 'two'. */
function viewWithEverything(m: CheckedModel) {
  const v = createView(m, { content: content('one') })
  publishVersion(m, v.Id)
  updateContent(m, v.Id, 'PUBLISHED', content('two'))
  publishVersion(m, v.Id)
  updateContent(m, v.Id, 'SAVED', content('draft'))
  return v
}

describe('R1 qualifier syntax', () => {
  it('R1 id:$SAVED, id:$LATEST and id:N each read their own snapshot', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    expect(describeView(m, `${v.Id}:$SAVED`)).toMatchObject({ Status: 'SAVED', Content: content('draft') })
    expect(describeView(m, `${v.Id}:$LATEST`)).toMatchObject({ Status: 'PUBLISHED', Content: content('two') })
    expect(describeView(m, `${v.Id}:1`)).toMatchObject({ Version: 1, Content: content('one') })
    expect(describeView(m, `${v.Id}:2`)).toMatchObject({ Version: 2, Content: content('two') })
  })

  it('R1 the view ARN works wherever the bare id does, with the same qualifiers', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    for (const q of ['', ':$SAVED', ':$LATEST', ':1', ':2']) {
      expect(describeView(m, `${v.Arn}${q}`), q).toEqual(describeView(m, `${v.Id}${q}`))
    }
    expect(m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Arn })).toEqual(
      m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id }),
    )
  })

  it('R1, R25 a well-formed version number that does not exist is ResourceNotFoundException', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    expectModelError(() => describeView(m, `${v.Id}:3`), 'ResourceNotFoundException', 'R25')
    expectModelError(() => describeView(m, `${v.Arn}:99`), 'ResourceNotFoundException', 'R25')
  })

  // which qualifiers a mutation accepts is not documented; the model refuses only numbers (R39)
  it('R39 only a numeric qualifier is refused on a mutation: an alias addresses the view itself', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    updateContent(m, `${v.Id}:$LATEST`, 'PUBLISHED', content('three'))
    expect(describeView(m, v.Id).Content).toMatchObject(content('three'))
  })
})

describe('R39 malformed qualifiers', () => {
  const MALFORMED = ['$FOO', '0', '-1', '01', '1.5', '', '$latest', '$1', 'LATEST', '2147483648', ' 1']

  it('R39 DescribeView rejects every malformed qualifier with a 4xx, on the id and on the ARN', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    for (const q of MALFORMED) {
      // ' 1' and other pattern breakers are caught by validation (R24) before the qualifier is parsed
      const expectedRule = /^[a-zA-Z0-9_\-:/$]*$/.test(q) ? 'R39' : 'R24'
      expectModelError(() => describeView(m, `${v.Id}:${q}`), 'InvalidParameterException', expectedRule)
      expectModelError(() => describeView(m, `${v.Arn}:${q}`), 'InvalidParameterException', expectedRule)
    }
  })

  it('R39 the view-reading and view-changing operations reject a malformed qualifier too', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    const ref = `${v.Id}:$FOO`
    const calls: [string, () => unknown][] = [
      ['ListViewVersions', () => m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: ref })],
      ['UpdateViewContent', () => updateContent(m, ref, 'PUBLISHED', content('x'))],
      ['UpdateViewMetadata', () => m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: ref, Name: 'x' })],
      ['CreateViewVersion', () => publishVersion(m, ref)],
      ['DeleteView', () => m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: ref })],
      ['DeleteViewVersion', () => m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: ref, ViewVersion: 1 })],
    ]
    for (const [op, call] of calls)
      expect(expectModelError(call, 'InvalidParameterException', 'R39').errorName, op).toBe('InvalidParameterException')
    expect(versionNumbers(m, v.Id)).toEqual([2, 1])
  })

  it('R39 a numeric qualifier on a mutation is rejected and changes nothing (versions are immutable)', () => {
    const m = checkedModel()
    const v = viewWithEverything(m)
    const before = [`${v.Id}:$SAVED`, `${v.Id}:$LATEST`, `${v.Id}:1`, `${v.Id}:2`].map((r) => describeView(m, r))
    const ref = `${v.Id}:1`
    expectModelError(() => updateContent(m, ref, 'PUBLISHED', content('x')), 'InvalidParameterException', 'R39')
    expectModelError(
      () => m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: ref, Name: 'x' }),
      'InvalidParameterException',
      'R39',
    )
    expectModelError(() => publishVersion(m, ref), 'InvalidParameterException', 'R39')
    expectModelError(
      () => m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: ref }),
      'InvalidParameterException',
      'R39',
    )
    expectModelError(
      () => m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: ref, ViewVersion: 1 }),
      'InvalidParameterException',
      'R39',
    )
    const after = [`${v.Id}:$SAVED`, `${v.Id}:$LATEST`, `${v.Id}:1`, `${v.Id}:2`].map((r) => describeView(m, r))
    expect(after).toEqual(before)
  })
})

describe('R45 ARNs from elsewhere', () => {
  it('R45 a view ARN naming another instance, account, region or partition is not found', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const v = viewWithEverything(m)
    const elsewhere = {
      instance: v.Arn.replace(`instance/${INSTANCE}`, `instance/${OTHER_INSTANCE}`),
      account: v.Arn.replace(':123456789012:', ':210987654321:'),
      region: v.Arn.replace(':us-east-1:', ':eu-west-1:'),
      partition: v.Arn.replace('arn:aws:', 'arn:aws-cn:'),
    }
    for (const [what, arn] of Object.entries(elsewhere)) {
      for (const ref of [arn, `${arn}:1`, `${arn}:$SAVED`]) {
        expect(
          expectModelError(() => describeView(m, ref), 'ResourceNotFoundException', 'R45').message,
          what,
        ).toContain(arn)
      }
      expectModelError(
        () => m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: arn }),
        'ResourceNotFoundException',
        'R45',
      )
      expectModelError(() => updateContent(m, arn, 'SAVED', content('x')), 'ResourceNotFoundException', 'R45')
    }
    expect(describeView(m, v.Id)).toBeDefined()
  })

  it("R45 the view's own ARN is not found when the request names another instance", () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const v = createView(m)
    expectModelError(() => describeView(m, v.Arn, OTHER_INSTANCE), 'ResourceNotFoundException', 'R45')
    // and the bare id is looked up in the request's instance only
    expectModelError(() => describeView(m, v.Id, OTHER_INSTANCE), 'ResourceNotFoundException', 'R25')
  })

  it('R45 an AWS-managed view ARN of another region or partition is not found', () => {
    const m = checkedModel()
    for (const arn of ['arn:aws:connect:eu-west-1:aws:view/cards', 'arn:aws-cn:connect:us-east-1:aws:view/cards']) {
      expectModelError(() => describeView(m, arn), 'ResourceNotFoundException', 'R45')
    }
  })
})

describe('R25 unknown things', () => {
  it('R25 every view operation answers an unknown instance with ResourceNotFoundException', () => {
    const m = checkedModel()
    const v = createView(m)
    const I = '99999999-9999-4999-8999-999999999999'
    const calls: [string, () => unknown][] = [
      ['CreateView', () => createView(m, { instanceId: I })],
      ['DescribeView', () => describeView(m, v.Id, I)],
      ['UpdateViewContent', () => updateContent(m, v.Id, 'SAVED', content('x'), I)],
      ['UpdateViewMetadata', () => m.invoke('UpdateViewMetadata', { InstanceId: I, ViewId: v.Id, Name: 'x' })],
      ['CreateViewVersion', () => m.invoke('CreateViewVersion', { InstanceId: I, ViewId: v.Id })],
      ['DeleteView', () => m.invoke('DeleteView', { InstanceId: I, ViewId: v.Id })],
      ['DeleteViewVersion', () => m.invoke('DeleteViewVersion', { InstanceId: I, ViewId: v.Id, ViewVersion: 1 })],
      ['ListViews', () => m.invoke('ListViews', { InstanceId: I })],
      ['ListViewVersions', () => m.invoke('ListViewVersions', { InstanceId: I, ViewId: v.Id })],
      ['SearchViews', () => m.invoke('SearchViews', { InstanceId: I })],
    ]
    for (const [op, call] of calls)
      expect(expectModelError(call, 'ResourceNotFoundException', 'R25').message, op).toContain(I)
    expect(describeView(m, v.Id)).toEqual(v)
  })

  it('R25 every view operation answers an unknown view id with ResourceNotFoundException', () => {
    const m = checkedModel()
    const id = '00000000-0000-4000-8000-00000000beef'
    const calls: (() => unknown)[] = [
      () => describeView(m, id),
      () => describeView(m, `${id}:$SAVED`),
      () => updateContent(m, id, 'SAVED', content('x')),
      () => m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: id, Name: 'x' }),
      () => publishVersion(m, id),
      () => m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: id }),
      () => m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: id, ViewVersion: 1 }),
      () => m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: id }),
    ]
    for (const call of calls) expectModelError(call, 'ResourceNotFoundException', 'R25')
  })
})
