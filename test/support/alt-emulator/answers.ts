// The alternative emulator's answers where the API reference is silent (marked [unknown] or [inferred] in
// the reference notes), in two legal sets, A and B. Each entry names its own behaviour; which of our choices
// (src/choices/catalogue.ts) it corresponds to is the test's business (test/harness/alt-calibration.test.ts), not
// this emulator's: it never imports our spec or model.
//
// Where the reference suggests an answer, set A departs from it on purpose when another legal one exists,
// and set B mixes; both differ from the reference model's defaults in most places.

export type ErrorName =
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'AccessDeniedException'
  | 'DuplicateResourceException'

export interface AltAnswers {
  checksumMismatch: ErrorName
  /** A version number freed by deleting the highest version is given again. */
  reuseFreedTopNumber: boolean
  /** ViewContentSha256 hashes the template only (changing only Actions keeps it). */
  checksumOfTemplateOnly: boolean
  describeUnpublished: ErrorName
  publishUnpublished: ErrorName
  awsManagedReadOnly: ErrorName
  badQualifier: ErrorName
  /** ViewContentSha256 input: length 1..64 only, or also alphanumeric. */
  shaInputAlnum: boolean
  /** PUBLISHED content must have a template that is a JSON object. */
  publishedTemplateMustBeJson: boolean
  /** $SAVED / $LATEST snapshots carry Version = highest version number. */
  aliasCarriesHighestVersion: boolean
  /** A numbered version reports its own checksum (not $LATEST's). */
  versionOwnChecksum: boolean
  caseInsensitiveNames: boolean
  badToken: ErrorName
  invalidInput: ErrorName
  /** Arn / Id of a numbered version in DescribeView: qualified with :N. */
  describeVersionArnQualified: boolean
  describeVersionIdQualified: boolean
  /** Arn / Id of the version CreateViewVersion answers with. */
  publishArnQualified: boolean
  publishIdQualified: boolean
  /** Arn / Id of ListViewVersions items. */
  summaryArnQualified: boolean
  summaryIdQualified: boolean
  /** Arn of an AWS-managed view's numbered snapshot qualified with :N. */
  awsManagedArnQualified: boolean
  /** Name/Description of a version: as when it was published. */
  versionMetadataAtPublish: boolean
  /** ListViews summary Status: that of the last content write (else PUBLISHED once published). */
  summaryStatusLastWrite: boolean
  /** SearchViews returns (and filters on) $SAVED (else $LATEST once published). */
  searchShowsSaved: boolean
  /** ViewContentSha256 of a never-published view: its draft's (else omitted). */
  unpublishedChecksumOfDraft: boolean
  /** An empty tag map is answered as {} (else omitted), on the instance's own views and on AWS-managed ones. */
  emptyTagsOwn: boolean
  emptyTagsAwsManaged: boolean
  /** Content given without Actions is answered with Actions: []. */
  absentActionsAsEmptyList: boolean
  /** $SAVED always reports Status SAVED. */
  savedAlwaysSaved: boolean
  /** SearchViews answers ApproximateTotalCount, and whether AWS-managed views count in it. */
  searchCount: 'all' | 'own-only' | 'none'
  listsAwsManagedUnfiltered: boolean
  searchFindsAwsManaged: boolean
  ownViewsFirst: boolean
  /** SearchViews orders by name alone (else by type, then name). */
  searchByNameOnly: boolean
  /** CreateView with the ClientToken of a deleted view: rejected with this error (else a new view). */
  tokenOfDeletedView?: ErrorName
  nameClash: ErrorName
  foreignArn: ErrorName
  /** Mutations accept ViewId with an alias qualifier ($SAVED, $LATEST). */
  aliasOnMutation: boolean
}

export const ANSWERS: Record<'A' | 'B', AltAnswers> = {
  A: {
    checksumMismatch: 'ResourceInUseException',
    reuseFreedTopNumber: true,
    checksumOfTemplateOnly: true,
    describeUnpublished: 'InvalidParameterException',
    publishUnpublished: 'InvalidRequestException',
    awsManagedReadOnly: 'AccessDeniedException',
    badQualifier: 'InvalidRequestException',
    shaInputAlnum: false,
    publishedTemplateMustBeJson: false,
    aliasCarriesHighestVersion: true,
    versionOwnChecksum: true,
    caseInsensitiveNames: true,
    badToken: 'InvalidRequestException',
    invalidInput: 'InvalidRequestException',
    describeVersionArnQualified: false,
    describeVersionIdQualified: true,
    publishArnQualified: true,
    publishIdQualified: false,
    summaryArnQualified: true,
    summaryIdQualified: false,
    awsManagedArnQualified: false,
    versionMetadataAtPublish: true,
    summaryStatusLastWrite: true,
    searchShowsSaved: true,
    unpublishedChecksumOfDraft: true,
    emptyTagsOwn: true,
    emptyTagsAwsManaged: false,
    absentActionsAsEmptyList: true,
    savedAlwaysSaved: true,
    searchCount: 'own-only',
    listsAwsManagedUnfiltered: false,
    searchFindsAwsManaged: false,
    ownViewsFirst: true,
    searchByNameOnly: true,
    tokenOfDeletedView: 'ResourceInUseException',
    nameClash: 'DuplicateResourceException',
    foreignArn: 'AccessDeniedException',
    aliasOnMutation: false,
  },
  B: {
    checksumMismatch: 'InvalidRequestException',
    reuseFreedTopNumber: false,
    checksumOfTemplateOnly: false,
    describeUnpublished: 'ResourceNotFoundException',
    publishUnpublished: 'InvalidParameterException',
    awsManagedReadOnly: 'InvalidRequestException',
    badQualifier: 'ResourceNotFoundException',
    shaInputAlnum: true,
    publishedTemplateMustBeJson: true,
    aliasCarriesHighestVersion: false,
    versionOwnChecksum: false,
    caseInsensitiveNames: false,
    badToken: 'InvalidParameterException',
    invalidInput: 'InvalidParameterException',
    describeVersionArnQualified: true,
    describeVersionIdQualified: false,
    publishArnQualified: false,
    publishIdQualified: true,
    summaryArnQualified: false,
    summaryIdQualified: true,
    awsManagedArnQualified: true,
    versionMetadataAtPublish: false,
    summaryStatusLastWrite: false,
    searchShowsSaved: false,
    unpublishedChecksumOfDraft: false,
    emptyTagsOwn: false,
    emptyTagsAwsManaged: true,
    absentActionsAsEmptyList: false,
    savedAlwaysSaved: false,
    searchCount: 'all',
    listsAwsManagedUnfiltered: true,
    searchFindsAwsManaged: true,
    ownViewsFirst: false,
    searchByNameOnly: false,
    nameClash: 'ResourceInUseException',
    foreignArn: 'ResourceNotFoundException',
    aliasOnMutation: true,
  },
}
