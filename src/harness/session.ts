// Runs commands against the target and the reference model in lockstep. Each side keeps its own slot table
// (slot → the id/ARN that side gave the view) and the checksums it has seen, so one command becomes the
// same request on both sides in each side's own terms.
import type { OperationName } from '../spec'
import type { CallOutcome } from '../targets/sdk-call'
import type { RunIdentity } from '../targets/run-identity'
import { needsLiveSlot, type Cmd, type QualifierSpec, type RefForm } from './commands'
import { now } from './clock'
import type { Side } from './sides'

interface SlotState {
  id: string
  arn: string
  /** Checksums seen in $LATEST-bearing answers, oldest first. */
  shas: string[]
  createInput?: Record<string, unknown>
  /** DeleteView succeeded; the id is kept so later reads can check it is gone (R16). */
  deleted?: boolean
}

/** The outcome of one command on one side; list commands merge their pages. */
export interface SideOutcome {
  outcome: CallOutcome
  /** Requests actually sent (after id/ARN substitution), for transcripts. */
  requests: { op: OperationName; input: Record<string, unknown> }[]
  /** For paginated commands: the size of each page. */
  pageSizes?: number[]
  /**
   * The harness's clock (consistency.ts `now`, ms) when the command started (before its first request was sent) and when
   * its last answer arrived: how far apart two answers are in wall time (R15's check, differential.ts).
   */
  sentAt?: number
  answeredAt?: number
}

export interface Step {
  index: number
  cmd: Cmd
  target: SideOutcome
  /** Replaced when the choice learner re-runs the model side with other choices. */
  model: SideOutcome
  /** Under eventual consistency: the earlier answers of a read that converged (or did not), or tries of a write. */
  consistency?: StepConsistency
}

/**
 * Safety bound on pages per list command, for a target whose tokens never end the list. A target that hands
 * back the token it was sent (one that ignores NextToken) is stopped at once instead; the bound itself is high
 * because a live instance, or the lanes of a concurrent run, may hold many views, and a walk with a page
 * size of 1 must reach their end before anything about the list can be said.
 */
export const MAX_PAGES = 400

export class SideDriver {
  readonly slots = new Map<number, SlotState>()
  /** Every view id this side created in the run (deleted ones too): what "ours" means in list answers. */
  readonly created = new Set<string>()
  /**
   * run: the sequence's identity (Target.sequenceIdentity): its name prefix also makes every ClientToken
   * unique to the sequence (whether a deleted view's token may be reused is open: R53, choice clientTokenAfterDelete).
   */
  constructor(
    readonly side: Side,
    readonly run: RunIdentity,
  ) {}

  private viewRef(slot: number, ref: RefForm, qualifier: QualifierSpec = ''): string {
    const s = this.slots.get(slot)
    const base = s ? (ref === 'arn' ? s.arn : s.id) : `00000000-0000-4000-8000-${String(slot).padStart(12, '0')}`
    return qualifier === '' ? base : `${base}:${qualifier}`
  }

  /** The slot's view ARN; for a slot this side never created, an ARN of a view that does not exist, in the side's own region and account. */
  private arnOf(slot: number): string {
    return this.slots.get(slot)?.arn ?? this.side.viewArn(`missing-${slot}`)
  }

  private noteSha(slot: number, view: unknown): void {
    const sha = (view as { ViewContentSha256?: string } | undefined)?.ViewContentSha256
    const s = this.slots.get(slot)
    if (s && sha && s.shas[s.shas.length - 1] !== sha) s.shas.push(sha)
  }

  private async one(
    op: OperationName,
    input: Record<string, unknown>,
    requests: SideOutcome['requests'],
  ): Promise<CallOutcome> {
    requests.push({ op, input })
    return this.side.send(op, input)
  }

  async execute(cmd: Cmd): Promise<SideOutcome> {
    const sentAt = now()
    const done = await this.executeUntimed(cmd)
    return { ...done, sentAt, answeredAt: now() }
  }

  private async executeUntimed(cmd: Cmd): Promise<SideOutcome> {
    const requests: SideOutcome['requests'] = []
    const I = this.side.instanceId
    switch (cmd.op) {
      case 'CreateView': {
        const input: Record<string, unknown> = {
          InstanceId: I,
          Status: cmd.status,
          Content: cmd.content,
          Name: `${this.run.namePrefix}${cmd.name}`,
          Tags: { ...cmd.tags, [this.run.tag.key]: this.run.tag.value },
          ...(cmd.description !== undefined ? { Description: cmd.description } : {}),
          // unique per sequence, like names: a token reused after its view was deleted (a shrunk re-run, a
          // later sequence) may answer with the old view on a real service
          ...(cmd.clientToken !== undefined ? { ClientToken: `${this.run.namePrefix}${cmd.clientToken}` } : {}),
        }
        const outcome = await this.one('CreateView', input, requests)
        if (outcome.ok) {
          const v = outcome.output.View as { Id: string; Arn: string }
          this.slots.set(cmd.slot, { id: v.Id, arn: v.Arn, shas: [], createInput: input })
          this.created.add(v.Id)
          this.noteSha(cmd.slot, outcome.output.View)
        }
        return { outcome, requests }
      }
      case 'RetryCreateView': {
        const input = this.slots.get(cmd.slot)?.createInput
        if (!input) throw new Error(`RetryCreateView: slot ${cmd.slot} was not created here`)
        const outcome = await this.one('CreateView', input, requests)
        // a retry that answers another view created a second one (R6): it is this side's, so lists show it
        if (outcome.ok) this.created.add((outcome.output.View as { Id: string }).Id)
        return { outcome, requests }
      }
      case 'UpdateViewContent': {
        const outcome = await this.one(
          'UpdateViewContent',
          { InstanceId: I, ViewId: this.viewRef(cmd.slot, cmd.ref), Status: cmd.status, Content: cmd.content },
          requests,
        )
        if (outcome.ok && cmd.status === 'PUBLISHED') this.noteSha(cmd.slot, outcome.output.View)
        return { outcome, requests }
      }
      case 'UpdateViewMetadata': {
        const input: Record<string, unknown> = { InstanceId: I, ViewId: this.viewRef(cmd.slot, 'id') }
        if (cmd.name !== undefined) input.Name = `${this.run.namePrefix}${cmd.name}`
        if (cmd.description !== undefined) input.Description = cmd.description
        return { outcome: await this.one('UpdateViewMetadata', input, requests), requests }
      }
      case 'CreateViewVersion': {
        const shas = this.slots.get(cmd.slot)?.shas ?? []
        let sha: string | undefined
        if (cmd.sha === 'current') sha = shas[shas.length - 1]
        else if (cmd.sha === 'stale') sha = shas.length > 1 ? shas[shas.length - 2] : 'f'.repeat(64)
        else if (typeof cmd.sha === 'object') sha = cmd.sha.random
        const input: Record<string, unknown> = { InstanceId: I, ViewId: this.viewRef(cmd.slot, cmd.ref) }
        if (cmd.versionDescription !== undefined) input.VersionDescription = cmd.versionDescription
        if (sha !== undefined) input.ViewContentSha256 = sha
        return { outcome: await this.one('CreateViewVersion', input, requests), requests }
      }
      case 'DescribeView': {
        const outcome = await this.one(
          'DescribeView',
          { InstanceId: I, ViewId: this.viewRef(cmd.slot, cmd.ref, cmd.qualifier) },
          requests,
        )
        if (outcome.ok && (cmd.qualifier === '' || cmd.qualifier === '$LATEST'))
          this.noteSha(cmd.slot, outcome.output.View)
        return { outcome, requests }
      }
      case 'DeleteViewVersion':
        return {
          outcome: await this.one(
            'DeleteViewVersion',
            { InstanceId: I, ViewId: this.viewRef(cmd.slot, 'id'), ViewVersion: cmd.version },
            requests,
          ),
          requests,
        }
      case 'DeleteView': {
        const outcome = await this.one(
          'DeleteView',
          { InstanceId: I, ViewId: this.viewRef(cmd.slot, cmd.ref) },
          requests,
        )
        return { outcome, requests }
      }
      case 'DescribeAwsManagedView': {
        const listed = await this.one('ListViews', { InstanceId: I, Type: 'AWS_MANAGED', MaxResults: 1 }, requests)
        if (!listed.ok) return { outcome: listed, requests }
        const first = ((listed.output.ViewsSummaryList ?? []) as { Arn?: string }[])[0]
        if (!first?.Arn) return { outcome: { ok: true, output: { noAwsManagedViews: true } }, requests }
        return { outcome: await this.one('DescribeView', { InstanceId: I, ViewId: first.Arn }, requests), requests }
      }
      case 'ListViews': {
        // ListViews lists the whole instance: concurrent lanes must not change it between this walk's pages
        const walk = () =>
          this.paginate(
            'ListViews',
            { InstanceId: I, MaxResults: cmd.maxResults, ...(cmd.type ? { Type: cmd.type } : {}) },
            'ViewsSummaryList',
            requests,
          )
        return this.side.whileListing ? this.side.whileListing(walk) : walk()
      }
      case 'ListViewVersions':
        return this.paginate(
          'ListViewVersions',
          { InstanceId: I, ViewId: this.viewRef(cmd.slot, 'id'), MaxResults: cmd.maxResults },
          'ViewVersionSummaryList',
          requests,
        )
      case 'SearchViews': {
        const conditions: Record<string, unknown>[] = [
          { StringCondition: { FieldName: 'name', Value: this.run.namePrefix, ComparisonType: 'STARTS_WITH' } },
        ]
        if (cmd.status) conditions.push({ ViewStatusCondition: cmd.status })
        return this.paginate(
          'SearchViews',
          { InstanceId: I, MaxResults: cmd.maxResults, SearchCriteria: { AndConditions: conditions } },
          'Views',
          requests,
        )
      }
      case 'TagResource':
        return {
          outcome: await this.one('TagResource', { resourceArn: this.arnOf(cmd.slot), tags: cmd.tags }, requests),
          requests,
        }
      case 'UntagResource':
        return {
          outcome: await this.one('UntagResource', { resourceArn: this.arnOf(cmd.slot), tagKeys: cmd.keys }, requests),
          requests,
        }
      case 'ListTagsForResource':
        return {
          outcome: await this.one('ListTagsForResource', { resourceArn: this.arnOf(cmd.slot) }, requests),
          requests,
        }
      case 'Raw': {
        // placeholders in the literal input, in this side's own terms (a plan runs unchanged on any target)
        const [, partition, , region, account] = this.side.viewArn('x').split(':')
        const text = JSON.stringify(cmd.input)
          .replaceAll('{instance}', I)
          .replaceAll('{partition}', partition ?? 'aws')
          .replaceAll('{region}', region ?? '')
          .replaceAll('{account}', account ?? '')
          .replaceAll('{prefix}', this.run.namePrefix)
          .replace(/\{view:(\d+)\}/g, (_m, n: string) => this.slots.get(Number(n))?.id ?? `missing-${n}`)
        const input = JSON.parse(text) as Record<string, unknown>
        if (cmd.operation === 'CreateView') {
          // the same run identity as every other created view, so live targets can clean it up
          if (typeof input.Name === 'string' && input.Name !== '') input.Name = `${this.run.namePrefix}${input.Name}`
          if (input.Tags === undefined || (typeof input.Tags === 'object' && input.Tags !== null))
            input.Tags = { ...(input.Tags as object), [this.run.tag.key]: this.run.tag.value }
        }
        return { outcome: await this.one(cmd.operation, input, requests), requests }
      }
    }
  }

  private async paginate(
    op: OperationName,
    input: Record<string, unknown>,
    itemsKey: string,
    requests: SideOutcome['requests'],
  ): Promise<SideOutcome> {
    const items: unknown[] = []
    const pageSizes: number[] = []
    let token: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const outcome = await this.one(op, token === undefined ? input : { ...input, NextToken: token }, requests)
      if (!outcome.ok) return { outcome, requests, pageSizes }
      const pageItems = (outcome.output[itemsKey] ?? []) as unknown[]
      items.push(...pageItems)
      pageSizes.push(pageItems.length)
      const sent = token
      token = outcome.output.NextToken as string | undefined
      if (token === undefined) return { outcome: { ok: true, output: { [itemsKey]: items } }, requests, pageSizes }
      // the same request again would get the same answer: the list cannot end
      if (token === sent) break
    }
    return {
      outcome: { ok: true, output: { [itemsKey]: items, paginationDidNotEnd: true } },
      requests,
      pageSizes,
    }
  }

  markDeleted(slot: number): void {
    const s = this.slots.get(slot)
    if (s) s.deleted = true
  }
}

/** An answer that still showed an older state after W: how the failure of its check is worded. */
export interface NotConverged {
  windowMs: number
  /** The write whose effect the answer still did not show. */
  afterStep: number
  afterOp: string
  /** Milliseconds from that write's acknowledgement to the last read. */
  sinceWriteMs: number
  reads: number
}

/** What the consistency judge (consistency.ts) adds to a step: the answers before the last one, and whether it converged. */
export interface StepConsistency {
  /** Earlier answers to the same read (or tries of the same write), oldest first, ms after the first was sent. */
  rechecks: { afterMs: number; outcome: CallOutcome }[]
  notConverged?: NotConverged
}

/** What judges a step's reads under the run's consistency model: consistency.ts ConsistencyJudge. */
export interface StepJudge {
  /** Reads again (or retries a write) while the answer is a legal stale one, until it converges or W ends. */
  settle(
    sides: { target: SideDriver; model: SideDriver },
    step: Step,
    rerun: () => Promise<Step['target']>,
  ): Promise<void>
  /** Notes the step in the views' histories once it is final. */
  capture(step: Step, model: SideDriver): void
}

/** What a session calls after every step (the choice learner, src/choices/learn-during-run.ts). */
export interface StepObserver {
  afterStep(session: Session, step: Step): Promise<void>
}

/** Both sides of a run, plus what the run believes about slot liveness (from the model side). */
export class Session {
  readonly steps: Step[] = []
  readonly target: SideDriver
  private modelState: SideDriver
  constructor(
    target: Side,
    model: Side,
    run: RunIdentity,
    private readonly observer?: StepObserver,
    /** Judges reads (and retries writes) under the run's consistency model (consistency.ts); absent: strong, unrecorded. */
    readonly judge?: StepJudge,
  ) {
    this.target = new SideDriver(target, run)
    this.modelState = new SideDriver(model, run)
  }

  get model(): SideDriver {
    return this.modelState
  }

  /** Swaps in a model side replayed over the same commands (one outcome per step so far). */
  replaceModel(side: SideDriver, outcomes: readonly SideOutcome[]): void {
    if (outcomes.length !== this.steps.length)
      throw new Error(`replaceModel: ${outcomes.length} outcomes for ${this.steps.length} steps`)
    this.modelState = side
    this.steps.forEach((s, i) => {
      s.model = outcomes[i]!
    })
  }

  /** A slot is live when the model holds a view for it. */
  isLive(slot: number): boolean {
    const s = this.model.slots.get(slot)
    return s !== undefined && !s.deleted
  }

  /** The slot was created at some point (it may be deleted since). */
  wasCreated(slot: number): boolean {
    return this.model.slots.has(slot) && this.target.slots.has(slot)
  }

  /** Whether `cmd` may run now (fast-check's precondition). */
  canRun(cmd: Cmd): boolean {
    if (cmd.op === 'CreateView') return !this.isLive(cmd.slot)
    if (!needsLiveSlot(cmd)) return true
    const slot = (cmd as { slot: number }).slot
    return (cmd as { allowDeleted?: boolean }).allowDeleted ? this.wasCreated(slot) : this.isLive(slot)
  }

  private async onTarget(cmd: Cmd): Promise<SideOutcome> {
    // stamped with sentAt/answeredAt on the harness clock by SideDriver.execute (consistency.ts reads the same clock)
    return this.target.execute(cmd)
  }

  async run(cmd: Cmd): Promise<Step> {
    const slot = 'slot' in cmd ? this.target.slots.get(cmd.slot) : undefined
    const shas = slot ? [...slot.shas] : undefined
    const target = await this.onTarget(cmd)
    const model = await this.model.execute(cmd)
    const step: Step = { index: this.steps.length, cmd, target, model }
    if (this.judge)
      await this.judge.settle({ target: this.target, model: this.model }, step, () => {
        // a stale answer's checksum is not the one to publish with: only the last answer's is noted
        if (slot && shas) slot.shas = [...shas]
        return this.onTarget(cmd)
      })
    if (cmd.op === 'DeleteView') {
      if (model.outcome.ok) this.model.markDeleted(cmd.slot)
      if (step.target.outcome.ok) this.target.markDeleted(cmd.slot)
    }
    this.steps.push(step)
    this.judge?.capture(step, this.model)
    await this.observer?.afterStep(this, step)
    return step
  }
}
