// Public API of the contract layer: provider states, verification against any target, results for reports.
export { CONSUMER_NAME, PROVIDER_NAME, PACT_FILE_NAME, COMMITTED_PACTS_DIR, COMMITTED_PACT_FILE } from './pact-names'
export { STATE, INJECTED_KEYS, pathSegment, type StateName, type ProviderValues } from './provider-states'
export {
  StateArranger,
  BudgetExhausted,
  contentRevision,
  type ArrangerOptions,
  type SetupFailure,
} from './state-arranger'
export { createResigningFilter, forwardedBody, type ResignOptions } from './resign'
export { verifyPacts, type VerifyPactsOptions, type VerificationReport } from './verify'
export {
  verifyAgainstTarget,
  providerBaseUrlFor,
  type TargetVerificationOptions,
  type TargetVerificationReport,
} from './verify-target'
export {
  interactionResults,
  formatResults,
  describeState,
  declaredRules,
  type InteractionResult,
  type PactDocument,
  type VerifierJson,
} from './verification-results'
export { scanPactText, scanPactDirectory, type PactFinding } from './pact-hygiene'
export { freshPactDir, syncPactFiles, type PactSync } from './pact-files'
export {
  brokerConfigFromEnv,
  brokerVerifierOptions,
  publishPacts,
  type BrokerConfig,
  type BrokerVerification,
} from './broker'
export { verifyContractsCommand, type VerifyCommandOptions } from './verify-command'
export {
  runContractProperty,
  contractsProperty,
  contractAssertions,
  attributedRule,
  pactRules,
  type ContractRunOptions,
} from './contract-property'
