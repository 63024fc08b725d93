// Response validation against the schemas generated from the pinned SDK's types: the reference model's and
// the stub's outputs validate; ISO timestamps, unknown enum values and unknown members are caught with
// their JSON path; the documented relaxation only relaxes unknown members.
import * as sdk from '@aws-sdk/client-connect'
import type { HttpHandler } from '@smithy/protocol-http'
import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { deterministicOptions, DEFAULT_INSTANCE_ID } from '../../src/model'
import {
  readSchemaSet,
  formatViolations,
  pointerToJsonPath,
  validateSdkInput,
  validateSdkOutput,
  validateWireOutput,
  type ValidationResult,
} from '../../src/schemas'
import { successScenario } from '../../src/sdk-gate/corpus'
import { OPERATION_NAMES, type OperationName } from '../../src/spec'
import { createStubCore, StubHttpHandler, STUB_CREDENTIALS, type StubCoreOptions } from '../../src/stub'

function expectOk(r: ValidationResult, what: string): void {
  expect(r.ok, `${what}:\n${formatViolations(r)}`).toBe(true)
}

/** Violations sorted by path (ajv's order follows schema traversal, which is not part of the contract). */
function violations(r: ValidationResult): Array<{ path: string; message: string }> {
  return r.ok ? [] : [...r.errors].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** A ConnectClient on an in-process stub that also keeps every raw response body. */
function recordingStubClient(opts: StubCoreOptions) {
  const inner = new StubHttpHandler(createStubCore(opts))
  const bodies: string[] = []
  const handler: HttpHandler = {
    async handle(req, o) {
      const out = await inner.handle(req)
      bodies.push(new TextDecoder().decode(out.response.body as Uint8Array))
      void o
      return out
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  const client = new sdk.ConnectClient({
    region: 'us-east-1',
    credentials: STUB_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: handler,
  })
  const send = (op: OperationName, input: Record<string, unknown>) => {
    const Command = (sdk as unknown as Record<string, new (i: unknown) => never>)[`${op}Command`]
    return client.send(Command ? new Command(input) : (undefined as never)) as unknown as Promise<
      Record<string, unknown>
    >
  }
  return { send, lastBody: () => bodies[bodies.length - 1] }
}

describe('the reference model', () => {
  it.each([20260101, 1, 424242])('every operation output validates on the wire (seed %i)', (seed) => {
    const steps = successScenario(seed)
    expect(new Set(steps.map((s) => s.op))).toEqual(new Set(OPERATION_NAMES))
    for (const s of steps) {
      expectOk(validateWireOutput(s.op, s.output), `${s.op} ${s.label}`)
      expectOk(validateSdkInput(s.op, s.input), `${s.op} ${s.label} input`)
    }
  })
})

describe('the stub', () => {
  it('every raw body validates on the wire, and the SDK output validates as SDK output', async () => {
    // Same deterministic ids/clock/token secret as the scenario's own model, so its inputs replay here.
    const { send, lastBody } = recordingStubClient({ modelOptions: { ...deterministicOptions() } })
    for (const s of successScenario()) {
      const out = await send(s.op, s.input)
      expectOk(validateWireOutput(s.op, lastBody()), `${s.op} ${s.label} wire`)
      expectOk(validateSdkOutput(s.op, out), `${s.op} ${s.label} sdk`)
      // the wire schema is not the SDK schema: epoch seconds fail where the SDK has Dates
      if (JSON.stringify(JSON.parse(lastBody())).includes('CreatedTime'))
        expect(validateSdkOutput(s.op, JSON.parse(lastBody())).ok).toBe(false)
    }
  })

  it('quirk iso-timestamps (R32) is caught at the timestamp paths', async () => {
    const { send, lastBody } = recordingStubClient({
      modelOptions: { ...deterministicOptions(), quirks: ['iso-timestamps'] },
    })
    await expect(
      send('CreateView', {
        InstanceId: DEFAULT_INSTANCE_ID,
        Name: 'iso',
        Status: 'PUBLISHED',
        Content: { Template: '{}', Actions: [] },
      }),
    ).rejects.toThrow()
    const v = violations(validateWireOutput('CreateView', lastBody()))
    expect(v.map((x) => x.path).sort()).toEqual(['$.View.CreatedTime', '$.View.LastModifiedTime'])
    expect(v[0].message).toMatch(/^must be number; got "20\d\d-\d\d-\d\dT/)
  })

  it('quirk unknown-enum-value (View.Status "DRAFT") is caught on the wire and in the SDK output', async () => {
    const { send, lastBody } = recordingStubClient({
      modelOptions: { ...deterministicOptions(), quirks: ['unknown-enum-value'] },
    })
    const out = await send('CreateView', {
      InstanceId: DEFAULT_INSTANCE_ID,
      Name: 'draft',
      Status: 'SAVED',
      Content: { Template: '{}', Actions: [] },
    })
    expect((out.View as { Status: string }).Status).toBe('DRAFT') // the SDK passes unknown enum values through
    const expected = [{ path: '$.View.Status', message: 'must be one of PUBLISHED, SAVED; got "DRAFT"' }]
    expect(violations(validateWireOutput('CreateView', lastBody()))).toEqual(expected)
    expect(violations(validateSdkOutput('CreateView', out))).toEqual(expected)
  })
})

describe('hand-made bodies', () => {
  const view = {
    Id: 'v',
    Arn: 'arn',
    Name: 'n',
    Status: 'PUBLISHED',
    Type: 'CUSTOMER_MANAGED',
    CreatedTime: 1767225600,
    LastModifiedTime: 1767225600.5,
  }

  it('an unknown member is a violation unless additionalProperties is explicitly allowed', () => {
    const body = { View: { ...view, Shiny: true } }
    expect(violations(validateWireOutput('DescribeView', body))).toEqual([
      { path: '$.View.Shiny', message: 'is not a member of the SDK type (additionalProperties: false)' },
    ])
    expect(validateWireOutput('DescribeView', body, { additionalProperties: 'allow' })).toEqual({ ok: true })
  })

  it('allowing unknown members still checks enums and types', () => {
    const body = {
      ViewsSummaryList: [
        { Id: 'a', Type: 'AWS_MANAGED' },
        { Id: 'b', Type: 'PARTNER_MANAGED', Extra: 1 },
      ],
      NextToken: 5,
    }
    expect(violations(validateWireOutput('ListViews', body, { additionalProperties: 'allow' }))).toEqual([
      { path: '$.NextToken', message: 'must be string; got 5' },
      {
        path: '$.ViewsSummaryList[1].Type',
        message: 'must be one of AWS_MANAGED, CUSTOMER_MANAGED; got "PARTNER_MANAGED"',
      },
    ])
  })

  it('a millisecond timestamp is a number, so it passes: the schema cannot see units (docs/toolchain-notes.md §1)', () => {
    expectOk(validateWireOutput('DescribeView', { View: { ...view, CreatedTime: 1767225600000 } }), 'millis')
  })

  it('bodies given as text: empty means {}, invalid JSON is reported at $', () => {
    expectOk(validateWireOutput('TagResource', ''), 'empty TagResource body')
    expect(violations(validateWireOutput('TagResource', '{"Tags":{}}'))).toEqual([
      { path: '$.Tags', message: 'is not a member of the SDK type (additionalProperties: false)' },
    ])
    expect(violations(validateWireOutput('DeleteView', '{nope'))[0]).toMatchObject({
      path: '$',
      message: expect.stringMatching(/^body is not JSON/),
    })
  })

  it('map keys that are not identifiers are quoted in the path', () => {
    const r = validateWireOutput('ListTagsForResource', { tags: { 'cost/centre': 7 } })
    expect(violations(r)).toEqual([{ path: '$.tags["cost/centre"]', message: 'must be string; got 7' }])
  })

  it('SDK outputs: Dates validate, $metadata is ignored', () => {
    const out = {
      View: { ...view, CreatedTime: new Date(0), LastModifiedTime: new Date(1000) },
      $metadata: { httpStatusCode: 200 },
    }
    expectOk(validateSdkOutput('DescribeView', out), 'sdk output')
  })

  it('SDK inputs: required members and enums', () => {
    expect(
      violations(validateSdkInput('CreateView', { InstanceId: 'i', Name: 'n', Status: 'LIVE', Content: {} })),
    ).toEqual([{ path: '$.Status', message: 'must be one of PUBLISHED, SAVED; got "LIVE"' }])
    expect(violations(validateSdkInput('DescribeView', { InstanceId: 'i' }))).toEqual([
      { path: '$.ViewId', message: 'is required' },
    ])
  })
})

it('every committed schema, shared types included, compiles under ajv strict mode', () => {
  const addFormats = (addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport
  const set = readSchemaSet()
  expect(Object.keys(set.schemas).length).toBeGreaterThanOrEqual(45)
  for (const [file, schema] of Object.entries(set.schemas)) {
    const ajv = new Ajv({ strict: true })
    addFormats(ajv)
    expect(() => ajv.compile(schema), file).not.toThrow()
  }
})

it('pointerToJsonPath', () => {
  expect(pointerToJsonPath('')).toBe('$')
  expect(pointerToJsonPath('/View/Content/Actions/0')).toBe('$.View.Content.Actions[0]')
  expect(pointerToJsonPath('/tags/a~1b~0c')).toBe('$.tags["a/b~c"]')
})
