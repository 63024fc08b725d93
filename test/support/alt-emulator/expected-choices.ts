// What each answer of the alternative emulator is, in terms of our choices (src/choices/catalogue.ts): the truth a
// calibration against it must find. Kept apart from the emulator, which knows nothing of our choices.
import type { Choices } from '../../../src/choices/catalogue'
import type { AltAnswers } from './answers'

const q = (b: boolean) => (b ? 'qualified' : 'bare')

export function expectedChoices(a: AltAnswers): Choices {
  return {
    checksumConflictError: a.checksumMismatch as Choices['checksumConflictError'],
    versionNumbering: a.reuseFreedTopNumber ? 'reuse-after-highest-deleted' : 'never-reuse',
    checksumInput: a.checksumOfTemplateOnly ? 'template-only' : 'template-and-actions',
    unpublishedDescribe: a.describeUnpublished as Choices['unpublishedDescribe'],
    unpublishedCreateVersionError: a.publishUnpublished as Choices['unpublishedCreateVersionError'],
    awsManagedMutationError: a.awsManagedReadOnly as Choices['awsManagedMutationError'],
    malformedQualifierError: a.badQualifier as Choices['malformedQualifierError'],
    sha256Pattern: a.shaInputAlnum ? 'alnum-1-64' : 'length-only',
    publishedTemplateValidation: a.publishedTemplateMustBeJson ? 'template-json' : 'none',
    aliasVersionField: a.aliasCarriesHighestVersion ? 'highest' : 'omit',
    numberedVersionSha256: a.versionOwnChecksum ? 'own' : 'latest',
    metadataTouchesLastModified: 'no',
    noChangePublishTouchesLastModified: 'no',
    listViewsNameOrder: a.caseInsensitiveNames ? 'case-insensitive' : 'code-unit',
    invalidNextTokenError: a.badToken as Choices['invalidNextTokenError'],
    validationErrorClass: a.invalidInput as Choices['validationErrorClass'],
    versionArn: q(a.describeVersionArnQualified),
    publishedVersionArn: q(a.publishArnQualified),
    versionId: q(a.describeVersionIdQualified),
    publishedVersionId: q(a.publishIdQualified),
    versionSummaryArn: q(a.summaryArnQualified),
    versionSummaryId: q(a.summaryIdQualified),
    awsManagedArn: q(a.awsManagedArnQualified),
    versionMetadata: a.versionMetadataAtPublish ? 'at-publish' : 'current',
    summaryStatus: a.summaryStatusLastWrite ? 'last-write' : 'published-once-latest',
    searchSnapshot: a.searchShowsSaved ? 'saved' : 'latest-else-saved',
    unpublishedSha256: a.unpublishedChecksumOfDraft ? 'of-draft' : 'omit',
    emptyTags: a.emptyTagsOwn ? 'empty-map' : 'omit',
    emptyTagsAwsManaged: a.emptyTagsAwsManaged ? 'empty-map' : 'omit',
    absentActions: a.absentActionsAsEmptyList ? 'empty-list' : 'omit',
    savedAliasStatus: a.savedAlwaysSaved ? 'always-saved' : 'last-write',
    versionCreatedTime: 'view',
    inputSchemaField: 'omit',
    approximateTotalCount: a.searchCount === 'none' ? 'omit' : 'count',
    approximateTotalCountAwsManaged: a.searchCount === 'own-only' ? 'not-counted' : 'counted',
    awsManagedInUnfilteredList: a.listsAwsManagedUnfiltered ? 'include' : 'exclude',
    awsManagedInSearch: a.searchFindsAwsManaged ? 'include' : 'exclude',
    listViewsTypeOrder: a.ownViewsFirst ? 'customer-managed-first' : 'aws-managed-first',
    searchViewsOrder: a.searchByNameOnly ? 'name' : 'type-then-name',
    clientTokenAfterDelete: (a.tokenOfDeletedView ?? 'create-new') as Choices['clientTokenAfterDelete'],
    // a retry answers the view as it is now: $LATEST once published, else $SAVED (views.ts createView)
    clientTokenRetryAnswer: 'current-latest',
    duplicateNameError: a.nameClash as Choices['duplicateNameError'],
    foreignArnError: a.foreignArn as Choices['foreignArnError'],
    aliasOnMutation: a.aliasOnMutation ? 'accept' : 'reject',
  }
}
