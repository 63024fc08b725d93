// Undocumented behaviour the stub must pick an answer for. Each choice is named once here, with the
// default the stub uses and the rule (src/spec/rules.ts) that explains it. Users override any of them
// per stub instance (ModelOptions.choices) to mirror what a recorded live run showed.

export const CHOICE_OPTIONS = {
  /** R12: error class of a ViewContentSha256 mismatch in CreateViewVersion. */
  checksumConflictError: ['InvalidParameterException', 'InvalidRequestException', 'ResourceInUseException'],
  /** R26: the number given to the next version after the highest one was deleted. */
  versionNumbering: ['never-reuse', 'reuse-after-highest-deleted'],
  /** R14: what bytes ViewContentSha256 hashes. */
  checksumInput: ['template-and-actions', 'template-only'],
  /** R7: answer to DescribeView without qualifier on a view that was never published. */
  unpublishedDescribe: ['ResourceNotFoundException', 'InvalidParameterException', 'return-saved'],
  /** R10: error class of CreateViewVersion on a view that has no $LATEST. */
  unpublishedCreateVersionError: ['ResourceNotFoundException', 'InvalidParameterException', 'InvalidRequestException'],
  /** R9: error class of a mutation of an AWS-managed view. */
  awsManagedMutationError: ['InvalidParameterException', 'AccessDeniedException', 'ResourceNotFoundException', 'InvalidRequestException'],
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
