// A target is "a ConnectClient plus how to arrange and clean up". One class serves all three kinds; they
// differ in how the client is built and whether live-safety (guard, rate limit, cleanup) is on. Here: the
// target's identity, its lanes and list lock, and the paced, retrying send(); what it counts of its calls is
// call-stats.ts, the live-safety guard live-guard.ts, the deletion of what a run created cleanup.ts.
import type { ConnectClient } from '@aws-sdk/client-connect'
import type { StubCoreOptions } from '../stub/core'
import type { OperationName } from '../spec'
import { callOperation, type CallError, type CallOutcome } from './sdk-call'
import { isRetryableThrottle } from './answer-class'
import type { WireTweak } from './wire-tweak'
import type { Limiter, RateLimit } from './rate-limiter'
import { ImplementationLedger, isNotFoundPage } from './implementation'
import { accountIn, bareInstanceId, partitionOf, type ArnHome } from './arn-home'
import { customerViewArn } from '../model/view-ref'
import { sequenceIdentity, type RunIdentity } from './run-identity'
import { guardMutation, viewIdOf } from './live-guard'
import { deleteOwnedViews } from './cleanup'
import { ListLock, type ListWork } from './list-lock'
import { CallCounter, DEFAULT_NO_ANSWER_MS, type CallStats } from './call-stats'

export type TargetKind = 'stub' | 'endpoint' | 'aws'

/** The account of ARNs built before any answer named the target's own (all zeros, as the implementation probe uses). */
const UNKNOWN_ACCOUNT = '000000000000'
/** Calls that change which views ListViews lists, or their order (Type, then Name: R18). */
export const LIST_CHANGING: ReadonlySet<OperationName> = new Set<OperationName>([
  'CreateView',
  'DeleteView',
  'UpdateViewMetadata',
])

/** What a target shares with its lanes: one sequence counter (identities stay unique), the clean-up tally, the lanes. */
interface LaneFamily {
  sequences: number
  cleanupDeleted: number
  readonly lanes: Set<Target>
  readonly listLock: ListLock
}

/** An answer send() retried: a 429 of the class the operation declares for throttling. */
export interface RetriedAnswer {
  op: OperationName
  error: CallError
}

export interface SendOptions {
  /** Sends a deliberately malformed request (R44): its answer says nothing about which operations exist. */
  tweak?: WireTweak
  /**
   * Goes out at once, past the client-side limiter, and is never retried (the coverage plan's throttling
   * burst, R23). It still takes its token from the limiter's model, so the calls after it wait for the refill.
   */
  unpaced?: boolean
}

export interface TargetOptions {
  kind: TargetKind
  label: string
  client: ConnectClient
  instanceId: string
  region: string
  /** The account the target's views belong to, when known up front (the stub's); otherwise learned from answers. */
  accountId?: string
  run: RunIdentity
  /** Live safety: refuse to touch views without the run tag, clean up what was created. */
  guarded: boolean
  limiter?: Limiter
  /** Retries of a 429 before giving up (the 429 is then the outcome). */
  maxThrottleRetries?: number
  backoffMs?: (attempt: number) => number
  sleep?: (ms: number) => Promise<void>
  onReset?: () => Promise<void> | void
  /** The URL requests go to (endpoint targets; aws when redirected by AWS_ENDPOINT_URL_CONNECT). */
  endpoint?: string
  /** Embedded stub only: the options it was built with, so the same stub can also be served over HTTP. */
  stubOptions?: StubCoreOptions
  /** Live targets: the client-side rate limit in force (share applied) and profile, for helpers that open their own client. */
  rateLimit?: RateLimit
  /** Opt-in quota probe (R22): at most this many creating calls; absent: R22 is not probed. */
  probeQuotas?: number
  profile?: string
  onClose?: () => Promise<void> | void
  /** How long the client waits for an answer to one call (remote targets); the report's "no answer within T". */
  requestTimeoutMs?: number
}

export class Target {
  readonly kind: TargetKind
  readonly label: string
  readonly client: ConnectClient
  readonly instanceId: string
  readonly region: string
  readonly run: RunIdentity
  readonly guarded: boolean
  readonly endpoint?: string
  readonly stubOptions?: StubCoreOptions
  readonly rateLimit?: RateLimit
  readonly probeQuotas?: number
  readonly profile?: string
  /** Counts every call; shared by the target and all its lanes, like the client, limiter, ledger and run identity. */
  private readonly counter: CallCounter
  /** Views created through this target (or lane) and not deleted: id → ARN. A lane's reset deletes only these. */
  readonly owned = new Map<string, string>()
  /** Which operations the target answered at all (succeeded per operation; the missing ones with evidence). */
  readonly implementation: ImplementationLedger
  /** Deletes that failed during a reset or the final cleanup, of every lane: reported, never silently forgotten. */
  readonly cleanupFailures: Map<string, string>
  /** The target lanes were made from (itself for a target). */
  readonly root: Target
  private readonly family: LaneFamily
  private readonly opts: TargetOptions
  private readonly home: ArnHome

  /** `laneOf`: internal, see lane(). */
  constructor(opts: TargetOptions, laneOf?: Target) {
    this.opts = opts
    this.root = laneOf?.root ?? this
    this.counter = laneOf?.counter ?? new CallCounter(opts.requestTimeoutMs ?? DEFAULT_NO_ANSWER_MS)
    this.implementation = laneOf?.implementation ?? new ImplementationLedger()
    this.cleanupFailures = laneOf?.cleanupFailures ?? new Map()
    this.family = laneOf?.family ?? { sequences: 0, cleanupDeleted: 0, lanes: new Set(), listLock: new ListLock() }
    this.kind = opts.kind
    this.label = opts.label
    this.client = opts.client
    this.instanceId = opts.instanceId
    this.region = opts.region
    this.run = opts.run
    this.guarded = opts.guarded
    this.endpoint = opts.endpoint
    this.stubOptions = opts.stubOptions
    this.rateLimit = opts.rateLimit
    this.probeQuotas = opts.probeQuotas
    this.profile = opts.profile
    // lanes share it: an account one lane learns is every lane's
    this.home = laneOf?.home ?? {
      partition: partitionOf(opts.region),
      region: opts.region,
      ...(opts.accountId ? { account: opts.accountId } : accountIn(opts.instanceId)),
    }
  }

  /** The account the target's views belong to: configured, from an instance ARN, or from the first view ARN it answered. */
  get accountId(): string | undefined {
    return this.home.account
  }

  /**
   * The ARN of a view of this target's instance, built from the target's own partition, region and account
   * (for a view the harness never saw created). While no answer has named the account, an account no one
   * has: the view does not exist either way.
   */
  viewArn(viewId: string): string {
    return customerViewArn({
      partition: this.home.partition,
      region: this.home.region,
      account: this.home.account ?? UNKNOWN_ACCOUNT,
      instanceId: bareInstanceId(this.instanceId),
      viewId,
    })
  }

  /** Views deleted by resets and clean-ups, over the target and all its lanes. */
  get cleanupDeleted(): number {
    return this.family.cleanupDeleted
  }

  /**
   * Whether lane() works: false when a reset wipes the whole target (the embedded stub, any onReset), so
   * concurrent sequences would destroy each other's views; run such a target's sequences one at a time.
   */
  get supportsLanes(): boolean {
    return this.opts.onReset === undefined
  }

  /** The calls made so far, over the target and all its lanes. */
  get stats(): CallStats {
    return this.counter.stats
  }

  /** How long the client waits for one answer (ms): "no answer within T". */
  get requestTimeoutMs(): number {
    return this.counter.requestTimeoutMs
  }

  /** A call made outside send() (the Pact verifier's requests), counted like send()'s: calls and 429s. */
  countExternal(op: OperationName, status: number): void {
    this.counter.countExternal(op, status)
  }

  /**
   * Another process spent from the target's buckets (the Pact verifier, `calls` of them, `throttled` answered
   * 429): counted with this run's, and the model assumes every bucket empty (it cannot know what is left),
   * unless `pacedHere`: that process took each call's slot from this target's limiter (shared-pacing.ts).
   */
  spentElsewhere(calls: Pick<CallStats, 'calls' | 'byOperation' | 'throttledByOperation'>, pacedHere = false): void {
    if (!pacedHere) this.opts.limiter?.drainAll?.()
    this.counter.countElsewhere(calls)
  }

  /**
   * A step left without a verdict because its call got no answer (counted). A hang — the same call shape never
   * answered, over HANG_TRIES tries or more — is a failure: the returned message says so; else undefined.
   */
  noAnswerStep(op: OperationName, input: Record<string, unknown>): string | undefined {
    return this.counter.noAnswerStep(op, input)
  }

  /**
   * Waits for the client-side limiter's slot for one call of `op` made outside send() (the Pact verifier's
   * requests); `first`: before the callers that are not first in line (rate-limiter.ts).
   */
  async pace(op: OperationName, first = this.firstInLine): Promise<void> {
    await this.opts.limiter?.acquire(op, first)
  }

  /**
   * This target's (or lane's) calls are served before those of lanes that are not: set while a bounded step
   * (the coverage plan) runs on it, so exploration beside it spends only what it leaves of each API's rate.
   */
  firstInLine = false

  /** A call of `op` made outside send() goes out past the pacing on purpose: it takes its token all the same. */
  spendOutside(op: OperationName): void {
    this.opts.limiter?.spend?.(op)
  }

  /**
   * Holds the list lock for work of `kind` done elsewhere (another process's calls on this target) until the
   * returned function is called: its CreateView, DeleteView or rename never lands inside a lane's ListViews
   * walk, nor a lane's between the pages it reads (list-lock.ts).
   */
  holdList(kind: ListWork): Promise<() => void> {
    return new Promise((held) => {
      void this.family.listLock.run(kind, () => new Promise<void>((release) => held(release)))
    })
  }

  /** How a call paced with pace() was answered: a 429 corrects the limiter's model like one of send()'s. */
  paced(op: OperationName, throttled: boolean, retryAfterMs?: number, deliberate?: boolean): void {
    this.opts.limiter?.observe?.(op, throttled, retryAfterMs, deliberate)
  }

  /** Whether this is a lane of another target. */
  get isLane(): boolean {
    return this.root !== this
  }

  /**
   * A lane: usable wherever a Target is, for sequences that run concurrently with those of other lanes. It
   * shares the client, rate limiter, stats, implementation ledger, run identity, guard and sequence counter
   * (sequence identities stay unique across lanes), but owns its own views: its reset deletes only what it
   * created. Closing a lane deletes its views and leaves the client open; closing the target deletes what
   * every lane left and reports the clean-up failures of all of them.
   */
  lane(): Target {
    if (!this.supportsLanes)
      throw new Error(
        `${this.label}: no lanes on a target whose reset wipes every view; run its sequences one at a time`,
      )
    const lane = new Target(this.opts, this.root)
    this.family.lanes.add(lane)
    return lane
  }

  /**
   * Runs a paginated ListViews walk (`fn`, every page) so that no other lane's CreateView, DeleteView or
   * UpdateViewMetadata lands between its pages (list-lock.ts says why). Without lanes it just runs `fn`.
   */
  whileListing<T>(fn: () => Promise<T>): Promise<T> {
    return this.family.lanes.size ? this.family.listLock.run('listing', fn) : fn()
  }

  /**
   * Calls one operation: guard, rate limit, retry 429 only (counted), record stats. Only a 429 of the
   * operation's declared throttling class is retried, and kept for the checks to judge (takeRetriedAnswers:
   * harness/checks.ts checkRetriedAnswers, R23); a wrong one is returned for the caller's checks to judge,
   * and a 5xx is never retried.
   */
  async send(op: OperationName, input: Record<string, unknown>, opts: SendOptions = {}): Promise<CallOutcome> {
    if (this.family.lanes.size && LIST_CHANGING.has(op)) {
      // the slot first, then the lock: a call waiting on its API's bucket holds no lock that a first-in-line
      // caller's listing waits on (the token is spent a little before the call goes: never too early for the bucket)
      if (!opts.unpaced) await this.opts.limiter?.acquire(op, this.firstInLine)
      return this.family.listLock.run('changing', () => this.sendNow(op, input, opts, !opts.unpaced))
    }
    return this.sendNow(op, input, opts)
  }

  /** `slotTaken`: the first try's limiter slot was taken already (send). */
  private async sendNow(
    op: OperationName,
    input: Record<string, unknown>,
    opts: SendOptions,
    slotTaken = false,
  ): Promise<CallOutcome> {
    if (this.guarded) await guardMutation(this, op, input)
    const maxRetries = opts.unpaced ? 0 : (this.opts.maxThrottleRetries ?? 4)
    const backoff = this.opts.backoffMs ?? ((a: number) => Math.min(8000, 250 * 2 ** a) * (0.5 + Math.random() / 2))
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
    let timedOut = 0
    for (let attempt = 0; ; attempt++) {
      if (opts.unpaced) this.opts.limiter?.spend?.(op)
      else if (!(slotTaken && attempt === 0)) await this.opts.limiter?.acquire(op, this.firstInLine)
      let outcome = await callOperation(this.client, op, input, undefined, opts.tweak)
      this.counter.count(op, outcome, !!opts.tweak)
      if (!opts.tweak) this.counter.noteAnswer(op, input, outcome)
      if (!outcome.ok && outcome.timedOut && !opts.unpaced) {
        // no answer is no wrong answer: tried once more under the limiter; if that too gets none, no verdict
        if (timedOut++ < 1) continue
        return { ...outcome, noAnswer: { withinMs: this.requestTimeoutMs, tries: timedOut } }
      }
      if (timedOut) outcome = { ...outcome, afterNoAnswer: true }
      if (!opts.tweak) this.implementation.observe(op, outcome)
      if (!opts.tweak) outcome = this.asReportedNotFound(op, outcome)
      const throttled = !outcome.ok && outcome.error.status === 429
      this.opts.limiter?.observe?.(op, throttled, outcome.ok ? undefined : outcome.retryAfterMs, !!opts.unpaced)
      if (!outcome.ok && attempt < maxRetries && isRetryableThrottle(op, outcome.error)) {
        this.retried.push({ op, error: outcome.error })
        this.stats.throttleRetries++
        await sleep(backoff(attempt))
        continue
      }
      this.track(op, input, outcome)
      return outcome
    }
  }

  /**
   * A non-JSON 404 from an operation the implementation probe found answering unknown views that way: that R25
   * failure is reported once, by the probe; here the answer is read as the ResourceNotFoundException it stands
   * for (the page kept as evidence), so the rest of the run still checks everything else those operations do.
   */
  private asReportedNotFound(op: OperationName, outcome: CallOutcome): CallOutcome {
    if (outcome.ok || !this.implementation.notFoundPages.has(op) || !isNotFoundPage(outcome)) return outcome
    return {
      ...outcome,
      error: {
        ...outcome.error,
        name: 'ResourceNotFoundException',
        message: `read as ResourceNotFoundException: ${op} answers what does not exist with a non-JSON 404 (R25, reported by the implementation probe): ${outcome.error.message}`,
      },
      notFoundPage: true,
    }
  }

  /** The answers send() retried through this target or lane since the last take (each lane keeps its own). */
  private retried: RetriedAnswer[] = []

  /** The answers send() retried (a property's checks never see them), since the last take. */
  takeRetriedAnswers(): RetriedAnswer[] {
    const taken = this.retried
    this.retried = []
    return taken
  }

  private track(op: OperationName, input: Record<string, unknown>, o: CallOutcome): void {
    if (!o.ok) return
    if (this.home.account === undefined) Object.assign(this.home, accountIn(o.output))
    if (op === 'CreateView') {
      const view = o.output.View as { Id?: string; Arn?: string } | undefined
      if (view?.Id) this.owned.set(view.Id, view.Arn ?? view.Id)
    } else if (op === 'DeleteView') {
      const id = viewIdOf(String(input.ViewId))
      if (id) this.owned.delete(id)
    }
  }

  /**
   * Fresh state at the start of every sequence: the stub resets; live targets delete what this run created.
   * A view that cannot be deleted is reported (cleanupFailures) and tried again at the end; the next sequence
   * cannot trip over it, since every sequence names its views with a prefix of its own (sequenceIdentity).
   */
  async resetBetweenRuns(): Promise<void> {
    if (this.opts.onReset) {
      await this.opts.onReset()
      this.owned.clear()
    } else await this.cleanup()
  }

  /** The run identity of one more sequence: the run's prefix and tag, plus a sequence-unique name prefix. */
  sequenceIdentity(): RunIdentity {
    return sequenceIdentity(this.run, ++this.family.sequences)
  }

  /** Deletes every view created through this target or lane (not its lanes': cleanupAll). */
  cleanup(): Promise<{ deleted: string[]; failed: string[] }> {
    return deleteOwnedViews(this, () => this.family.cleanupDeleted++)
  }

  /** Deletes every view the run created, through the target and every lane (on SIGINT, and at close). */
  async cleanupAll(): Promise<{ deleted: string[]; failed: string[] }> {
    const root = this.root
    for (const lane of root.family.lanes) {
      for (const [id, arn] of lane.owned) root.owned.set(id, arn)
      lane.owned.clear()
    }
    return root.cleanup()
  }

  /** The final cleanup: what the target and its lanes still own, and every view an earlier reset failed to delete. */
  private async finalCleanup(): Promise<void> {
    for (const id of this.cleanupFailures.keys()) if (!this.owned.has(id)) this.owned.set(id, id)
    await this.cleanupAll()
  }

  /** A lane: deletes its own views (a failure stays listed for the target's close) and leaves the client open. */
  async close(): Promise<void> {
    if (this.isLane) {
      try {
        if (this.guarded) await this.cleanup()
      } finally {
        this.family.lanes.delete(this)
      }
      return
    }
    try {
      if (this.guarded) await this.finalCleanup()
    } finally {
      await this.opts.onClose?.()
      this.client.destroy()
    }
  }
}
