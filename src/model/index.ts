export { ViewsModel } from './views-model'
export { ModelError, isModelError, type WireErrorName } from './errors'
export { QUIRKS, QUIRK_NAMES, parseQuirks, type QuirkName, type QuirkSpec } from './quirks'
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_INSTANCE_ID,
  DEFAULT_QUOTAS,
  DEFAULT_REGION,
  deterministicOptions,
  resolveOptions,
  type ModelOptions,
  type Quotas,
  type ResolvedOptions,
} from './options'
export { contentChecksum } from './checksum'
export { MAX_CONTENT_BYTES } from './content'
export { parseViewRef, customerViewArn, awsManagedViewArn, type ViewRef, type Qualifier } from './view-ref'
export { findViolations, codePointLength } from './validation'
export { AWS_MANAGED_VIEW_NAMES } from './aws-managed'
export type { PublishPlan } from './version-operations'
