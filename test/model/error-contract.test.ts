// What every answer and every error of the model looks like, whatever the input: plain JSON with epoch
// seconds (R32), declared error classes with a message (R33), never a 5xx for client input (R34), a 4xx
// for what no operation understands (R44), and the declared throttling classes (R23).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ModelError } from '../../src/model'
import { OPERATIONS, OPERATION_NAMES, SHAPES, type RuleId, type StructureShape } from '../../src/spec'
import { assertDeclaredError, assertWireOutput, checkedModel, type CheckedModel } from './support/checked-model'
import { callArbitrary, type KnownRefs } from './support/model-inputs'
import {
  INSTANCE,
  OTHER_INSTANCE,
  content,
  createView,
  describeView,
  expectModelError,
  publishVersion,
  updateContent,
} from './support/view-steps'

/** A populated model: published views with versions and tags, a draft-only view, a deleted view. */
function populated(): { m: CheckedModel; refs: KnownRefs } {
  const m = checkedModel({ instances: [INSTANCE, OTHER_INSTANCE], quotas: { viewsPerInstance: 8, versionsPerView: 3 } })
  const a = createView(m, { name: 'alpha', tags: { team: 'a' }, content: content('a1') })
  publishVersion(m, a.Id)
  updateContent(m, a.Id, 'PUBLISHED', content('a2'))
  publishVersion(m, a.Id)
  updateContent(m, a.Id, 'SAVED', content('a3'))
  const draft = createView(m, { name: 'draft', status: 'SAVED' })
  const gone = createView(m, { name: 'gone' })
  m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: gone.Id })
  const other = createView(m, { name: 'elsewhere', instanceId: OTHER_INSTANCE })
  const cards = 'arn:aws:connect:us-east-1:aws:view/cards'
  const token = m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 1 }).NextToken
  // repeats weight the draw towards references that reach the handlers' success paths
  const viewRefs = [
    a.Id,
    a.Id,
    a.Id,
    a.Arn,
    draft.Id,
    ...[a, draft, gone, other].flatMap((v) => [
      v.Id,
      v.Arn,
      `${v.Id}:$SAVED`,
      `${v.Id}:$LATEST`,
      `${v.Id}:1`,
      `${v.Arn}:2`,
    ]),
  ]
  return {
    m,
    refs: {
      instanceIds: [INSTANCE, INSTANCE, INSTANCE, OTHER_INSTANCE, 'nope'],
      viewRefs: [...viewRefs, cards, `${cards}:1`],
      arns: [a.Arn, a.Arn, draft.Arn, gone.Arn, other.Arn, cards, `${a.Arn}:1`],
      nextTokens: [token],
      checksums: [describeView(m, a.Id).ViewContentSha256, 'f'.repeat(64)],
    },
  }
}

describe('R32 answers', () => {
  it('R32 every operation answers plain JSON that fits its output shape', () => {
    const { m } = populated()
    const v = createView(m, { tags: { k: 'v' } })
    const answers = {
      CreateView: v,
      DescribeView: m.invoke('DescribeView', { InstanceId: INSTANCE, ViewId: v.Id }),
      UpdateViewContent: m.invoke('UpdateViewContent', {
        InstanceId: INSTANCE,
        ViewId: v.Id,
        Status: 'PUBLISHED',
        Content: content('z'),
      }),
      UpdateViewMetadata: m.invoke('UpdateViewMetadata', { InstanceId: INSTANCE, ViewId: v.Id, Description: 'd' }),
      CreateViewVersion: m.invoke('CreateViewVersion', { InstanceId: INSTANCE, ViewId: v.Id }),
      ListViews: m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 2 }),
      ListViewVersions: m.invoke('ListViewVersions', { InstanceId: INSTANCE, ViewId: v.Id }),
      SearchViews: m.invoke('SearchViews', { InstanceId: INSTANCE, MaxResults: 2 }),
      TagResource: m.invoke('TagResource', { resourceArn: v.Arn, tags: { a: 'b' } }),
      UntagResource: m.invoke('UntagResource', { resourceArn: v.Arn, tagKeys: ['a'] }),
      ListTagsForResource: m.invoke('ListTagsForResource', { resourceArn: v.Arn }),
      DeleteViewVersion: m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: 1 }),
      DeleteView: m.invoke('DeleteView', { InstanceId: INSTANCE, ViewId: v.Id }),
    }
    // CheckedModel has checked each answer against its output shape; this pins which ops answer {}
    expect(Object.keys(answers).sort()).toEqual([...OPERATION_NAMES].sort())
    const empty = Object.entries(answers)
      .filter(([, out]) => JSON.stringify(out) === '{}')
      .map(([op]) => op)
      .sort()
    expect(empty).toEqual(['DeleteView', 'DeleteViewVersion', 'TagResource', 'UntagResource', 'UpdateViewMetadata'])
  })

  it('R32 timestamps are epoch seconds as JSON numbers, fractions kept', () => {
    const m = checkedModel({ now: () => 1767225600123 })
    const v = createView(m)
    expect(v.CreatedTime).toBe(1767225600.123)
    expect(typeof v.LastModifiedTime).toBe('number')
    expect(JSON.parse(JSON.stringify(describeView(m, v.Id))).CreatedTime).toBe(1767225600.123)
  })

  it('R32 the answer checker rejects ISO timestamps, millisecond timestamps, unknown members and non-JSON values', () => {
    const view = { Id: 'v', CreatedTime: 1767225600 }
    expect(() => assertWireOutput('DescribeView', { View: view })).not.toThrow()
    expect(() => assertWireOutput('DescribeView', { View: { ...view, CreatedTime: '2026-01-01T00:00:00Z' } })).toThrow(
      /R32/,
    )
    expect(() => assertWireOutput('DescribeView', { View: { ...view, CreatedTime: 1767225600000 } })).toThrow(
      /epoch seconds/,
    )
    expect(() => assertWireOutput('DescribeView', { View: { ...view, Colour: 'red' } })).toThrow(/unknown member/)
    expect(() => assertWireOutput('DescribeView', { View: { ...view, Name: undefined } })).toThrow(/not plain JSON/)
    expect(() => assertWireOutput('DescribeView', { View: { ...view, CreatedTime: new Date() } })).toThrow(
      /not plain JSON/,
    )
    expect(() => assertWireOutput('ListViews', { ViewsSummaryList: new Set() })).toThrow(/not plain JSON/)
    expect(() => assertWireOutput('DescribeView', { View: { ...view, Status: 'DRAFT' } })).toThrow(/enum/)
    expect(() => assertWireOutput('TagResource', { ok: true })).toThrow(/no output/)
  })
})

describe('R33 errors', () => {
  it('R33 the error checker rejects undeclared classes, missing messages, unknown rules and non-ModelErrors', () => {
    expect(() =>
      assertDeclaredError('DescribeView', new ModelError('ResourceNotFoundException', 'gone', 'R25')),
    ).not.toThrow()
    expect(() => assertDeclaredError('TagResource', new ModelError('AccessDeniedException', 'no', 'R9'))).toThrow(
      /not declared/,
    )
    expect(() =>
      assertDeclaredError('DescribeView', new ModelError('DuplicateResourceException', 'dup', 'R5')),
    ).toThrow(/not declared/)
    expect(() => assertDeclaredError('DescribeView', new ModelError('ResourceNotFoundException', '', 'R25'))).toThrow(
      /no message/,
    )
    expect(() =>
      assertDeclaredError('DescribeView', new ModelError('ResourceNotFoundException', 'x', 'R0' as RuleId)),
    ).toThrow(/unknown rule/)
    expect(() => assertDeclaredError('DescribeView', new TypeError('boom'))).toThrow(/non-ModelError/)
  })

  it('R33 ModelError names itself after its class, so logs and the wire agree', () => {
    const m = checkedModel()
    const e = expectModelError(() => describeView(m, 'nope'), 'ResourceNotFoundException', 'R25')
    expect(e.name).toBe('ResourceNotFoundException')
    expect(e).toBeInstanceOf(Error)
  })
})

describe('R34 no 5xx for client input', () => {
  it('R33, R34 random calls on a populated model answer or fail with a declared 4xx, never a 5xx or a crash', () => {
    const { m: base, refs } = populated()
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.array(callArbitrary(OPERATION_NAMES, refs), { minLength: 1, maxLength: 12 }), (calls) => {
        const m = base.clone()
        for (const [op, input] of calls) {
          try {
            m.invoke(op, input) // CheckedModel: R32 on answers, R33 on errors
            seen.add(`${op}:ok`)
          } catch (e) {
            if (!(e instanceof ModelError)) throw e
            expect(e.errorName, `${op} ${JSON.stringify(input).slice(0, 300)}`).not.toBe('InternalServiceException')
            expect((SHAPES[e.errorName] as StructureShape).error?.httpStatus).toBeLessThan(500)
            seen.add(`${op}:error`)
          }
        }
      }),
      { numRuns: 1000 },
    )
    // the generator must reach the handlers: every operation both succeeded and failed at least once
    const missing = OPERATION_NAMES.flatMap((op) => [`${op}:ok`, `${op}:error`]).filter((k) => !seen.has(k))
    expect(missing).toEqual([])
  })
})

describe('R44 requests no operation understands', () => {
  it('R44 an unknown operation is a ModelError (UnknownOperationException), not a crash', () => {
    const m = checkedModel()
    const e = expectModelError(() => m.raw.invoke('DescribeViews' as never, {}), 'UnknownOperationException', 'R44')
    expect(e.message).toContain('DescribeViews')
  })

  it('R44 a version label that is no positive integer is a 4xx, never a crash', () => {
    const m = checkedModel()
    const v = createView(m)
    publishVersion(m, v.Id)
    for (const label of [1.5, 0, -1, Number.MAX_SAFE_INTEGER, '$LATEST', '1']) {
      expectModelError(
        () => m.invoke('DeleteViewVersion', { InstanceId: INSTANCE, ViewId: v.Id, ViewVersion: label }),
        'ResourceNotFoundException',
      )
    }
    expect(describeView(m, `${v.Id}:1`).Version).toBe(1)
  })
})

describe('R23 throttling classes', () => {
  it('R23 the model never throttles; the spec declares TooManyRequestsException on view operations and ThrottlingException on tagging and SearchViews, both 429', () => {
    const throttling = (op: (typeof OPERATION_NAMES)[number]) =>
      OPERATIONS[op].errors.filter((e) => e === 'TooManyRequestsException' || e === 'ThrottlingException')
    const viewOps = [
      'CreateView',
      'DescribeView',
      'UpdateViewContent',
      'UpdateViewMetadata',
      'CreateViewVersion',
      'DeleteView',
      'DeleteViewVersion',
      'ListViews',
      'ListViewVersions',
    ] as const
    for (const op of viewOps) expect(throttling(op), op).toEqual(['TooManyRequestsException'])
    for (const op of ['SearchViews', 'TagResource', 'UntagResource', 'ListTagsForResource'] as const)
      expect(throttling(op), op).toEqual(['ThrottlingException'])
    for (const e of ['TooManyRequestsException', 'ThrottlingException'])
      expect((SHAPES[e] as StructureShape).error?.httpStatus).toBe(429)
    // a burst of calls on one model is still answered normally: throttling is the stub's fault injection
    const m = checkedModel()
    for (let i = 0; i < 200; i++) m.invoke('ListViews', { InstanceId: INSTANCE, MaxResults: 1 })
  })
})
