// The fixed, seeded corpus the SDK gate runs through both SDK versions: every covered operation's success
// path (bodies from the reference model, so they are realistic and internally consistent), every declared
// error class of every operation, and a few protocol edge cases where SDK releases have changed behaviour
// before (error-type spellings, lenient timestamps, unknown members, non-JSON bodies).
//
// The seed only varies the strings (names, descriptions, tags): characters that need JSON escaping, path
// label and query encoding. The same seed gives byte-identical cases.
import { OPERATION_NAMES, OPERATIONS, SHAPES, type ErrorName, type OperationName, type ShapeSpec } from '../spec'
import {
  AWS_MANAGED_VIEW_NAMES,
  DEFAULT_INSTANCE_ID,
  ViewsModel,
  awsManagedViewArn,
  deterministicOptions,
} from '../model'
import { seededRandom } from '../stub/faults' // the same mulberry32 the stub's faults draw from

export const DEFAULT_GATE_SEED = 20260101

export interface CannedResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type CaseKind = 'success' | 'error' | 'protocol'

export interface GateCase {
  /** Stable id used to pair the two SDKs' records, e.g. `success/03-DescribeView-saved`. */
  readonly id: string
  readonly op: OperationName
  readonly kind: CaseKind
  /** SDK command input. */
  readonly input: Readonly<Record<string, unknown>>
  readonly response: CannedResponse
}

/** One step of the success scenario: what was sent to the model and what it answered (wire JSON). */
export interface ScenarioStep {
  readonly label: string
  readonly op: OperationName
  readonly input: Record<string, unknown>
  readonly output: Record<string, unknown>
}

function seededStrings(seed: number) {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const word = (pool: readonly string[], n: number) => Array.from({ length: n }, () => pick(pool)).join('')
  // Allowed by the ViewName/ViewDescription patterns; letters outside ASCII exercise UTF-8 in bodies.
  const letters = ['a', 'b', 'Z', 'é', 'ß', 'Ω', 'ж', '字', '7', '_'] as const
  const punct = ['.', ':', '/', '=', '+', '-', '@', '(', ')', "'"] as const
  // Tag keys end up in UntagResource's query string, so they carry characters that must be percent-encoded.
  const keyChars = ['k', 'Ä', ' ', '/', '=', '+', ':', '@', '.', '_'] as const
  const n = () => word(letters, 4)
  return {
    name1: `Gate ${n()}${pick(punct)}${n()}`,
    name2: `draft-${n()}`,
    name3: `Renamed ${n()} ${pick(punct)}`,
    description: `Seed ${seed}: ${n()}, ${n()} (${pick(punct)})`,
    description2: `Updated ${n()}`,
    versionDescription: `v1 ${n()}`,
    clientToken: `token-${n()}`,
    tagKey1: `team${word(keyChars, 3)}`,
    tagKey2: `cost/centre=${word(keyChars, 2)}`,
    tagKey3: `added+${word(keyChars, 2)}`,
    // TagValue has no pattern: quotes, backslash, newline and an astral character test JSON escaping.
    tagValue1: `"quoted" \\ ${n()}\n${'\u{1F600}'}`,
    tagValue2: `${n()}`,
    tagValue3: '',
    action: `Submit ${n()}`,
  }
}

const TEMPLATE_1 = JSON.stringify({
  Head: { Title: 'Gate' },
  Body: [{ _id: 'a1', Type: 'Form', Props: { Heading: '$.Heading' }, Content: [] }],
})
const TEMPLATE_2 = JSON.stringify({
  Head: { Title: 'Gate v2' },
  Body: [{ _id: 'a1', Type: 'Detail', Props: {}, Content: [] }],
})

/**
 * Runs the success scenario on a fresh deterministic model: each step's output is the body the gate's
 * canned response carries, and the schema tests reuse the steps as "every operation's real output".
 */
export function successScenario(seed = DEFAULT_GATE_SEED): ScenarioStep[] {
  const s = seededStrings(seed)
  const model = new ViewsModel({ ...deterministicOptions() })
  const steps: ScenarioStep[] = []
  const run = (label: string, op: OperationName, input: Record<string, unknown>) => {
    const output = model.invoke(op, input)
    steps.push({ label, op, input, output })
    return output
  }
  const InstanceId = DEFAULT_INSTANCE_ID
  const view = (o: Record<string, unknown>) => o.View as { Id: string; Arn: string; ViewContentSha256: string }

  const v1 = view(
    run('published', 'CreateView', {
      InstanceId,
      ClientToken: s.clientToken,
      Status: 'PUBLISHED',
      Name: s.name1,
      Description: s.description,
      Content: { Template: TEMPLATE_1, Actions: [s.action, 'Cancel'] },
      Tags: { [s.tagKey1]: s.tagValue1, [s.tagKey2]: s.tagValue2 },
    }),
  )
  const v2 = view(
    run('saved', 'CreateView', {
      InstanceId,
      Status: 'SAVED',
      Name: s.name2,
      Content: { Template: '{}', Actions: [] },
    }),
  )
  run('unqualified', 'DescribeView', { InstanceId, ViewId: v1.Id })
  run('saved-qualifier', 'DescribeView', { InstanceId, ViewId: `${v1.Id}:$SAVED` })
  run('aws-managed-arn', 'DescribeView', {
    InstanceId,
    ViewId: awsManagedViewArn({ partition: 'aws', region: 'us-east-1', name: AWS_MANAGED_VIEW_NAMES[0] }),
  })
  const updated = view(
    run('published', 'UpdateViewContent', {
      InstanceId,
      ViewId: v1.Id,
      Status: 'PUBLISHED',
      Content: { Template: TEMPLATE_2, Actions: [s.action] },
    }),
  )
  run('name-and-description', 'UpdateViewMetadata', {
    InstanceId,
    ViewId: v1.Id,
    Name: s.name3,
    Description: s.description2,
  })
  run('with-checksum', 'CreateViewVersion', {
    InstanceId,
    ViewId: v1.Id,
    VersionDescription: s.versionDescription,
    ViewContentSha256: updated.ViewContentSha256,
  })
  run('by-arn-no-change', 'CreateViewVersion', { InstanceId, ViewId: v1.Arn })
  run('version-qualifier', 'DescribeView', { InstanceId, ViewId: `${v1.Id}:1` })
  const page1 = run('first-page', 'ListViews', { InstanceId, Type: 'CUSTOMER_MANAGED', MaxResults: 1 })
  run('next-page', 'ListViews', { InstanceId, Type: 'CUSTOMER_MANAGED', MaxResults: 1, NextToken: page1.NextToken })
  run('all', 'ListViews', { InstanceId })
  run('max-results', 'ListViewVersions', { InstanceId, ViewId: v1.Id, MaxResults: 10 })
  run('criteria-and-filter', 'SearchViews', {
    InstanceId,
    MaxResults: 5,
    SearchCriteria: {
      AndConditions: [
        { ViewTypeCondition: 'CUSTOMER_MANAGED' },
        { StringCondition: { FieldName: 'name', Value: s.name3.slice(0, 4), ComparisonType: 'STARTS_WITH' } },
      ],
    },
    SearchFilter: { AttributeFilter: { TagCondition: { TagKey: s.tagKey2, TagValue: s.tagValue2 } } },
  })
  run('add', 'TagResource', { resourceArn: v1.Arn, tags: { [s.tagKey3]: s.tagValue3 } })
  run('all', 'ListTagsForResource', { resourceArn: v1.Arn })
  run('two-keys', 'UntagResource', { resourceArn: v1.Arn, tagKeys: [s.tagKey1, s.tagKey3] })
  run('first', 'DeleteViewVersion', { InstanceId, ViewId: v1.Id, ViewVersion: 1 })
  run('saved-view', 'DeleteView', { InstanceId, ViewId: v2.Id })
  return steps
}

const JSON_HEADERS = { 'content-type': 'application/json' }

function requestId(n: number): string {
  return `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`
}

/** A plausible value for a modelled error member (enums: the first value; unions: their first member). */
function sampleValue(shapeName: string, member: string): unknown {
  const shape: ShapeSpec | undefined = SHAPES[shapeName]
  if (!shape) return `${member}-value`
  switch (shape.type) {
    case 'string':
      return shape.enum
        ? shape.enum[0]
        : member === 'ResourceId'
          ? 'arn:aws:connect:us-east-1:123456789012:instance/x/view/y'
          : `${member}-value`
    case 'integer':
    case 'long':
      return 1
    case 'boolean':
      return true
    case 'timestamp':
      return 1767225600
    case 'list':
      return [sampleValue(shape.member, member)]
    case 'map':
      return { key: sampleValue(shape.value, member) }
    case 'structure': {
      const entries = Object.entries(shape.members)
      const chosen = shape.union ? entries.slice(0, 1) : entries
      return Object.fromEntries(chosen.map(([m, spec]) => [spec.locationName, sampleValue(spec.shape, m)]))
    }
  }
}

function errorResponse(op: OperationName, error: ErrorName, rid: string): CannedResponse {
  const shape = SHAPES[error]
  if (shape?.type !== 'structure' || !shape.error) throw new Error(`${error} is not an error shape`)
  const body: Record<string, unknown> = {}
  for (const [member, spec] of Object.entries(shape.members)) {
    body[spec.locationName] =
      member === 'Message' ? `${op} answered ${error} (canned)` : sampleValue(spec.shape, member)
  }
  return {
    status: shape.error.httpStatus,
    headers: { ...JSON_HEADERS, 'x-amzn-errortype': error, 'x-amzn-requestid': rid },
    body: JSON.stringify(body),
  }
}

/** Protocol edge cases, all on DescribeView/DeleteView (the cheapest inputs). */
function protocolCases(
  describeInput: Record<string, unknown>,
  deleteInput: Record<string, unknown>,
  describeBody: Record<string, unknown>,
  rid: () => string,
) {
  const view = describeBody.View as Record<string, unknown>
  const cases: Array<Omit<GateCase, 'kind'>> = [
    {
      id: 'protocol/error-type-in-body-with-namespace',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 404,
        headers: { ...JSON_HEADERS, 'x-amzn-requestid': rid() },
        body: JSON.stringify({ __type: 'com.amazonaws.connect#ResourceNotFoundException', Message: 'not here' }),
      },
    },
    {
      id: 'protocol/error-type-header-with-suffix-lowercase-message',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 400,
        headers: {
          ...JSON_HEADERS,
          'x-amzn-errortype': 'InvalidRequestException:http://internal.amazon.com/coral/com.amazonaws.connect/',
          'x-amzn-requestid': rid(),
        },
        body: JSON.stringify({ message: 'lower-case message key' }),
      },
    },
    {
      id: 'protocol/undeclared-error-type',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 418,
        headers: { ...JSON_HEADERS, 'x-amzn-errortype': 'TeapotException', 'x-amzn-requestid': rid() },
        body: JSON.stringify({ Message: 'short and stout' }),
      },
    },
    {
      id: 'protocol/error-without-type',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 409,
        headers: { ...JSON_HEADERS, 'x-amzn-requestid': rid() },
        body: JSON.stringify({ Message: 'no type anywhere' }),
      },
    },
    {
      id: 'protocol/error-header-only-empty-body',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 409,
        headers: { 'x-amzn-errortype': 'ResourceInUseException', 'x-amzn-requestid': rid() },
        body: '',
      },
    },
    {
      id: 'protocol/lenient-timestamps-and-unknown-member',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 200,
        headers: { ...JSON_HEADERS, 'x-amzn-requestid': rid() },
        body: JSON.stringify({
          View: { ...view, CreatedTime: 1767225600.25, LastModifiedTime: '1767225601', NotInTheModel: { x: 1 } },
          AlsoUnknown: true,
        }),
      },
    },
    {
      id: 'protocol/iso-timestamp',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 200,
        headers: { ...JSON_HEADERS, 'x-amzn-requestid': rid() },
        body: JSON.stringify({ View: { ...view, CreatedTime: '2026-01-01T00:00:00Z' } }),
      },
    },
    {
      id: 'protocol/unknown-enum-value',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 200,
        headers: { ...JSON_HEADERS, 'x-amzn-requestid': rid() },
        body: JSON.stringify({ View: { ...view, Status: 'DRAFT' } }),
      },
    },
    {
      id: 'protocol/html-502',
      op: 'DescribeView',
      input: describeInput,
      response: {
        status: 502,
        headers: { 'content-type': 'text/html', 'x-amzn-requestid': rid() },
        body: '<html><body>Bad Gateway</body></html>',
      },
    },
    {
      id: 'protocol/empty-success-body',
      op: 'DeleteView',
      input: deleteInput,
      response: { status: 200, headers: { 'x-amzn-requestid': rid() }, body: '' },
    },
  ]
  return cases.map((c): GateCase => ({ ...c, kind: 'protocol' }))
}

export function buildCorpus(seed = DEFAULT_GATE_SEED): GateCase[] {
  let n = 0
  const rid = () => requestId(++n)
  const steps = successScenario(seed)
  const cases: GateCase[] = steps.map((st, i) => ({
    id: `success/${String(i + 1).padStart(2, '0')}-${st.op}-${st.label}`,
    op: st.op,
    kind: 'success',
    input: st.input,
    response: { status: 200, headers: { ...JSON_HEADERS, 'x-amzn-requestid': rid() }, body: JSON.stringify(st.output) },
  }))
  const firstStep = (op: OperationName) => {
    const st = steps.find((x) => x.op === op)
    if (!st) throw new Error(`corpus: the success scenario has no ${op} step`)
    return st
  }
  for (const op of OPERATION_NAMES) {
    const input = firstStep(op).input
    for (const error of OPERATIONS[op].errors) {
      cases.push({ id: `error/${op}/${error}`, op, kind: 'error', input, response: errorResponse(op, error, rid()) })
    }
  }
  cases.push(
    ...protocolCases(
      firstStep('DescribeView').input,
      firstStep('DeleteView').input,
      firstStep('DescribeView').output,
      rid,
    ),
  )
  return cases
}
