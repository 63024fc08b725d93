// Public surface of the SDK-upgrade gate (command line: `conformance sdk-diff`, also `npm run sdk-gate`).
export { sdkGateCommand, DEFAULT_GATE_OUT, type SdkGateCommandOptions } from './command'
export { runSdkGate, type GateOptions, type GateReport, type SideSummary } from './gate'
export {
  buildCorpus,
  successScenario,
  DEFAULT_GATE_SEED,
  type GateCase,
  type CannedResponse,
  type CaseKind,
  type ScenarioStep,
} from './corpus'
export { runCorpus, normalizeValue, describeError, type CaseRecord, type Outcome } from './run-corpus'
export {
  CapturingHandler,
  captureRequest,
  toHttpResponse,
  VOLATILE_HEADERS,
  type CapturedRequest,
} from './capturing-handler'
export { compareRecords, compareSchemaSets, type Difference, type DifferenceKind } from './compare'
export { changedPaths, leafChanges, sortedJsonText, type LeafChange } from './json-diff'
export {
  judgeRequests,
  judgeOutcomes,
  judgeSchema,
  gateBlocks,
  SEVERITY_ORDER,
  type Judgement,
  type Severity,
} from './classify'
export { formatConsole, toMarkdown, writeGateReport, groupDifferences, type DifferenceGroup } from './report'
export { loadPinnedSdk, loadSdkFrom, type SdkModule, type SdkUnderTest } from './sdk-under-test'
export {
  installCandidate,
  loadCandidate,
  checkVersionSpec,
  explainNpmFailure,
  CandidateUnavailableError,
  CANDIDATE_ALIAS,
  SDK_PACKAGE,
  type InstallOptions,
  type InstalledCandidate,
} from './candidate-install'
