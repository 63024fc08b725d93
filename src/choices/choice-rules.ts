// Which rule each undocumented choice belongs to, and so whether a check may rest on the choice in a mode: the
// rule's confidence decides (an inferred rule is asserted in strict mode or once a live recording confirmed it).
import { isAsserted, rule, type RuleId } from '../spec/rules'
import type { ChoiceName } from './catalogue'

/** The rule (src/spec/rules.ts) each choice belongs to: how sure we are decides whether a check may rest on it. */
export const CHOICE_RULE: { readonly [K in ChoiceName]: RuleId } = {
  checksumConflictError: 'R12',
  versionNumbering: 'R26',
  checksumInput: 'R14',
  unpublishedDescribe: 'R7',
  unpublishedCreateVersionError: 'R10',
  awsManagedMutationError: 'R9',
  malformedQualifierError: 'R39',
  sha256Pattern: 'R29',
  publishedTemplateValidation: 'R4',
  aliasVersionField: 'R35',
  numberedVersionSha256: 'R36',
  metadataTouchesLastModified: 'R38',
  noChangePublishTouchesLastModified: 'R38',
  listViewsNameOrder: 'R18a',
  invalidNextTokenError: 'R28',
  validationErrorClass: 'R24',
  versionArn: 'R37',
  publishedVersionArn: 'R37',
  versionId: 'R37',
  publishedVersionId: 'R37',
  versionSummaryArn: 'R37',
  versionSummaryId: 'R37',
  awsManagedArn: 'R47',
  versionMetadata: 'R31',
  summaryStatus: 'R41',
  searchSnapshot: 'R50',
  unpublishedSha256: 'R51',
  emptyTags: 'R52',
  emptyTagsAwsManaged: 'R52',
  absentActions: 'R52',
  savedAliasStatus: 'R42',
  versionCreatedTime: 'R54',
  inputSchemaField: 'R19',
  approximateTotalCount: 'R46',
  approximateTotalCountAwsManaged: 'R46',
  awsManagedInUnfilteredList: 'R48',
  awsManagedInSearch: 'R49',
  listViewsTypeOrder: 'R18b',
  searchViewsOrder: 'R50',
  clientTokenAfterDelete: 'R53',
  clientTokenRetryAnswer: 'R6a',
  duplicateNameError: 'R5',
  foreignArnError: 'R45',
  aliasOnMutation: 'R39',
}

/** Whether the undocumented choice `name` may take any of its values in this mode: no assertion rests on it. */
export function choiceIsOpen(name: ChoiceName, opts: { strict: boolean; confirmed?: ReadonlySet<string> }): boolean {
  const r = rule(CHOICE_RULE[name])
  // an error-class choice is as sure as the rule's error class; any other as the rule itself
  const asClass = r.errorClass?.name === `choice:${name}`
  return !isAsserted(asClass ? { ...r, confidence: r.errorClass!.confidence } : r, opts)
}
