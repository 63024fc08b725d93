// The machine-readable conformance report: one document for one run or for a merged matrix of several
// targets and shards. Every other format (JUnit, HTML, Markdown, the console summary) is rendered from this
// shape, so a merged report renders exactly like a single run. src/report/report.schema.json describes the
// same shape for consumers outside TypeScript (closed objects: a field added on one side only fails the
// schema checks in test/cli/run.test.ts and merge.test.ts).
import type { ConsistencyObservations } from '../harness/consistency-observations'
import type { Confidence } from '../spec'
import type { ConsistencySummary } from './consistency-summary'

export const REPORT_FORMAT = 'connect-views-conformance/report@1'

export type RuleStatus = 'passed' | 'failed' | 'not-asserted-in-this-mode' | 'not-exercised'
/**
 * interrupted: SIGINT arrived while it ran (its partial result is not a verdict); not-run: never started;
 * inconclusive: the time budget ended it before it completed a sequence that executed an assertion (a budget
 * is never a failure).
 */
export type PropertyStatus = 'passed' | 'failed' | 'interrupted' | 'not-run' | 'inconclusive'
/** The run's verdict for one target: FAILED on any failure or unimplemented operation; INCONCLUSIVE when nothing failed but something was not reached. */
export type TargetVerdict = 'PASSED' | 'FAILED' | 'INCONCLUSIVE'
export type RegressionVerdict = 'FIXED' | 'STILL FAILING' | 'CANNOT REPLAY'

export interface ConformanceReport {
  format: typeof REPORT_FORMAT
  generatedAt: string
  tool: { name: string; version: string }
  catalogue: {
    rules: CatalogueRule[]
    operations: { name: string; declaredErrors: string[] }[]
  }
  /** One column of the matrix each: a target in a mode (and with its quirks, for the stub). */
  targets: TargetReport[]
}

export interface CatalogueRule {
  id: string
  statement: string
  source: string
  confidence: Confidence
}

export interface TargetReport {
  /** Matrix column key, unique within a report: label, quirks and mode, e.g. "stub +checksum-not-checked (strict)". */
  id: string
  /** The conformance score (src/report/score.ts); derived, like rules and totals. */
  score?: ConformanceScore
  /** The results held against an expectations file (--expectations; src/expectations/). */
  expectations?: ExpectationsReport
  kind: 'stub' | 'endpoint' | 'aws'
  label: string
  region: string
  instanceId: string
  /** Stub only: named deviations switched on. */
  quirks: string[]
  /** confirmed: inferred rules asserted because a recording of live AWS confirmed them. */
  mode: { strict: boolean; confirmed?: string[] }
  seed: number
  budget: { runs?: number; timeBudgetMs?: number }
  /** Shards that contributed ("1/2"); empty for an unsharded run. */
  shards: string[]
  startedAt: string
  /** Wall time (for merged shards: the longest shard, since shards run side by side). */
  durationMs: number
  interrupted: boolean
  properties: PropertyReport[]
  regressions: RegressionReport[]
  rules: RuleReport[]
  stats: TargetStats
  coverage: OperationCoverage[]
  totals: Totals
  /** Views the run created that cleanup could not delete (a failed cleanup is reported, never forgotten). */
  cleanup?: { deleted: number; failed: { view: string; error: string }[] }
  /** Failures grouped by cause: one per (operation, rule, mismatch shape). */
  failureGroups?: FailureGroup[]
  consistencyObservations?: ConsistencyObservations
  /**
   * Observed consistency, summarised from consistencyObservations (derived like rules and totals: report merge
   * summarises the shards' united observations again).
   */
  consistency?: ConsistencySummary
}

export interface FailureGroup {
  /** Stable key: operation|rule|shape. */
  key: string
  operation: string
  rule: string
  /** The mismatch with run-specific values (ids, numbers, quoted values) taken out. */
  shape: string
  /** Properties, interactions and regressions that hit it. */
  count: number
  sources: string[]
  /** The smallest counterexample among them (fewest commands). */
  smallest?: { source: string; counterexample: string[]; reproduce?: string; replay?: string; diff?: string }
}

export interface PropertyReport {
  id: string
  title: string
  /** Rules the property checks, including the wire basics every property asserts. */
  rules: string[]
  status: PropertyStatus
  seed: number
  /** fast-check replay path of the shrunk counterexample. */
  path?: string
  /** Generated sequences (fast-check runs, shrinking not included). */
  numRuns: number
  /** Commands executed, shrinking included. */
  commandsExecuted: number
  durationMs: number
  failure?: FailureReport
  /** Assertions that executed against the target, by rule (a rule with none is not exercised by this property). */
  assertions?: Record<string, number>
  /** Why the property ended without a verdict (budget, interruption). */
  note?: string
  /** Contract verification only: the verdict of every Pact interaction. */
  interactions?: InteractionReport[]
}

export interface InteractionReport {
  interaction: string
  state: string
  /** Rules the interaction checks, declared as data beside it. */
  rules?: string[]
  /** not-verified: the time budget ended before it was verified (no verdict). */
  status: 'passed' | 'failed' | 'not-verified'
  mismatch?: string
  durationMs?: number
}

export interface FailureReport {
  rule: string
  message: string
  /** Index of the failing step in `commands`. */
  step: number
  /** The shrunk command list, as data (what the bundle replays). */
  commands: unknown[]
  /** The same commands, one readable line each. */
  counterexample: string[]
  /** Replay bundle, relative to the report file's folder. */
  bundle?: string
  /** Command line that re-runs exactly this failure. */
  reproduce: string
  /** Command line that replays the bundle. */
  replay?: string
}

export interface RegressionReport {
  /** Bundle file as given (relative to the working directory of the run). */
  file: string
  property: string
  /** Rule the bundle originally failed (absent if the file could not be read). */
  rule?: string
  verdict: RegressionVerdict
  detail: string
}

export interface RuleReport {
  id: string
  confidence: Confidence
  status: RuleStatus
  /** Properties that ran and check this rule. */
  checkedBy: string[]
  /** Failures naming this rule (properties and still-failing regressions). */
  failures: number
  /** Assertions about this rule that executed against the target; passed requires > 0. */
  assertions?: number
}

export interface TargetStats {
  calls: number
  throttleRetries: number
  /** 429 answers of every kind (retried or not, the Pact step's included): the run's cost to the account's buckets. */
  throttled?: number
  throttledByOperation?: Record<string, number>
  serverErrors: number
  byOperation: Record<string, number>
  errorsByOperation: Record<string, Record<string, number>>
  /** Calls answered with success, per operation. */
  succeededByOperation?: Record<string, number>
  /** Operations the target answered like an emulator that lacks them, with the first such answer. */
  notImplemented?: Record<string, NotImplementedEvidence>
  /** How the implementation probe addressed the view operations: on a view it created, or (fallback, with why) on one that does not exist. */
  probe?: { on: 'own-view' | 'absent-view'; note?: string }
  /**
   * Calls the client gave up waiting for (its request timeout, `withinMs`), kept apart from conformance failures:
   * each was tried once more; a step whose call got no answer twice has no verdict (`steps`); only the same call
   * never answered at all is a failure (a hang, R34).
   */
  noAnswer?: { withinMs: number; tries: number; steps: number; byOperation: Record<string, number> }
  /** Calls (included in `calls`) that consistency re-checks added: stale reads read again, writes tried again. */
  consistencyRechecks?: number
}

export interface NotImplementedEvidence {
  status?: number
  contentType?: string
  firstBytes?: string
  error: string
}

export interface OperationCoverage {
  operation: string
  calls: number
  /** Calls that the target answered with success. */
  succeeded?: number
  /** not-implemented: the target answers the route like an emulator that lacks it (evidence kept). */
  implementation?: 'implemented' | 'not-implemented' | 'not-exercised'
  evidence?: NotImplementedEvidence
  /** Every error the operation declares, with how often this target produced it. */
  declared: { error: string; count: number; reason?: string }[]
  /** Errors produced that the operation does not declare (each one an R33 finding). */
  undeclared: { error: string; count: number }[]
}

export interface Totals {
  properties: number
  passed: number
  failed: number
  interrupted: number
  notRun: number
  inconclusive?: number
  sequences: number
  commands: number
  operationsExercised: number
  operations: number
  operationsNotImplemented?: string[]
  rulesChecked: { documented: number; inferred: number; 'unknown-choice': number }
  /** Unique failures: distinct rules named by a failing property or a still-failing regression. */
  failingRules: string[]
}

/** Documented rules passed out of those exercised, per target and per operation; operations implemented. */
export interface ConformanceScore {
  rules: {
    passed: number
    /** Documented rules the run judged (passed or failed). */
    exercised: number
    /** Documented rules in the catalogue. */
    documented: number
    /** passed / exercised in [0, 1]; absent when no documented rule was exercised. */
    share?: number
  }
  operations: { implemented: number; total: number }
  byOperation: OperationScore[]
}

export interface OperationScore {
  operation: string
  implementation: 'implemented' | 'not-implemented' | 'not-exercised'
  /** Documented rules about this operation that passed, out of those exercised. */
  passed: number
  exercised: number
  share?: number
}

/** FAIL: known to fail; FAIL|PASS: known to be intermittent (either outcome is expected). */
export type ExpectedOutcome = 'FAIL' | 'FAIL|PASS'

/**
 * One line of an expectations file: exactly one of property (with its rule, and the operation unless any
 * operation will do), interaction, notImplemented or regression says what it is about.
 */
export interface ExpectationEntry {
  property?: string
  rule?: string
  operation?: string
  /** A Pact interaction, by its description. */
  interaction?: string
  /** An operation the target does not implement. */
  notImplemented?: string
  /** A regression bundle, by its file name. */
  regression?: string
  expected: ExpectedOutcome
  reason: string
  link?: string
  /** 1-based line of the entry in its file (where the line to delete is). */
  line?: number
}

export interface ExpectationsReport {
  /** The file, as given. */
  file: string
  /** An unexpected pass is a warning, not a failure (--allow-unexpected-pass). */
  allowUnexpectedPass: boolean
  /** The entries as read (a merge derives the results again from them). */
  entries: ExpectationEntry[]
  /** Results with a verdict that matched the file (known failures, and passes the file does not contradict). */
  expected: number
  /** Failures the file does not list: what changed. */
  unexpectedFailures: UnexpectedFailure[]
  /** Entries that expect only FAIL but passed: each is a line to delete. */
  unexpectedPasses: UnexpectedPass[]
  /** Entries about something this run did not reach a verdict on (another shard, the budget, masked by another failure). */
  notObserved: number
}

export interface UnexpectedFailure {
  /** Stable key, e.g. "property differential · R18 · ListViewVersions". */
  key: string
  /** What failed, in a few words (the mismatch with run-specific values taken out). */
  detail: string
  /** The entry that would accept it, one line of JSON. */
  entry: string
}

export interface UnexpectedPass {
  key: string
  line?: number
  /** The entry, one line of JSON (the line to delete). */
  entry: string
}
