// Arranges provider states THROUGH THE API (CreateView, UpdateViewContent, CreateViewVersion, list calls)
// on a Target, so the same handlers serve the stub's HTTP server, an emulator and a live sandbox. Every view
// is created with the run's name prefix and run tag (the Target's live-safety guard insists), and teardown
// deletes what the state created and any view the interaction itself created under a name handed out here.
import { isNotFoundPage } from '../targets/implementation'
import { randomBytes, randomUUID } from 'node:crypto'
// pact 16 does not re-export the HTTP proxy's handler type; VerifierOptions intersects it with the message one.
import type { StateHandlers } from '@pact-foundation/pact/src/dsl/verifier/proxy/types'
import type { OperationName } from '../spec'
import { customerViewArn } from '../model/view-ref'
import { RUN_TAG_KEY } from '../targets/run-identity'
import type { Target } from '../targets/target'
import { isNotVisibleYet, now, retryWhileNotVisible } from '../harness/consistency'
import { describeState } from './verification-results'
import {
  pathSegment,
  STATE,
  type ProviderValues,
  type StateName,
  type VersionsStateParams,
  type ViewStateParams,
} from './provider-states'

/** A state that could not be arranged; the verifier only sees an empty answer, so it is kept here. */
export interface SetupFailure {
  state: string
  params: Record<string, unknown>
  action: 'setup' | 'teardown'
  message: string
}

/**
 * The run's time budget ended: the state is not arranged (and the interaction not verified). Not a
 * failure of the target, so it is kept apart from SetupFailure.
 */
export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted'
  constructor() {
    super('not verified: the time budget ran out before its provider state was arranged')
  }
}

export interface ArrangerOptions {
  /** Epoch ms after which no state is arranged any more (teardown still runs: what was created is deleted). */
  readonly deadline?: number
  /**
   * Eventual consistency (Connect documents that a change may stay invisible for a few seconds): a write the
   * target refuses as not found on a view arranged moments ago is tried again for up to `windowMs`, and once
   * the target has shown stale answers (`staleSeen`, or a retry here) every arranged state is left to settle
   * for `windowMs` after its last write before the interaction is verified.
   */
  readonly consistency?: { windowMs: number; staleSeen?: boolean }
}

/** Published content number n: valid for full (PUBLISHED) validation, different for every n. */
export function contentRevision(n: number): { Template: string; Actions: string[] } {
  return {
    Template: JSON.stringify({
      Head: { Title: `Contract view revision ${n}` },
      Body: [{ TemplateString: `Revision ${n}` }],
    }),
    Actions: ['Submit'],
  }
}

interface ArrangedView {
  viewId: string
  viewArn: string
  viewArnPath: string
  viewName: string
  sha256?: string
}

export class StateArranger {
  readonly failures: SetupFailure[] = []
  /**
   * Every setup the verifier asked for, in order (it verifies one interaction at a time, in the order of its
   * results), with the state as the results describe it and whether the deadline cut it off.
   */
  readonly setups: { state: string; cutOff: boolean; throttled?: boolean }[] = []
  /** A setup is running: its calls stop at the deadline (a teardown's never do: cleanup must finish). */
  private arranging = false
  /** Names handed to the consumer for views the interaction creates or renames to: swept at teardown. */
  private readonly handedOut = new Set<string>()
  private counter = 0

  constructor(
    readonly target: Target,
    private readonly options: ArrangerOptions = {},
  ) {}

  /** Whether the deadline has passed. */
  pastDeadline(): boolean {
    return this.options.deadline !== undefined && Date.now() >= this.options.deadline
  }

  /** One handler per state: setup arranges and injects values, teardown cleans up. */
  stateHandlers(): StateHandlers {
    const handlers: StateHandlers = {}
    for (const state of Object.values(STATE)) {
      handlers[state] = {
        setup: async (params) =>
          this.guarded(state, params, 'setup', () => this.arrange(state, (params ?? {}) as Record<string, unknown>)),
        teardown: async (params) => {
          await this.guarded(state, params, 'teardown', () => this.cleanup())
          return undefined
        },
      }
    }
    return handlers
  }

  private async guarded<T>(
    state: string,
    params: unknown,
    action: 'setup' | 'teardown',
    fn: () => Promise<T>,
  ): Promise<T> {
    this.arranging = action === 'setup'
    const setup = this.arranging
      ? { state: describeState(state, (params ?? {}) as Record<string, unknown>), cutOff: false }
      : undefined
    if (setup) this.setups.push(setup)
    try {
      if (this.arranging && this.pastDeadline()) throw new BudgetExhausted()
      return await fn()
    } catch (e) {
      if (e instanceof BudgetExhausted && setup) {
        setup.cutOff = true
        throw e
      }
      this.failures.push({
        state,
        params: (params ?? {}) as Record<string, unknown>,
        action,
        message: (e as Error).message,
      })
      throw e
    } finally {
      this.arranging = false
    }
  }

  /** Clock ms of the last write an arrangement made; whether the target has shown it is eventually consistent. */
  private lastWriteAt: number | undefined
  private staleSeen = false

  async arrange(state: StateName, params: Record<string, unknown>): Promise<ProviderValues> {
    this.staleSeen ||= this.options.consistency?.staleSeen === true
    const values = await this.arrangeNow(state, params)
    await this.settle()
    return values
  }

  /** Waits until W has passed since the arrangement's last write, once the target has shown stale answers. */
  private async settle(): Promise<void> {
    const w = this.options.consistency?.windowMs
    if (w === undefined || !this.staleSeen || this.lastWriteAt === undefined) return
    const left = this.lastWriteAt + w - now()
    this.lastWriteAt = undefined
    if (left > 0) await new Promise((r) => setTimeout(r, left))
  }

  private async arrangeNow(state: StateName, params: Record<string, unknown>): Promise<ProviderValues> {
    const base = await this.instanceValues()
    switch (state) {
      case STATE.instance:
        return { ...base, newViewName: this.handOutName() }
      case STATE.view: {
        const p = params as ViewStateParams
        const view = await this.createView(p.status ?? 'PUBLISHED', p.tags ?? {})
        return { ...base, newViewName: this.handOutName(), ...stringValues(view) }
      }
      case STATE.publishedVersions: {
        const p = params as unknown as VersionsStateParams
        const view = await this.publishVersions(p.N)
        if (p.firstPageRead) await this.settle() // the first page must list every version
        const nextToken = p.firstPageRead
          ? await this.firstPageToken('ListViewVersions', {
              InstanceId: this.target.instanceId,
              ViewId: view.viewId,
              MaxResults: p.firstPageRead,
            })
          : undefined
        return { ...base, ...stringValues({ ...view, nextToken }) }
      }
      case STATE.latestAhead: {
        const p = params as unknown as VersionsStateParams
        const view = await this.publishVersions(p.N)
        const updated = await this.call('UpdateViewContent', {
          InstanceId: this.target.instanceId,
          ViewId: view.viewId,
          Status: 'PUBLISHED',
          Content: contentRevision(p.N + 1),
        })
        const sha256 = String((updated.View as Record<string, unknown>).ViewContentSha256)
        return { ...base, ...stringValues({ ...view, sha256, staleSha256: view.sha256 }) }
      }
      case STATE.manyViews: {
        const p = params as unknown as VersionsStateParams
        for (let i = 0; i < p.N; i++) await this.createView('PUBLISHED', {})
        if (p.firstPageRead) await this.settle()
        const nextToken = p.firstPageRead
          ? await this.firstPageToken('ListViews', {
              InstanceId: this.target.instanceId,
              Type: 'CUSTOMER_MANAGED',
              MaxResults: p.firstPageRead,
            })
          : undefined
        return { ...base, ...stringValues({ nextToken }) }
      }
      default:
        throw new Error(`no arrangement for provider state "${String(state)}"`)
    }
  }

  /** Deletes the views this run created, and views created under names handed out since the last cleanup. */
  async cleanup(): Promise<void> {
    const problems: string[] = []
    if (this.handedOut.size > 0) {
      const names = new Set(this.handedOut)
      this.handedOut.clear()
      for (const { Id } of await this.customerViewsNamed(names)) {
        if (this.target.owned.has(Id)) continue
        // Not owned: the guard checks the run tag before it lets the delete through.
        const o = await this.target.send('DeleteView', { InstanceId: this.target.instanceId, ViewId: Id })
        // gone already (an interaction deleted it); a 404 page from an implemented DeleteView says so too (R25 is judged elsewhere)
        const gone =
          !o.ok &&
          (o.error.name === 'ResourceNotFoundException' ||
            (isNotFoundPage(o) && this.target.implementation.answered.has('DeleteView')))
        if (!o.ok && !gone) problems.push(`${Id}: ${o.error.name}`)
      }
    }
    const { failed } = await this.target.cleanup()
    problems.push(...failed)
    if (problems.length) throw new Error(`could not delete view(s) ${problems.join(', ')}`)
  }

  private async instanceValues(): Promise<ProviderValues> {
    const { target } = this
    const missingViewId = randomUUID()
    const { partition, account } = await this.accountOfViews()
    const arn = customerViewArn({
      partition,
      region: target.region,
      account,
      instanceId: target.instanceId,
      viewId: missingViewId,
    })
    return {
      instanceId: target.instanceId,
      runTag: target.run.runId,
      missingViewId,
      missingViewArnPath: pathSegment(arn),
    }
  }

  /** A run-prefixed name no view has yet, for a view the interaction itself creates or renames (swept at teardown). */
  private handOutName(): string {
    const name = this.newName()
    this.handedOut.add(name)
    return name
  }

  /** Partition and account of this instance's view ARNs: a live account id is only learnt from an ARN. */
  private arnParts: { partition: string; account: string } | undefined

  private async accountOfViews(): Promise<{ partition: string; account: string }> {
    if (this.arnParts) return this.arnParts
    const listed = await this.call('ListViews', {
      InstanceId: this.target.instanceId,
      Type: 'CUSTOMER_MANAGED',
      MaxResults: 1,
    })
    const arn =
      ((listed.ViewsSummaryList ?? []) as { Arn?: string }[])[0]?.Arn ?? (await this.createView('SAVED', {})).viewArn
    this.learnArn(arn)
    if (!this.arnParts) throw new Error(`cannot read the account id from the view ARN ${arn}`)
    return this.arnParts
  }

  private learnArn(arn: string): void {
    const m = /^arn:([^:]+):connect:[^:]*:(\d{12}):/.exec(arn)
    if (m && !this.arnParts) this.arnParts = { partition: m[1]!, account: m[2]! }
  }

  private newName(): string {
    return `${this.target.run.namePrefix}pact-${++this.counter}-${randomBytes(3).toString('hex')}`
  }

  private async createView(
    status: 'PUBLISHED' | 'SAVED',
    tags: Record<string, string>,
    content = contentRevision(1),
  ): Promise<ArrangedView> {
    const { target } = this
    const out = await this.call('CreateView', {
      InstanceId: target.instanceId,
      Name: this.newName(),
      Status: status,
      Content: content,
      Description: 'Arranged by the contract provider states',
      Tags: { ...tags, [RUN_TAG_KEY]: target.run.runId },
    })
    const view = out.View as Record<string, unknown>
    const viewArn = String(view.Arn)
    this.learnArn(viewArn)
    return {
      viewId: String(view.Id),
      viewArn,
      viewArnPath: pathSegment(viewArn),
      viewName: String(view.Name),
      ...(view.ViewContentSha256 !== undefined ? { sha256: String(view.ViewContentSha256) } : {}),
    }
  }

  /** A published view whose versions 1..n hold contents 1..n, with $LATEST = content n. */
  private async publishVersions(n: number): Promise<ArrangedView> {
    const view = await this.createView('PUBLISHED', {})
    const id = { InstanceId: this.target.instanceId, ViewId: view.viewId }
    let sha256 = view.sha256
    for (let k = 1; k <= n; k++) {
      if (k > 1) await this.call('UpdateViewContent', { ...id, Status: 'PUBLISHED', Content: contentRevision(k) })
      const out = await this.call('CreateViewVersion', { ...id, VersionDescription: `Release ${k}` })
      sha256 = String((out.View as Record<string, unknown>).ViewContentSha256 ?? sha256)
    }
    return { ...view, ...(sha256 !== undefined ? { sha256 } : {}) }
  }

  private async firstPageToken(op: 'ListViews' | 'ListViewVersions', input: Record<string, unknown>): Promise<string> {
    const out = await this.call(op, input)
    if (typeof out.NextToken !== 'string')
      throw new Error(
        `${op} with MaxResults ${String(input.MaxResults)} returned no NextToken, so there is no second page to read`,
      )
    return out.NextToken
  }

  private async customerViewsNamed(names: ReadonlySet<string>): Promise<{ Id: string }[]> {
    const found: { Id: string }[] = []
    let NextToken: string | undefined
    do {
      const out = await this.call('ListViews', {
        InstanceId: this.target.instanceId,
        Type: 'CUSTOMER_MANAGED',
        ...(NextToken ? { NextToken } : {}),
      })
      for (const s of (out.ViewsSummaryList ?? []) as { Id?: string; Name?: string }[])
        if (s.Id && s.Name && names.has(s.Name)) found.push({ Id: s.Id })
      NextToken = typeof out.NextToken === 'string' ? out.NextToken : undefined
    } while (NextToken)
    return found
  }

  private async call(op: OperationName, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    // Checked before every call: on a rate-limited target one state is many seconds of calls.
    if (this.arranging && this.pastDeadline()) throw new BudgetExhausted()
    const w = this.options.consistency?.windowMs
    const write = op !== 'ListViews' && op !== 'ListViewVersions' && op !== 'DescribeView'
    const o =
      w !== undefined && write && typeof input.ViewId === 'string'
        ? (
            await retryWhileNotVisible(async () => {
              const outcome = await this.target.send(op, input)
              if (isNotVisibleYet(outcome)) this.staleSeen = true
              return { outcome }
            }, now() + w)
          ).outcome
        : await this.target.send(op, input)
    if (o.ok && write) this.lastWriteAt = now()
    if (!o.ok) throw new Error(`${op} failed while arranging a provider state: ${o.error.name}: ${o.error.message}`)
    return o.output
  }
}

function stringValues(o: object): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = String(v)
  return out
}
