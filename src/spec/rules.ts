// The rule catalogue: every behavioural rule the model implements and the harness may assert.
// confidence:
//   documented      — stated by the AWS API reference / service model; always asserted.
//   inferred        — reasoned from indirect evidence; asserted only in strict mode or once a recorded
//                     live run confirms it.
//   unknown-choice  — AWS does not say; the stub picks the default named in src/choices/catalogue.ts. Never
//                     asserted unless a recording confirms the specific choice.
// errorClass: for rules whose outcome is an error, how sure we are of the exact class. A documented rule
// with a non-documented class is asserted as "some declared 4xx", and the class only in strict mode.
import type { ChoiceName } from '../choices/catalogue'
import type { ErrorName, OperationName } from './service-model.generated'

export type Confidence = 'documented' | 'inferred' | 'unknown-choice'

export interface Rule {
  readonly id: string
  readonly statement: string
  readonly source: string
  readonly confidence: Confidence
  readonly errorClass?: { readonly name: ErrorName | `choice:${ChoiceName}`; readonly confidence: Confidence }
  readonly choice?: ChoiceName
  readonly operations: readonly OperationName[]
}

const VIEW_READ_OPS: OperationName[] = ['DescribeView', 'ListViewVersions']
const VIEW_WRITE_OPS: OperationName[] = [
  'UpdateViewContent',
  'UpdateViewMetadata',
  'CreateViewVersion',
  'DeleteView',
  'DeleteViewVersion',
]
const TAG_OPS: OperationName[] = ['TagResource', 'UntagResource', 'ListTagsForResource']
const ALL_OPS: OperationName[] = [
  'CreateView',
  ...VIEW_READ_OPS,
  ...VIEW_WRITE_OPS,
  'ListViews',
  'SearchViews',
  ...TAG_OPS,
]

// Sources are public URLs or files in this repository. The API Reference pages carry the same text as the
// service model's documentation strings (fixtures/service-model/, botocore 1.43.11).
/** The AWS API Reference pages of operations or data types ("View.Tags" is a member of View), and what they say that the rule rests on. */
const api = (pages: string, what = '') =>
  `AWS API Reference ${pages}${what ? ` ${what}` : ''}: ${pages
    .split('/')
    .map((p) => `https://docs.aws.amazon.com/connect/latest/APIReference/API_${p.split('.')[0]}.html`)
    .join(' ')}`
const MODEL = 'service model (fixtures/service-model/connect-views.service-model.json, botocore 1.43.11)'
/** View ARN formats, AWS-managed ones included. */
const ARN_FORMATS =
  'ARN formats: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html'
const CFN_VIEW =
  'CloudFormation AWS::Connect::View: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-view.html'
const CFN_VIEW_VERSION =
  'CloudFormation AWS::Connect::ViewVersion: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-connect-viewversion.html'
const REST_JSON = 'Smithy restJson1 protocol: https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html'

const CATALOGUE = [
  {
    id: 'R1',
    statement:
      'Qualifiers: <id-or-arn>:$SAVED (draft), :$LATEST (published), :N (immutable version); numbers carry no $.',
    source: `${api('DescribeView')}; ${ARN_FORMATS}`,
    confidence: 'documented',
    operations: ['DescribeView'],
  },
  {
    id: 'R2',
    statement: 'CreateView SAVED stores content under $SAVED only; PUBLISHED under $SAVED and $LATEST.',
    source: api('CreateView'),
    confidence: 'documented',
    operations: ['CreateView'],
  },
  {
    id: 'R3',
    statement:
      'UpdateViewContent always rewrites $SAVED and rewrites $LATEST only when Status=PUBLISHED; numbered versions are never touched.',
    source: api('UpdateViewContent'),
    confidence: 'documented',
    operations: ['UpdateViewContent'],
  },
  {
    id: 'R4',
    statement:
      'SAVED content gets basic validation, PUBLISHED full validation; failing content is rejected (criteria undocumented).',
    source: api('CreateView/UpdateViewContent'),
    confidence: 'unknown-choice',
    choice: 'publishedTemplateValidation',
    errorClass: { name: 'choice:validationErrorClass', confidence: 'unknown-choice' },
    operations: ['CreateView', 'UpdateViewContent'],
  },
  {
    id: 'R5',
    statement: 'View names are unique per instance; a clash in CreateView or UpdateViewMetadata is rejected.',
    source: api('CreateView', '("unique name for each connect instance")'),
    confidence: 'documented',
    choice: 'duplicateNameError',
    errorClass: { name: 'choice:duplicateNameError', confidence: 'inferred' },
    operations: ['CreateView', 'UpdateViewMetadata'],
  },
  {
    id: 'R6',
    statement:
      'CreateView with a ClientToken already used in the instance returns the view it created (the same Id and Arn) instead of failing, and creates no second view; SDKs never fill the token.',
    source: `${api('CreateView', '("idempotent if ClientToken is provided")')}; the SDK's idempotencyToken trait on ClientToken (@aws-sdk/client-connect 3.1136.0, dist-es/schemas/schemas_0.js)`,
    confidence: 'documented',
    operations: ['CreateView'],
  },
  {
    id: 'R6a',
    statement:
      'A ClientToken retry after the view changed answers the view as it is now ($LATEST once published, else $SAVED); the answer of the first call or the current $SAVED are as likely.',
    source: api(
      'CreateView',
      '("idempotent if ClientToken is provided": the content of a retried answer is undocumented)',
    ),
    confidence: 'unknown-choice',
    choice: 'clientTokenRetryAnswer',
    operations: ['CreateView'],
  },
  {
    id: 'R7',
    statement:
      'DescribeView without qualifier reads $LATEST of a customer view; a never-published view fails unqualified; :$SAVED reads the draft.',
    source: api('DescribeView'),
    confidence: 'documented',
    choice: 'unpublishedDescribe',
    errorClass: { name: 'choice:unpublishedDescribe', confidence: 'unknown-choice' },
    operations: ['DescribeView'],
  },
  {
    id: 'R8',
    statement:
      'AWS-managed views are addressed by ARN arn:aws:connect:{region}:aws:view/{name}, have Type=AWS_MANAGED, and resolve unqualified to version 1.',
    source: `${api('DescribeView')}; ${ARN_FORMATS}`,
    confidence: 'documented',
    operations: ['DescribeView', 'ListViews'],
  },
  {
    id: 'R9',
    statement: 'AWS-managed views are read-only: update, publish, delete and tagging are rejected.',
    source: `no explicit doc; views of account "aws" (${ARN_FORMATS}), CloudFormation creates only customer views (${CFN_VIEW})`,
    confidence: 'inferred',
    choice: 'awsManagedMutationError',
    errorClass: { name: 'choice:awsManagedMutationError', confidence: 'unknown-choice' },
    operations: [...VIEW_WRITE_OPS, ...TAG_OPS],
  },
  {
    id: 'R10',
    statement:
      'CreateViewVersion snapshots $LATEST into a new immutable version numbered highest+1; versions never change afterwards.',
    source: api('CreateViewVersion', '("immutable and monotonically increasing")'),
    confidence: 'documented',
    choice: 'unpublishedCreateVersionError',
    errorClass: { name: 'choice:unpublishedCreateVersionError', confidence: 'unknown-choice' },
    operations: ['CreateViewVersion', 'DescribeView'],
  },
  {
    id: 'R11',
    statement:
      "If $LATEST equals the highest version's content, CreateViewVersion returns that version and creates nothing.",
    source: api('CreateViewVersion', '("returns the highest version if there is no change")'),
    confidence: 'documented',
    operations: ['CreateViewVersion'],
  },
  {
    id: 'R12',
    statement:
      "A supplied ViewContentSha256 that differs from $LATEST's is rejected and creates nothing; omitted means no check.",
    source: api('CreateViewVersion', '("An error is displayed if the supplied ViewContentSha256 is different")'),
    confidence: 'documented',
    choice: 'checksumConflictError',
    errorClass: { name: 'choice:checksumConflictError', confidence: 'unknown-choice' },
    operations: ['CreateViewVersion'],
  },
  {
    id: 'R13',
    statement:
      'View.ViewContentSha256 is the checksum of the latest published ($LATEST) content: it changes iff $LATEST content changes.',
    source: api('View.ViewContentSha256'),
    confidence: 'documented',
    operations: ['DescribeView', 'CreateView', 'UpdateViewContent', 'CreateViewVersion'],
  },
  {
    id: 'R14',
    statement:
      "Checksums are 64 lowercase hex characters (SHA-256); the hashed bytes are undocumented, clients must echo the service's value.",
    source: `${CFN_VIEW_VERSION} ({64}); ${api('View.ViewContentSha256')}`,
    confidence: 'unknown-choice',
    choice: 'checksumInput',
    operations: ['DescribeView', 'CreateViewVersion', 'CreateView', 'UpdateViewContent'],
  },
  {
    id: 'R15',
    statement: 'LastModifiedTime moves on UpdateViewContent and on a CreateViewVersion that creates a version.',
    source: api('View.LastModifiedTime'),
    confidence: 'documented',
    operations: ['UpdateViewContent', 'CreateViewVersion'],
  },
  {
    id: 'R16',
    statement: 'DeleteView removes the view with every qualifier: $SAVED, $LATEST and all numbered versions.',
    source: api('DeleteView'),
    confidence: 'documented',
    operations: ['DeleteView'],
  },
  {
    id: 'R17',
    statement: 'DeleteViewVersion removes exactly one numbered version; the aliases and other versions stay.',
    source: api('DeleteViewVersion'),
    confidence: 'documented',
    operations: ['DeleteViewVersion'],
  },
  {
    id: 'R18',
    statement: 'ListViews is sorted by Type then Name; ListViewVersions by version, highest first.',
    source: api('ListViews/ListViewVersions'),
    confidence: 'documented',
    operations: ['ListViews', 'ListViewVersions'],
  },
  {
    id: 'R18a',
    statement: 'Within a type, ListViews orders names by UTF-16 code unit (collation undocumented).',
    source: 'none',
    confidence: 'unknown-choice',
    choice: 'listViewsNameOrder',
    operations: ['ListViews'],
  },
  {
    id: 'R18b',
    statement:
      'ListViews lists AWS-managed views before customer-managed ones (R18 documents type-then-name, not which type comes first).',
    source: 'none',
    confidence: 'unknown-choice',
    choice: 'listViewsTypeOrder',
    operations: ['ListViews'],
  },
  {
    id: 'R19',
    statement: 'Content.InputSchema is generated by the service from the template (algorithm undocumented).',
    source: api('ViewInputContent', '("the runtime input schema, which is auto-generated")'),
    confidence: 'unknown-choice',
    choice: 'inputSchemaField',
    operations: ['DescribeView'],
  },
  {
    id: 'R20',
    statement: 'View content larger than 400 KB (uncompressed) is rejected.',
    source: api('View.Content'),
    confidence: 'documented',
    errorClass: { name: 'choice:validationErrorClass', confidence: 'inferred' },
    operations: ['CreateView', 'UpdateViewContent'],
  },
  {
    id: 'R21',
    statement:
      'Tags belong to the view, not a version; tagging operates on the unqualified view ARN and mirrors View.Tags.',
    source: `${api('View.Tags')}; ${CFN_VIEW}`,
    confidence: 'inferred',
    operations: TAG_OPS,
  },
  {
    id: 'R22',
    statement:
      'Quotas (views per instance, versions per view) are answered with ServiceQuotaExceededException (HTTP 402); values undocumented.',
    source: MODEL,
    confidence: 'documented',
    errorClass: { name: 'ServiceQuotaExceededException', confidence: 'documented' },
    operations: ['CreateView', 'CreateViewVersion'],
  },
  {
    id: 'R23',
    statement:
      'Throttling is HTTP 429: TooManyRequestsException on view operations, ThrottlingException on tagging and SearchViews.',
    source: MODEL,
    confidence: 'documented',
    operations: ALL_OPS,
  },
  {
    id: 'R24',
    statement:
      "Input violating the model's constraints (required, length, pattern, enum, range) is rejected with a 4xx, never accepted or a 5xx.",
    source: MODEL,
    confidence: 'documented',
    errorClass: { name: 'choice:validationErrorClass', confidence: 'inferred' },
    operations: ALL_OPS,
  },
  {
    id: 'R25',
    statement: 'An unknown instance, view or version is answered with ResourceNotFoundException (404).',
    source: `${MODEL} ResourceNotFoundException ("The specified resource was not found")`,
    confidence: 'documented',
    errorClass: { name: 'ResourceNotFoundException', confidence: 'documented' },
    operations: ALL_OPS,
  },
  {
    id: 'R26',
    statement: 'Version numbers are never reused, also after DeleteViewVersion of the highest version.',
    source: api('CreateViewVersion', '("monotonically increasing")'),
    confidence: 'inferred',
    choice: 'versionNumbering',
    operations: ['CreateViewVersion', 'DeleteViewVersion'],
  },
  {
    id: 'R26a',
    statement:
      'After DeleteViewVersion of a version below the highest, the next version is still highest+1 (no number is issued twice).',
    source: api('CreateViewVersion', '("immutable and monotonically increasing")'),
    confidence: 'documented',
    operations: ['CreateViewVersion', 'DeleteViewVersion'],
  },
  {
    id: 'R27',
    statement:
      'Paginated lists return every item exactly once, no page holds more than MaxResults (default 100) items, and a missing NextToken marks the last page.',
    source:
      'botocore paginators-1.json (https://github.com/boto/botocore/blob/develop/botocore/data/connect/2017-08-08/paginators-1.json); model MaxResults 1..100',
    confidence: 'documented',
    operations: ['ListViews', 'ListViewVersions', 'SearchViews'],
  },
  {
    id: 'R28',
    statement: 'A NextToken the service did not issue for this call is rejected with a 4xx.',
    source: 'common AWS behaviour',
    confidence: 'inferred',
    choice: 'invalidNextTokenError',
    errorClass: { name: 'choice:invalidNextTokenError', confidence: 'unknown-choice' },
    operations: ['ListViews', 'ListViewVersions', 'SearchViews'],
  },
  {
    id: 'R29',
    statement:
      'ViewContentSha256 input: the model pattern ^[a-zA-Z0-9]$ (one character) is a model bug; 1..64 alphanumerics are accepted.',
    source: `model bug vs CloudFormation's ^[a-zA-Z0-9]{64}$ (${CFN_VIEW_VERSION})`,
    confidence: 'inferred',
    choice: 'sha256Pattern',
    operations: ['CreateViewVersion'],
  },
  {
    id: 'R30',
    statement: 'UpdateViewMetadata needs Name or Description; with neither it is rejected.',
    source: api('UpdateViewMetadata'),
    confidence: 'documented',
    errorClass: { name: 'choice:validationErrorClass', confidence: 'unknown-choice' },
    operations: ['UpdateViewMetadata'],
  },
  {
    id: 'R31',
    statement:
      'Name and Description are view-level: after UpdateViewMetadata every qualifier and list shows the new values.',
    source: api('View', '(Name and Description are members of the view)'),
    confidence: 'inferred',
    choice: 'versionMetadata',
    operations: ['UpdateViewMetadata', 'DescribeView', 'ListViews', 'ListViewVersions'],
  },
  {
    id: 'R32',
    statement: 'Success is HTTP 200 with a JSON body; timestamps are epoch seconds (JSON numbers).',
    source: `${MODEL}: no timestampFormat, hence epoch seconds, the default of the ${REST_JSON}`,
    confidence: 'documented',
    operations: ALL_OPS,
  },
  {
    id: 'R33',
    statement: 'Errors carry x-amzn-errortype and a Message, and their class is one the operation declares.',
    source: MODEL,
    confidence: 'documented',
    operations: ALL_OPS,
  },
  {
    id: 'R34',
    statement: 'No client input causes a 5xx: InternalServiceException is a server fault.',
    source: `${MODEL} InternalServiceException fault=server`,
    confidence: 'documented',
    operations: ALL_OPS,
  },
  {
    id: 'R35',
    statement: 'A $LATEST or $SAVED snapshot omits Version (or reports the highest version).',
    source: 'none',
    confidence: 'unknown-choice',
    choice: 'aliasVersionField',
    operations: ['DescribeView', 'CreateView', 'UpdateViewContent'],
  },
  {
    id: 'R36',
    statement: 'DescribeView of a numbered version reports the $LATEST checksum (per R13) rather than its own.',
    source: api('View.ViewContentSha256', '(wording)'),
    confidence: 'unknown-choice',
    choice: 'numberedVersionSha256',
    operations: ['DescribeView', 'CreateViewVersion'],
  },
  {
    id: 'R37',
    statement: "A numbered version's Arn is the view ARN qualified with :N; Id stays unqualified.",
    source: `${CFN_VIEW_VERSION} (ViewVersionArn)`,
    confidence: 'inferred',
    choice: 'versionArn',
    operations: ['DescribeView', 'CreateViewVersion', 'ListViewVersions'],
  },
  {
    id: 'R38',
    statement: 'UpdateViewMetadata and a no-change CreateViewVersion leave LastModifiedTime alone.',
    source: 'none (docs tie it to content/version ops)',
    confidence: 'unknown-choice',
    choice: 'metadataTouchesLastModified',
    operations: ['UpdateViewMetadata', 'CreateViewVersion'],
  },
  {
    id: 'R39',
    statement: 'A malformed qualifier (id:$FOO, id:0), or a numeric qualifier on a mutation, is rejected with a 4xx.',
    source: 'inferred from R1 syntax',
    confidence: 'inferred',
    choice: 'malformedQualifierError',
    errorClass: { name: 'choice:malformedQualifierError', confidence: 'unknown-choice' },
    operations: [...VIEW_READ_OPS, ...VIEW_WRITE_OPS],
  },
  {
    id: 'R40',
    statement: 'Tags go with DeleteView: the ARN is no longer taggable or listable.',
    source: 'inferred from R16',
    confidence: 'inferred',
    operations: ['DeleteView', ...TAG_OPS],
  },
  {
    id: 'R41',
    statement: 'A view summary reports Status PUBLISHED once $LATEST exists, else SAVED.',
    source: 'inferred',
    confidence: 'inferred',
    choice: 'summaryStatus',
    operations: ['ListViews'],
  },
  {
    id: 'R42',
    statement:
      'UpdateViewContent answers with the snapshot it wrote ($SAVED for SAVED, $LATEST for PUBLISHED); a $SAVED snapshot reports the status of the last content write.',
    source: 'inferred',
    confidence: 'inferred',
    choice: 'savedAliasStatus',
    operations: ['UpdateViewContent'],
  },
  {
    id: 'R43',
    statement:
      "CreateViewVersion answers with the returned version's snapshot: Version=N, Status=PUBLISHED, its VersionDescription.",
    source: api('CreateViewVersion'),
    confidence: 'inferred',
    operations: ['CreateViewVersion'],
  },
  {
    id: 'R44',
    statement:
      'Malformed requests (bad JSON, wrong member types, unknown route, non-integer version label) get a 4xx with x-amzn-errortype, never a 5xx.',
    source: `restJson1 conventions (SerializationException / UnknownOperationException); ${REST_JSON}`,
    confidence: 'documented',
    operations: ALL_OPS,
  },
  {
    id: 'R45',
    statement: "A view ARN whose instance, region or account differs from the request's is not found.",
    source: 'inferred',
    confidence: 'inferred',
    choice: 'foreignArnError',
    errorClass: { name: 'choice:foreignArnError', confidence: 'inferred' },
    operations: [...VIEW_READ_OPS, ...VIEW_WRITE_OPS],
  },
  {
    id: 'R47',
    statement:
      'DescribeView of an AWS-managed view answers its Arn qualified with the version (…:aws:view/name:1); the bare ARN is as likely.',
    source: `none (${ARN_FORMATS}; flows show qualified ARNs in requests only)`,
    confidence: 'unknown-choice',
    choice: 'awsManagedArn',
    operations: ['DescribeView'],
  },
  {
    id: 'R48',
    statement: 'ListViews without a Type filter lists the AWS-managed views too.',
    source: api('ListViews', '(sorted by type first, hence presumably both types)'),
    confidence: 'inferred',
    choice: 'awsManagedInUnfilteredList',
    operations: ['ListViews'],
  },
  {
    id: 'R49',
    statement: 'SearchViews without a type condition finds AWS-managed views too.',
    source: 'none',
    confidence: 'unknown-choice',
    choice: 'awsManagedInSearch',
    operations: ['SearchViews'],
  },
  {
    id: 'R50',
    statement:
      'SearchViews returns each view as its $LATEST snapshot once published (else $SAVED), matches ViewStatusCondition against that status, and orders results like ListViews.',
    source: 'none',
    confidence: 'unknown-choice',
    choice: 'searchSnapshot',
    operations: ['SearchViews'],
  },
  {
    id: 'R51',
    statement: 'A view that was never published reports no ViewContentSha256.',
    source: api('View.ViewContentSha256', '("latest published content")'),
    confidence: 'unknown-choice',
    choice: 'unpublishedSha256',
    operations: ['CreateView', 'DescribeView', 'UpdateViewContent'],
  },
  {
    id: 'R52',
    statement:
      'Optional members with nothing to say (Tags of an untagged view, Actions of content given without) are omitted, not sent empty.',
    source: 'none',
    confidence: 'unknown-choice',
    choice: 'emptyTags',
    operations: ['CreateView', 'DescribeView', 'UpdateViewContent', 'CreateViewVersion', 'SearchViews'],
  },
  {
    id: 'R53',
    statement: 'CreateView with the ClientToken of a view since deleted creates a new view.',
    source: api('CreateView', '(idempotency window undocumented)'),
    confidence: 'unknown-choice',
    choice: 'clientTokenAfterDelete',
    errorClass: { name: 'choice:clientTokenAfterDelete', confidence: 'unknown-choice' },
    operations: ['CreateView'],
  },
  {
    id: 'R54',
    statement: "A numbered version reports the view's CreatedTime (not the time the version was published).",
    source: api('View.CreatedTime', '(a view field)'),
    confidence: 'unknown-choice',
    choice: 'versionCreatedTime',
    operations: ['DescribeView', 'CreateViewVersion'],
  },
  {
    id: 'R46',
    statement:
      'SearchViews returns every view of the instance matching the criteria (StringCondition on name, status and type conditions, And/Or lists) exactly once, across pages.',
    source: api('SearchViews', '(field names and matching rules not spelled out)'),
    confidence: 'inferred',
    operations: ['SearchViews'],
  },
] as const satisfies readonly Rule[]

export const RULES: readonly Rule[] = CATALOGUE

/** Every rule id in the catalogue: checks, quirks, choices and Pact interactions name rules through it, so a typo does not compile. */
export type RuleId = (typeof CATALOGUE)[number]['id']
/** What a failure can be attributed to: a catalogued rule, or the harness itself (an exception inside a run). */
export type FailureRule = RuleId | 'harness'

const byId = new Map<string, Rule>(CATALOGUE.map((r) => [r.id, r]))

export function isRuleId(id: string): id is RuleId {
  return byId.has(id)
}

export function rule(id: RuleId): Rule {
  const r = byId.get(id)
  if (!r) throw new Error(`unknown rule id ${id}`)
  return r
}

/** Whether an assertion resting on this rule is made in the given mode: documented always, inferred in strict mode or once confirmed. */
export function isAsserted(r: Rule, opts: { strict: boolean; confirmed?: ReadonlySet<string> }): boolean {
  if (r.confidence === 'documented') return true
  if (opts.confirmed?.has(r.id)) return true
  return opts.strict && r.confidence === 'inferred'
}
