// biome-ignore-all lint/suspicious/noTemplateCurlyInString: '${instanceId}' and the like are Pact provider-state expressions, literal on purpose
// Building blocks of the consumer contract: example values, matchers for every nondeterministic field,
// provider-state-injected path segments, and the shape of one contract case. The consumer is the real
// ConnectClient (SigV4, restJson1 serde, error mapping); the mock server answers with the examples below.
import { ConnectClient } from '@aws-sdk/client-connect'
import { HTTPResponseStatusClass, MatchersV3 as M, type Matcher, type StatusCodeMatcher } from '@pact-foundation/pact'
import { DEFAULT_ACCOUNT_ID, DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../../src/model/options'
import { customerViewArn } from '../../src/model/view-ref'
import { pathSegment, type StateName } from '../../src/verification/provider-states'
import { contentRevision } from '../../src/verification/state-arranger'
import { OPERATIONS, SHAPES, type ErrorName, type OperationName, type RuleId } from '../../src/spec'

/** Fake, non-AWS-looking credentials: only their signature's shape reaches the pact. */
export const CONSUMER_CREDENTIALS = {
  accessKeyId: 'CVCPACTKEY',
  secretAccessKey: 'cvc-pact-consumer-secret-not-real',
} as const

export function consumerClient(endpoint: string): ConnectClient {
  return new ConnectClient({ endpoint, region: DEFAULT_REGION, credentials: CONSUMER_CREDENTIALS, maxAttempts: 1 })
}

/** Example values the mock server and the consumer's SDK calls use (the provider injects its own). */
export const EX = {
  instanceId: DEFAULT_INSTANCE_ID,
  viewId: '0f5e7c2a-3b1d-4e8f-9a6b-7c2d1e0f3a4b',
  missingViewId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  viewName: 'cvc-example-pact-view',
  newViewName: 'cvc-example-pact-new-view',
  runTag: 'example',
  sha256: 'a'.repeat(64),
  staleSha256: 'b'.repeat(64),
  nextToken: 'eyJleGFtcGxlIjp0cnVlfQ.example-token',
  requestId: '8f3c2b1a-0e9d-4c7b-a6f5-4e3d2c1b0a99',
  createdTime: 1767225600.25,
  modifiedTime: 1767225661.5,
} as const

export const EX_VIEW_ARN = customerViewArn({
  partition: 'aws',
  region: DEFAULT_REGION,
  account: DEFAULT_ACCOUNT_ID,
  instanceId: EX.instanceId,
  viewId: EX.viewId,
})
export const EX_MISSING_VIEW_ARN = customerViewArn({
  partition: 'aws',
  region: DEFAULT_REGION,
  account: DEFAULT_ACCOUNT_ID,
  instanceId: EX.instanceId,
  viewId: EX.missingViewId,
})
export const EX_CONTENT = contentRevision(1)

// ---- regexes (sources only: they are stored in the pact and run by the Rust matcher) ----
const ID = '[-a-zA-Z0-9_]{1,100}'
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const VIEW_ARN = `arn:aws[-a-z]*:connect:[-a-z0-9]+:[0-9]{12}:instance/${ID}/view/${ID}`
/** A qualifier (R1). Whether an answer's Id/Arn carries one is not documented, so answers may have it or not. */
const QUALIFIER = '(:(\\$SAVED|\\$LATEST|[0-9]+))?'
const ARN_SEGMENT = `arn%3Aaws[-a-z]*%3Aconnect%3A[-a-z0-9]+%3A[0-9]{12}%3Ainstance%2F${ID}%2Fview%2F${ID}`
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A value the provider injects (`${key}` expressions), checked against `regex` on the consumer side. */
export function injected<T extends string>(
  expression: string,
  regex: string,
  example: T,
): Matcher<T> & { regex: string; expression: string } {
  if (!new RegExp(`^${regex}$`).test(example))
    throw new Error(`example ${example} does not match its own pattern ${regex}`)
  return {
    'pact:matcher:type': 'regex',
    regex: `^${regex}$`,
    'pact:generator:type': 'ProviderState',
    expression,
    value: example,
  }
}

/** `/views/${instanceId}` + segments; each segment is a literal or an injected key. */
export function viewsPath(
  ...segments: ({ key: 'viewId' | 'viewArnPath' | 'missingViewId'; suffix?: string } | string)[]
): Matcher<string> {
  let expression = '/views/${instanceId}'
  let regex = `/views/${ID}`
  let example = `/views/${EX.instanceId}`
  for (const s of segments) {
    if (typeof s === 'string') {
      expression += `/${s}`
      regex += `/${esc(s)}`
      example += `/${s}`
      continue
    }
    const suffix = s.suffix ?? ''
    expression += `/\${${s.key}}${suffix}`
    regex += `/${s.key === 'viewArnPath' ? ARN_SEGMENT : ID}${esc(suffix)}`
    example += `/${s.key === 'viewArnPath' ? pathSegment(EX_VIEW_ARN) : s.key === 'missingViewId' ? EX.missingViewId : EX.viewId}${suffix}`
  }
  return injected(expression, regex, example)
}

export function tagsPath(key: 'viewArnPath' | 'missingViewArnPath'): Matcher<string> {
  const example = pathSegment(key === 'viewArnPath' ? EX_VIEW_ARN : EX_MISSING_VIEW_ARN)
  return injected(`/tags/\${${key}}`, `/tags/${ARN_SEGMENT}`, `/tags/${example}`)
}

export const instanceIdValue = () => injected('${instanceId}', UUID, EX.instanceId)
export const viewNameValue = () => injected('${viewName}', 'cvc-[-a-zA-Z0-9_.]+', EX.viewName)
export const newViewNameValue = () => injected('${newViewName}', 'cvc-[-a-zA-Z0-9_.]+', EX.newViewName)
export const runTagValue = () => injected('${runTag}', '[a-z0-9]{1,24}', EX.runTag)
export const sha256Value = (key: 'sha256' | 'staleSha256') =>
  injected(`\${${key}}`, '[0-9a-fA-F]{64}', key === 'sha256' ? EX.sha256 : EX.staleSha256)
export const nextTokenValue = () => injected('${nextToken}', '[a-zA-Z0-9=/+_.-]{1,4096}', EX.nextToken)

// ---- response matchers ----
/** Epoch SECONDS as a JSON number (9–10 integer digits: milliseconds would silently parse to year 55840). */
export function epochSeconds(example: number): Matcher<number> {
  return { 'pact:matcher:type': 'regex', regex: '^[0-9]{9,10}(\\.[0-9]+)?$', value: example } as Matcher<number>
}
export const viewId = () => M.regex(new RegExp(`^${UUID}${QUALIFIER}$`), EX.viewId)
export const viewArn = () => M.regex(new RegExp(`^${VIEW_ARN}${QUALIFIER}$`), EX_VIEW_ARN)
/** A numbered version's ARN: the view ARN, qualified with the number (R37, inferred from CloudFormation). */
export const versionArn = (n: number) => M.regex(new RegExp(`^${VIEW_ARN}(:[0-9]+)?$`), `${EX_VIEW_ARN}:${n}`)
export const sha256 = () => M.regex(/^[0-9a-fA-F]{64}$/, EX.sha256)
export const nextToken = () => M.regex(/^[a-zA-Z0-9=/+_.-]{1,4096}$/, EX.nextToken)
export const requestIdHeader = () => ({ 'x-amzn-requestid': M.regex(new RegExp(`^${UUID}$`), EX.requestId) })
/** Matches the SigV4 shape only; the pact stores this all-zero example, never a real signature. */
export const sigv4Authorization = () =>
  M.regex(
    /^AWS4-HMAC-SHA256 Credential=[A-Za-z0-9]+\/[0-9]{8}\/[-a-z0-9]+\/connect\/aws4_request, SignedHeaders=[-a-z0-9;]+, Signature=[0-9a-f]{64}$/,
    `AWS4-HMAC-SHA256 Credential=${CONSUMER_CREDENTIALS.accessKeyId}/20260101/${DEFAULT_REGION}/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  )

export interface ViewShape {
  /** The example; the matcher takes either value (which status each snapshot reports is not documented). */
  status: 'PUBLISHED' | 'SAVED'
  /** Exact version number (numbered versions); omitted for $LATEST/$SAVED, whose Version field is undocumented (R35). */
  version?: number
  versionDescription?: string
  /** ViewContentSha256 is present once something is published (R13). */
  sha?: boolean
}

/** A ViewStatus: the enum is documented, the value a given snapshot reports is not. */
export const viewStatus = (example: 'PUBLISHED' | 'SAVED') => M.regex(/^(PUBLISHED|SAVED)$/, example)

/**
 * The View fields a client relies on: nondeterministic ones by pattern, those the docs leave open by pattern
 * too (qualified or bare Id/Arn, Status), and exactly only what the docs and the arranged state pin down
 * (Type, Version and VersionDescription of a numbered version).
 */
export function viewBody(s: ViewShape): Record<string, unknown> {
  return {
    Id: viewId(),
    Arn: s.version !== undefined ? versionArn(s.version) : viewArn(),
    Name: M.string(EX.viewName),
    Status: viewStatus(s.status),
    Type: 'CUSTOMER_MANAGED',
    Content: { Template: M.string(EX_CONTENT.Template), Actions: M.eachLike('Submit') },
    CreatedTime: epochSeconds(EX.createdTime),
    LastModifiedTime: epochSeconds(EX.modifiedTime),
    ...(s.sha ? { ViewContentSha256: sha256() } : {}),
    ...(s.version !== undefined ? { Version: s.version } : {}),
    ...(s.versionDescription !== undefined ? { VersionDescription: s.versionDescription } : {}),
  }
}

export const viewSummary = () => ({
  Id: viewId(),
  Arn: viewArn(),
  Name: M.string(EX.viewName),
  Type: 'CUSTOMER_MANAGED',
  Status: viewStatus('PUBLISHED'),
})

/** `x-amzn-errortype` as AWS sends it: the bare name, optionally followed by ":<namespace URL>". */
export function errorType(names: readonly string[]): Matcher<string> {
  return M.regex(new RegExp(`^(${names.join('|')})(:.*)?$`), names[0]!)
}

export interface ErrorShape {
  status: number | StatusCodeMatcher<number>
  names: readonly string[]
}

export function errorResponse(e: ErrorShape): ContractCase['response'] {
  return {
    status: e.status,
    headers: { ...requestIdHeader(), 'x-amzn-errortype': errorType(e.names) },
    body: { Message: M.string('The request could not be completed') },
  }
}

/** An undocumented 4xx: any client error, with any of the candidate classes (choices.ts checksumConflictError). */
export const anyClientError = (example: number) => M.matchStatus(example, HTTPResponseStatusClass.ClientError)

/**
 * The client-fault errors an operation declares, but throttling (429 says nothing about the request): the
 * answer to a rejection whose class the docs leave open (a rule whose errorClass is not documented).
 */
export function declaredClientErrors(op: OperationName, first: ErrorName): ErrorName[] {
  const client = (OPERATIONS[op].errors as readonly ErrorName[]).filter((e) => {
    const shape = SHAPES[e]
    return shape?.type === 'structure' && shape.error?.fault === 'client' && shape.error.httpStatus !== 429
  })
  return [first, ...client.filter((e) => e !== first)]
}

export interface ContractCase {
  /** Unique; the provider's per-interaction results are keyed by it. */
  description: string
  /**
   * Catalogue ids (src/spec/rules.ts) of what the interaction checks: recorded into the pact as data, they
   * decide which modes assert it, which rules its verdict counts for, and which rule a failure is blamed on.
   */
  rules: readonly RuleId[]
  state: StateName
  params?: Record<string, string | number | boolean | Record<string, string>>
  request: {
    method: 'GET' | 'PUT' | 'POST' | 'DELETE'
    path: string | Matcher<string>
    query?: Record<string, string | Matcher<string> | (string | Matcher<string>)[]>
    body?: unknown
  }
  response: {
    status: number | StatusCodeMatcher<number>
    headers?: Record<string, string | Matcher<string>>
    body?: unknown
  }
  /** Calls the operation through the real ConnectClient and asserts what a client relies on. */
  exercise(client: ConnectClient): Promise<void>
}
