// Property 7 (R24, R33, R34): every invalid input is rejected with a declared 4xx class, never a 5xx;
// every valid input is accepted.
import fc from 'fast-check'
import { checkAgainstModel } from '../harness/checks'
import type { Cmd } from '../harness/commands'
import type { SequentialProperty } from '../harness/property-types'
import { invalidMaxResults, invalidStrings, tags, validString, viewDescription, viewName } from '../arbitraries/values'
import { contentWithEdges, nearLimitContent } from '../arbitraries/content'

const content = { Template: '{"Head":{"Title":"v"},"Body":[]}', Actions: ['Submit'] }
const raw = (operation: Extract<Cmd, { op: 'Raw' }>['operation'], input: Record<string, unknown>): Cmd => ({
  op: 'Raw',
  operation,
  input,
})

/** Invalid inputs: each breaks one constraint of one member, derived from the generated shapes. */
const invalidInputs: fc.Arbitrary<Cmd>[] = [
  invalidStrings('ViewName').map(({ value }) =>
    raw('CreateView', { InstanceId: '{instance}', Name: value, Status: 'SAVED', Content: content }),
  ),
  invalidStrings('ViewDescription').map(({ value }) =>
    raw('CreateView', {
      InstanceId: '{instance}',
      Name: 'valid',
      Description: value,
      Status: 'SAVED',
      Content: content,
    }),
  ),
  invalidStrings('ViewAction').map(({ value }) =>
    raw('CreateView', {
      InstanceId: '{instance}',
      Name: 'valid',
      Status: 'SAVED',
      Content: { Template: '{}', Actions: [value] },
    }),
  ),
  invalidStrings('TagKey').map(({ value }) =>
    raw('CreateView', {
      InstanceId: '{instance}',
      Name: 'valid',
      Status: 'SAVED',
      Content: content,
      Tags: { [value]: 'v' },
    }),
  ),
  invalidStrings('ViewsClientToken').map(({ value }) =>
    raw('CreateView', {
      InstanceId: '{instance}',
      Name: 'valid',
      Status: 'SAVED',
      Content: content,
      ClientToken: value,
    }),
  ),
  fc
    .constantFrom('DRAFT', 'published', '')
    .map((s) => raw('CreateView', { InstanceId: '{instance}', Name: 'valid', Status: s, Content: content })),
  invalidMaxResults().map((n) => raw('ListViews', { InstanceId: '{instance}', MaxResults: n })),
  invalidStrings('ViewId')
    .filter(({ value }) => value !== '')
    .map(
      // an empty path label cannot be routed at all (UnknownOperation), not a constraint case
      ({ value }) => raw('DescribeView', { InstanceId: '{instance}', ViewId: value }),
    ),
  invalidStrings('ViewDescription').map(({ value }) =>
    raw('CreateViewVersion', { InstanceId: '{instance}', ViewId: 'some-view', VersionDescription: value }),
  ),
  fc.constant(raw('UpdateViewMetadata', { InstanceId: '{instance}', ViewId: 'some-view', Name: '' })),
  // R20: content over the 400 KB cap, counted in UTF-8 bytes (multi-byte characters reach it sooner)
  fc.constantFrom('x', 'é', '中').map((ch) =>
    raw('CreateView', {
      InstanceId: '{instance}',
      Name: 'too-big',
      Status: 'SAVED',
      Content: {
        Template: JSON.stringify({
          Head: { Title: 'big' },
          Body: [
            {
              _id: 'c0',
              Type: 'Text',
              Props: { Text: ch.repeat(Math.ceil(410_000 / Buffer.byteLength(ch))) },
              Content: [],
            },
          ],
        }),
        Actions: [],
      },
    }),
  ),
]

/** R30: UpdateViewMetadata with neither Name nor Description, on a view that exists. */
const emptyMetadataUpdate: fc.Arbitrary<Cmd> = fc.constant({ op: 'UpdateViewMetadata', slot: 0 })

/** Valid CreateView inputs across the constraint space (names with unicode letters, descriptions, tags). */
const validCreate: fc.Arbitrary<Cmd> = fc
  .record({
    name: viewName,
    description: fc.option(viewDescription, { nil: undefined }),
    tags: fc.option(tags, { nil: undefined }),
    content: fc.oneof({ weight: 20, arbitrary: contentWithEdges }, { weight: 1, arbitrary: nearLimitContent }),
    status: fc.constantFrom('SAVED' as const, 'PUBLISHED' as const),
    token: fc.option(validString('ViewsClientToken', 20), { nil: undefined }),
  })
  .map((r) => {
    const cmd: Cmd = { op: 'CreateView', slot: 0, status: r.status, content: r.content, name: r.name }
    if (r.description !== undefined) cmd.description = r.description
    if (r.tags !== undefined) cmd.tags = r.tags
    if (r.token !== undefined) cmd.clientToken = r.token
    return cmd
  })

export const validation: SequentialProperty = {
  id: 'validation',
  title: 'Invalid input is a declared 4xx, valid input is accepted',
  rules: ['R24', 'R20', 'R30', 'R33', 'R34'],
  maxCommands: 8,
  numRuns: 60,
  commands: () => [
    ...invalidInputs,
    validCreate,
    emptyMetadataUpdate,
    fc.constant<Cmd>({ op: 'DeleteView', slot: 0, ref: 'id' }),
  ],
  check: (step, ctx) => checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode, ctx.assert),
}
