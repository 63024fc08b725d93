// What a run tells the world, as typed events (after Schemathesis's engine → events → handlers). The engine
// emits them in order; handlers (src/presentation/) turn them into progress lines, replay bundles, report
// files and the closing summary. A handler may emit further events through the bus (the bundle writer
// announces each bundle it wrote); they reach every handler after the event that caused them, before emit() returns.
import type { AssertionOutcome } from '../harness/assertions'
import type { Mode } from '../harness/projection'
import type { ProgressCounters } from '../report/progress'
import type { ConformanceReport, PropertyReport, RegressionReport } from '../report/report-types'
import type { RuleId } from '../spec'
import type { PropertyResult } from '../harness/property-types'

/** What a run was asked for, as its heading shows it. */
export interface RunHeading {
  seed: number
  strict: boolean
  quirks: readonly string[]
  /** "i/n" when the run is one shard. */
  shard?: string
  runs?: number
  timeBudgetMs?: number
}
/** The target a run talks to. */
export interface TargetInfo {
  kind: string
  label: string
  /** The run tag on every view the run creates (replay bundles replace it with a placeholder). */
  runId: string
  /** The client-side rate limit in force, in words. */
  rates: string
}
/** A property of the run: what reports and handlers name it by. */
export interface PropertyInfo {
  id: string
  title: string
  rules: readonly RuleId[]
}

export interface RunStarted {
  type: 'RunStarted'
  run: RunHeading
  target: TargetInfo
  mode: Mode
  /** The properties selected, in order, and how many the registry holds. */
  properties: readonly PropertyInfo[]
  registered: number
}
/** A line for the person watching (a signal received, the run stopping). */
export interface RunNote {
  type: 'RunNote'
  line: string
}
export interface RegressionReplayed {
  type: 'RegressionReplayed'
  regression: RegressionReport
}
export interface PropertyStarted {
  type: 'PropertyStarted'
  property: PropertyInfo
  index: number
  total: number
  /** Runs and calls of this property so far (polled by the live progress line). */
  counters: () => ProgressCounters
}
/** One assertion about `rule` executed against the target. */
export interface StepChecked {
  type: 'StepChecked'
  property: string
  rule: RuleId
  outcome: AssertionOutcome
}
export interface PropertyFinished {
  type: 'PropertyFinished'
  property: PropertyInfo
  /** A failure of it is written as a replay bundle (contract verification replays by running again instead). */
  bundles: boolean
  result: PropertyResult
  /** Its line in the reports (bundle and replay are added when a BundleWritten follows). */
  report: PropertyReport
  /** The run was interrupted while it ran: its result is not a verdict. */
  interrupted: boolean
}
export interface BundleWritten {
  type: 'BundleWritten'
  property: string
  /** The bundle's path, and relative to the output folder. */
  file: string
  relative: string
  /** The command that replays it. */
  replay: string
}
export interface RunFinished {
  type: 'RunFinished'
  report: ConformanceReport
  /** Why the run stopped early, if it did. */
  stoppedBecause?: string
}
/** After every handler has finished with RunFinished (the report files are written): the summary's cue. */
export interface RunClosed {
  type: 'RunClosed'
  report: ConformanceReport
  stoppedBecause?: string
}
export interface ReportWritten {
  type: 'ReportWritten'
  format: string
  file: string
}

export type EngineEvent =
  | RunStarted
  | RunNote
  | RegressionReplayed
  | PropertyStarted
  | StepChecked
  | PropertyFinished
  | BundleWritten
  | RunFinished
  | ReportWritten
  | RunClosed

export type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>

/** A handler reacts to the events it cares about; `emit` announces what it did in turn. */
export type EventHandler = {
  [T in EngineEvent['type']]?: (event: EventOf<T>, emit: (e: EngineEvent) => void) => void
}

/**
 * Delivers every event to every handler, in registration order, synchronously. An event a handler emits is
 * delivered once the current one has reached every handler, so all handlers see causes before consequences
 * (PropertyFinished, then the BundleWritten it led to).
 */
export class EventBus {
  private readonly queue: EngineEvent[] = []
  private delivering = false
  /** Each event type's listeners, in registration order (StepChecked is emitted per assertion: keep it cheap). */
  private readonly listeners = new Map<
    EngineEvent['type'],
    ((e: EngineEvent, emit: (e: EngineEvent) => void) => void)[]
  >()

  constructor(handlers: readonly EventHandler[]) {
    for (const h of handlers) {
      for (const [type, fn] of Object.entries(h)) {
        const list = this.listeners.get(type as EngineEvent['type']) ?? []
        list.push(fn as (e: EngineEvent, emit: (e: EngineEvent) => void) => void)
        this.listeners.set(type as EngineEvent['type'], list)
      }
    }
  }

  readonly emit = (event: EngineEvent): void => {
    if (this.delivering) {
      this.queue.push(event)
      return
    }
    this.delivering = true
    try {
      this.deliver(event)
      for (let e = this.queue.shift(); e; e = this.queue.shift()) this.deliver(e)
    } finally {
      this.delivering = false
      this.queue.length = 0
    }
  }

  private deliver(event: EngineEvent): void {
    const list = this.listeners.get(event.type)
    if (list) for (const fn of list) fn(event, this.emit)
  }
}
