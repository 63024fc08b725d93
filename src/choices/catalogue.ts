// Undocumented behaviour the stub must pick an answer for. Each choice is named once here, with the
// default the stub uses (the rule that explains each: choice-rules.ts). Users override any of them
// per stub instance (ModelOptions.choices) to mirror what a recorded live run showed.

export const CHOICE_OPTIONS = {
  /** R12: error class of a ViewContentSha256 mismatch in CreateViewVersion. */
  checksumConflictError: ['InvalidParameterException', 'InvalidRequestException', 'ResourceInUseException'],
  /** R26: the number given to the next version after the highest one was deleted. */
  versionNumbering: ['never-reuse', 'reuse-after-highest-deleted'],
  /** R14: what bytes ViewContentSha256 hashes. */
  checksumInput: ['template-and-actions', 'template-only'],
  /** R7: error class of DescribeView without qualifier on a view that was never published. (Answering the
   *  draft instead is no option: R7 documents that the call fails.) */
  unpublishedDescribe: ['ResourceNotFoundException', 'InvalidParameterException'],
  /** R10: error class of CreateViewVersion on a view that has no $LATEST. */
  unpublishedCreateVersionError: ['ResourceNotFoundException', 'InvalidParameterException', 'InvalidRequestException'],
  /** R9: error class of a mutation of an AWS-managed view. */
  awsManagedMutationError: [
    'InvalidParameterException',
    'AccessDeniedException',
    'ResourceNotFoundException',
    'InvalidRequestException',
  ],
  /** R39: error class of a malformed qualifier (id:$FOO, id:0) or a numeric qualifier where none is allowed. */
  malformedQualifierError: ['InvalidParameterException', 'InvalidRequestException', 'ResourceNotFoundException'],
  /** R29: how ViewContentSha256 input is validated, given the model's one-character pattern bug. */
  sha256Pattern: ['alnum-1-64', 'model-literal', 'length-only'],
  /** R4: what "full validation" of PUBLISHED content checks beyond the model constraints. */
  publishedTemplateValidation: ['template-json', 'none'],
  /** R35: the Version field of a $LATEST / $SAVED snapshot. */
  aliasVersionField: ['omit', 'highest'],
  /** R36: ViewContentSha256 reported on a numbered version: the $LATEST one (R13) or its own. */
  numberedVersionSha256: ['latest', 'own'],
  /** R38: whether UpdateViewMetadata moves LastModifiedTime. */
  metadataTouchesLastModified: ['no', 'yes'],
  /** R38: whether a no-change CreateViewVersion moves LastModifiedTime. */
  noChangePublishTouchesLastModified: ['no', 'yes'],
  /** R18: collation of names within a type in ListViews. */
  listViewsNameOrder: ['code-unit', 'case-insensitive'],
  /** R28: error class of a NextToken that the service did not issue (tampered, other operation, other scope). */
  invalidNextTokenError: ['InvalidParameterException', 'InvalidRequestException'],
  /** R24: error class of a model-constraint violation (length, pattern, enum, range, required). */
  validationErrorClass: ['InvalidParameterException', 'InvalidRequestException'],

  // ---- representation: how an answer spells what it says (a correct target may spell it either way) ----
  /** R37: Arn of a numbered version's snapshot in DescribeView id:N: `…/view/id:N` or the bare view ARN. */
  versionArn: ['qualified', 'bare'],
  /** R37: Arn of the version CreateViewVersion answers with (another operation may spell it otherwise). */
  publishedVersionArn: ['qualified', 'bare'],
  /** R37: Id of a numbered version's snapshot in DescribeView id:N: the bare view id or `id:N`. */
  versionId: ['bare', 'qualified'],
  /** R37: Id of the version CreateViewVersion answers with. */
  publishedVersionId: ['bare', 'qualified'],
  /** R37: Arn of a ListViewVersions summary: `…/view/id:N` or the bare view ARN. */
  versionSummaryArn: ['qualified', 'bare'],
  /** R37: Id of a ListViewVersions summary: the bare view id or `id:N`. */
  versionSummaryId: ['bare', 'qualified'],
  /** R47: Arn of DescribeView of an AWS-managed view: `…:aws:view/name:1` or the bare ARN (its Id stays the bare ARN). */
  awsManagedArn: ['qualified', 'bare'],
  /** R31: Name/Description a numbered version reports (DescribeView id:N, its summary): the view's current ones or those at publish time. */
  versionMetadata: ['current', 'at-publish'],
  /** R41: Status of a ListViews summary: PUBLISHED once $LATEST exists, or the status of the last content write. */
  summaryStatus: ['published-once-latest', 'last-write'],
  /** R50: the snapshot SearchViews returns (and matches ViewStatusCondition against): $LATEST once published, else $SAVED; or always $SAVED. */
  searchSnapshot: ['latest-else-saved', 'saved'],
  /** R51: ViewContentSha256 of a view that was never published: omitted, or the checksum of its draft. */
  unpublishedSha256: ['omit', 'of-draft'],
  /** R52: Tags of a customer-managed view without tags: omitted or `{}`. */
  emptyTags: ['omit', 'empty-map'],
  /** R52: Tags of an AWS-managed view (it has none): omitted or `{}` (the service may treat its own views otherwise). */
  emptyTagsAwsManaged: ['omit', 'empty-map'],
  /** R52: Content.Actions when the content was given without Actions: omitted or `[]`. */
  absentActions: ['omit', 'empty-list'],
  /** R42: Status of the $SAVED snapshot: the status of the last content write, or always SAVED. */
  savedAliasStatus: ['last-write', 'always-saved'],
  /** R54: CreatedTime of a numbered version's snapshot: the view's, or the version's own. */
  versionCreatedTime: ['view', 'version'],
  /** R19: whether Content.InputSchema is sent. */
  inputSchemaField: ['generated', 'omit'],
  /** R46: whether SearchViews answers ApproximateTotalCount. */
  approximateTotalCount: ['count', 'omit'],
  /** R46: whether the AWS-managed views SearchViews finds are counted in ApproximateTotalCount. */
  approximateTotalCountAwsManaged: ['counted', 'not-counted'],

  // ---- lists: membership, collation and order ----
  /** R48: whether ListViews without a Type filter lists the AWS-managed views too. */
  awsManagedInUnfilteredList: ['include', 'exclude'],
  /** R49: whether SearchViews without a type condition finds AWS-managed views. */
  awsManagedInSearch: ['include', 'exclude'],
  /** R18b: which type ListViews lists first (R18 documents "by type, then name", not the type order). */
  listViewsTypeOrder: ['aws-managed-first', 'customer-managed-first'],
  /** R50: the order of SearchViews results (undocumented): like ListViews, or by name alone. */
  searchViewsOrder: ['type-then-name', 'name'],

  // ---- behaviour and error classes ----
  /** R53: CreateView with the ClientToken of a view since deleted: creates a new view, or is rejected. */
  clientTokenAfterDelete: ['create-new', 'ResourceInUseException', 'InvalidRequestException'],
  /** R6a: what a ClientToken retry answers once the view changed since it was created (R6 documents only that it
   *  is the same view): the view as it is now ($LATEST once published, else $SAVED), the answer of the first
   *  call, or the current $SAVED. */
  clientTokenRetryAnswer: ['current-latest', 'original', 'current-saved'],
  /** R5: error class of a name clash in CreateView / UpdateViewMetadata. */
  duplicateNameError: ['DuplicateResourceException', 'ResourceInUseException', 'InvalidParameterException'],
  /** R45: error class of a view ARN of another instance, region or account. */
  foreignArnError: ['ResourceNotFoundException', 'InvalidParameterException', 'AccessDeniedException'],
  /** R39: whether a mutation accepts an alias-qualified ViewId (id:$SAVED, id:$LATEST) or rejects it (malformedQualifierError). */
  aliasOnMutation: ['accept', 'reject'],
} as const

export type ChoiceName = keyof typeof CHOICE_OPTIONS

export type Choices = { -readonly [K in ChoiceName]: (typeof CHOICE_OPTIONS)[K][number] }

export const DEFAULT_CHOICES: Readonly<Choices> = {
  checksumConflictError: 'InvalidParameterException',
  versionNumbering: 'never-reuse',
  checksumInput: 'template-and-actions',
  unpublishedDescribe: 'ResourceNotFoundException',
  unpublishedCreateVersionError: 'ResourceNotFoundException',
  awsManagedMutationError: 'InvalidParameterException',
  malformedQualifierError: 'InvalidParameterException',
  sha256Pattern: 'alnum-1-64',
  publishedTemplateValidation: 'template-json',
  aliasVersionField: 'omit',
  numberedVersionSha256: 'latest',
  metadataTouchesLastModified: 'no',
  noChangePublishTouchesLastModified: 'no',
  listViewsNameOrder: 'code-unit',
  invalidNextTokenError: 'InvalidParameterException',
  validationErrorClass: 'InvalidParameterException',
  versionArn: 'qualified',
  publishedVersionArn: 'qualified',
  versionId: 'bare',
  publishedVersionId: 'bare',
  versionSummaryArn: 'qualified',
  versionSummaryId: 'bare',
  awsManagedArn: 'qualified',
  versionMetadata: 'current',
  summaryStatus: 'published-once-latest',
  searchSnapshot: 'latest-else-saved',
  unpublishedSha256: 'omit',
  emptyTags: 'omit',
  emptyTagsAwsManaged: 'omit',
  absentActions: 'omit',
  savedAliasStatus: 'last-write',
  versionCreatedTime: 'view',
  inputSchemaField: 'generated',
  approximateTotalCount: 'count',
  approximateTotalCountAwsManaged: 'counted',
  awsManagedInUnfilteredList: 'include',
  awsManagedInSearch: 'include',
  listViewsTypeOrder: 'aws-managed-first',
  searchViewsOrder: 'type-then-name',
  clientTokenAfterDelete: 'create-new',
  clientTokenRetryAnswer: 'current-latest',
  duplicateNameError: 'DuplicateResourceException',
  foreignArnError: 'ResourceNotFoundException',
  aliasOnMutation: 'accept',
}

/** Merges user overrides onto the defaults; an unknown name or value is a usage error, not a silent default. */
export function resolveChoices(overrides: Partial<Record<string, string>> = {}): Choices {
  const out: Record<string, string> = { ...DEFAULT_CHOICES }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    const allowed = (CHOICE_OPTIONS as Record<string, readonly string[]>)[name]
    if (!allowed) throw new Error(`unknown choice "${name}" (known: ${Object.keys(CHOICE_OPTIONS).join(', ')})`)
    if (!allowed.includes(value)) throw new Error(`choice ${name}: "${value}" is not one of ${allowed.join(', ')}`)
    out[name] = value
  }
  return out as Choices
}
