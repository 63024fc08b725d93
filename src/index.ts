// The library surface of connect-views-conformance (package.json "exports"): the run API, the wire stub in
// its three forms plus its core, the reference model, the rule catalogue, and the report types. Everything
// else (harness, targets, report rendering, the CLI's parts) is internal and may change in any release.
export { runConformance, runCli, ConformanceUsageError, type RunOptions, type RunOutcome } from './run-api'
export type { EngineEvent, EventHandler, EventOf } from './engine/events'

export {
  createStubClient,
  createStubHandlers,
  startStubServer,
  createStubCore,
  STUB_CREDENTIALS,
  DEFAULT_CONNECT_URL,
  HEALTH_PATH,
  saveStateFile,
  loadStateFile,
  StateFileError,
  type StubClientOptions,
  type StubHandlersOptions,
  type StubServer,
  type StubServerOptions,
  type StubCore,
  type StubCoreOptions,
  type StubCounters,
  type FaultOptions,
  type ForcedError,
  type SigV4CheckOptions,
  type WireRequest,
  type WireResponse,
} from './stub'

export {
  ViewsModel,
  ModelError,
  isModelError,
  QUIRKS,
  QUIRK_NAMES,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_INSTANCE_ID,
  DEFAULT_REGION,
  DEFAULT_QUOTAS,
  deterministicOptions,
  contentChecksum,
  type ModelOptions,
  type QuirkName,
  type Quotas,
  type WireErrorName,
} from './model'

export { RULES, OPERATION_NAMES } from './spec'
export { CHOICE_OPTIONS, DEFAULT_CHOICES, type ChoiceName, type Choices } from './choices/catalogue'
// a calibrated choices profile (conformance calibrate): read it, and serve it with createStubCore({ choicesProfile })
export {
  readChoicesProfile,
  parseChoicesProfile,
  profileChoices,
  type ChoicesProfile,
  type ChoiceEvidence,
  type UnsettledChoice,
} from './choices/profile'
export type { OperationName } from './spec'

export { REPORT_FORMAT } from './report/report-types'
export type {
  ConformanceReport,
  TargetReport,
  PropertyReport,
  RuleReport,
  RegressionReport,
  InteractionReport,
  FailureReport,
  RuleStatus,
  PropertyStatus,
  TargetVerdict,
  RegressionVerdict,
  ConformanceScore,
  OperationScore,
  ExpectationEntry,
  ExpectationsReport,
  ExpectedOutcome,
  UnexpectedFailure,
  UnexpectedPass,
} from './report/report-types'
export { PACKAGE_VERSION as VERSION } from './package-files'
