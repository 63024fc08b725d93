// What a run saw of the target's consistency, as plain data: recorded by the checker while it judges reads
// under the eventual-consistency model, summarised by the report ("observed consistency"). Connect documents
// that a change may not be visible to the calls that follow it, typically for less than a few seconds
// (https://docs.aws.amazon.com/connect/latest/APIReference/eventual-consistency.html), so a stale read inside
// the window is legal; these records measure how stale the target actually was.

/** The consistency model a run judges reads under (`--consistency`). */
export type ConsistencyModel = 'eventual' | 'strong'

/** One read answer judged against the model. */
export interface ConsistencyRead {
  /** The operation that read, e.g. "DescribeView", "ListViews". */
  operation: string
  /**
   * Milliseconds from the acknowledgement of the newest write this read could have reflected (of the view it
   * addresses, or of any view for a list or search) to the moment the read was sent; undefined when no write
   * preceded it in the run.
   */
  sinceWriteMs: number | undefined
  /** True when the answer showed an older state than the newest acknowledged one (legal within the window). */
  stale: boolean
}

/** One wait for a stale answer to catch up: re-reads with backoff until it matched the newest state, or the window passed. */
export interface ConsistencyConvergence {
  operation: string
  /** Milliseconds from the first stale answer to the first converged one (or to giving up). */
  ms: number
  converged: boolean
}

export interface ConsistencyObservations {
  model: ConsistencyModel
  /** The convergence window W in force (`--convergence`). */
  windowMs: number
  reads: ConsistencyRead[]
  convergences: ConsistencyConvergence[]
  /** Extra calls the re-checks cost (re-reads and retried writes), all paced by the target's limiter. */
  recheckCalls: number
  /** Every judged read and every stale one, counted exactly when `reads` keeps only a sample of them. */
  readsTotal?: number
  staleTotal?: number
  /** The judged reads sent after a write (or stale), counted exactly like readsTotal. */
  afterWriteTotal?: number
}
