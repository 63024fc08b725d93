// AWS-managed views: addressed by ARN, Type AWS_MANAGED, unqualified = version 1 (R8); read-only (R9).
import { describe, expect, it } from 'vitest'
import { AWS_MANAGED_VIEW_NAMES } from '../../src/model'
import { checkedModel, type CheckedModel } from './support/checked-model'
import { INSTANCE, OTHER_INSTANCE, content, describeView, expectModelError, listAll } from './support/view-steps'

const CARDS = 'arn:aws:connect:us-east-1:aws:view/cards'

describe('R8 reading AWS-managed views', () => {
  it('R8 an unqualified ARN resolves to version 1 of an AWS_MANAGED view', () => {
    const m = checkedModel()
    const v = describeView(m, CARDS)
    expect(v).toMatchObject({ Arn: `${CARDS}:1`, Type: 'AWS_MANAGED', Version: 1, Status: 'PUBLISHED', Name: 'Cards' })
    expect(describeView(m, `${CARDS}:1`)).toEqual(v)
  })

  it("R8 the ARN format is arn:aws:connect:{region}:aws:view/{name}, following the model's region", () => {
    const m = checkedModel({ region: 'eu-central-1' })
    const listed = listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'AWS_MANAGED' }).items
    expect(listed.map((s) => s.Arn)).toEqual(
      AWS_MANAGED_VIEW_NAMES.map((n) => `arn:aws:connect:eu-central-1:aws:view/${n}`),
    )
    expect(describeView(m, 'arn:aws:connect:eu-central-1:aws:view/detail').Type).toBe('AWS_MANAGED')
  })

  it('R8 they cannot be addressed by bare name; an unknown name is not found', () => {
    const m = checkedModel()
    expectModelError(() => describeView(m, 'cards'), 'ResourceNotFoundException', 'R25')
    expectModelError(
      () => describeView(m, 'arn:aws:connect:us-east-1:aws:view/no-such-view'),
      'ResourceNotFoundException',
      'R25',
    )
    expectModelError(() => describeView(m, `${CARDS}:2`), 'ResourceNotFoundException', 'R25')
  })

  it('R8 every instance lists the same AWS-managed views, and ListViewVersions shows their version 1', () => {
    const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE] })
    const a = listAll(m, 'ListViews', { InstanceId: INSTANCE, Type: 'AWS_MANAGED' }).items
    const b = listAll(m, 'ListViews', { InstanceId: OTHER_INSTANCE, Type: 'AWS_MANAGED' }).items
    expect(a).toEqual(b)
    expect(a.map((s) => s.Type)).toEqual(AWS_MANAGED_VIEW_NAMES.map(() => 'AWS_MANAGED'))
    const versions = m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: CARDS }).ViewVersionSummaryList
    expect(versions).toMatchObject([{ Version: 1, Type: 'AWS_MANAGED', Arn: `${CARDS}:1` }])
  })

  it('R8 the awsManagedViews option turns them off entirely', () => {
    const m = checkedModel({ awsManagedViews: false })
    expect(listAll(m, 'ListViews', { InstanceId: INSTANCE }).items).toEqual([])
    expectModelError(() => describeView(m, CARDS), 'ResourceNotFoundException')
  })
})

describe('R9 AWS-managed views are read-only', () => {
  const MUTATIONS: [string, (m: CheckedModel) => unknown][] = [
    [
      'UpdateViewContent',
      (m) =>
        m.invoke('UpdateViewContent', {
          InstanceId: INSTANCE,
          ViewId: CARDS,
          Status: 'PUBLISHED',
          Content: content('x'),
        }),
    ],
    [
      'UpdateViewMetadata',
      (m) => m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: CARDS, Name: 'Mine now' }),
    ],
    ['CreateViewVersion', (m) => m.invoke('CreateViewVersion', { InstanceId: INSTANCE, ViewId: CARDS })],
    ['DeleteView', (m) => m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: CARDS })],
    [
      'DeleteViewVersion',
      (m) => m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: CARDS, ViewVersion: 1 }),
    ],
    ['TagResource', (m) => m.invoke('TagResource', { resourceArn: CARDS, tags: { mine: 'yes' } })],
    ['UntagResource', (m) => m.invoke('UntagResource', { resourceArn: CARDS, tagKeys: ['mine'] })],
  ]

  for (const [op, call] of MUTATIONS) {
    it(`R9 ${op} on an AWS-managed view is rejected and changes nothing`, () => {
      const m = checkedModel()
      const before = [describeView(m, CARDS), describeView(m, `${CARDS}:$SAVED`), describeView(m, `${CARDS}:$LATEST`)]
      expectModelError(() => call(m), 'InvalidParameterException', 'R9')
      expect([describeView(m, CARDS), describeView(m, `${CARDS}:$SAVED`), describeView(m, `${CARDS}:$LATEST`)]).toEqual(
        before,
      )
      expect(m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: CARDS }).ViewVersionSummaryList).toHaveLength(
        1,
      )
    })
  }
})
