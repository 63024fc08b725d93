// Property 10 (R10 under concurrency): the Connect adapter of the linearizability checker, the quirk it
// must catch (lost-update-race), and the property run end to end on the in-process stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { concurrencyProperty } from '../../src/properties/concurrency'
import { runConcurrencyProperty, runRounds } from '../../src/engine/runners/concurrent'
import type { ConcurrentCmd, Round } from '../../src/arbitraries/rounds'
import { checkLinearizability } from '../../src/harness/linearizability'
import { historyOutcome, viewsSequentialModel, type ViewsHistoryEntry } from '../../src/harness/linearizable-views'
import { deterministicOptions } from '../../src/model/options'
import { ViewsModel } from '../../src/model/views-model'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const LENIENT = { strict: false }
const P: ConcurrentCmd = { op: 'CreateViewVersion', slot: 0, sha: 'none', ref: 'id' }
const update = (title: string, status: 'SAVED' | 'PUBLISHED' = 'PUBLISHED'): ConcurrentCmd => ({
  op: 'UpdateViewContent',
  slot: 0,
  status,
  content: { Template: `{"Head":{"Title":"${title}"},"Body":[]}`, Actions: [] },
  ref: 'id',
})

const stub = (quirks: string[] = []) => createTarget({ target: 'stub', stub: { modelOptions: { quirks } } })
const versionOf = (h: ViewsHistoryEntry) =>
  h.outcome.kind === 'ok' ? (h.outcome.output.View as { Version?: number }).Version : undefined
const templateOf = (h: ViewsHistoryEntry) =>
  h.outcome.kind === 'ok' ? (h.outcome.output.View as { Content: { Template: string } }).Content.Template : undefined

describe('the Connect adapter (ViewsModel as a sequential specification)', () => {
  function adapter() {
    const model = new ViewsModel({ awsManagedViews: false, ...deterministicOptions() })
    const created = model.invoke('CreateView', {
      InstanceId: model.instances[0],
      Status: 'PUBLISHED',
      Name: 'v',
      Content: { Template: '{}', Actions: [] },
    })
    const viewId = (created.View as { Id: string }).Id
    return { model, spec: viewsSequentialModel({ start: model, instanceId: model.instances[0], viewId }) }
  }
  const input = (c: ConcurrentCmd) => (c.op === 'UpdateViewContent' ? { Status: c.status, Content: c.content } : {})
  const run = (spec: ReturnType<typeof adapter>['spec'], cmds: ConcurrentCmd[]) =>
    cmds.reduce((s, c) => spec.step(s, c.op, { ViewId: 'target-id', ...input(c) }).state, spec.init())

  it('keys states by $LATEST, versions and maxIssued: equal when no future answer can differ', () => {
    const { spec } = adapter()
    const key = (cmds: ConcurrentCmd[]) => spec.key!(run(spec, cmds))
    expect(key([update('a'), update('b')])).not.toBe(key([update('b'), update('a')])) // $LATEST differs
    expect(key([update('a'), update('x', 'SAVED')])).toBe(key([update('a')])) // $SAVED is never observed here
    expect(key([update('a'), P, P])).toBe(key([update('a'), P])) // no-change publish (R11) leaves state alone
    expect(key([update('a'), P])).not.toBe(key([P, update('a')]))
    expect(key([update('a'), update('a')])).toBe(key([update('a')])) // content is compared by value, not identity
  })

  it('never mutates the state it steps from (the search backtracks to it)', () => {
    const { spec } = adapter()
    const s0 = spec.init()
    const before = spec.key!(s0)
    spec.step(s0, 'UpdateViewContent', { Status: 'PUBLISHED', Content: { Template: '{"n":1}' } })
    spec.step(s0, 'CreateViewVersion', {})
    expect(spec.key!(s0)).toBe(before)
  })

  it('compares success/failure, and Version + Template/Actions of a publish; not ids, timestamps or error classes', () => {
    const { spec } = adapter()
    const { result } = spec.step(spec.init(), 'CreateViewVersion', {})
    const view = {
      Id: 'other-id',
      Arn: 'arn:other',
      Version: 1,
      Content: { Template: '{}', Actions: [], InputSchema: 'whatever' },
      LastModifiedTime: 1,
    }
    expect(spec.equal({ kind: 'ok', output: { View: view } }, result)).toBe(true)
    expect(spec.equal({ kind: 'ok', output: { View: { ...view, Version: 2 } } }, result)).toBe(false)
    expect(
      spec.equal({ kind: 'ok', output: { View: { ...view, Content: { Template: '{}', Actions: ['X'] } } } }, result),
    ).toBe(false)
    expect(
      spec.equal({ kind: 'fail', error: { name: 'InvalidParameterException', message: '', fields: {} } }, result),
    ).toBe(false)
    const invalid = spec.step(spec.init(), 'UpdateViewContent', {
      Status: 'PUBLISHED',
      Content: { Template: 'not json' },
    }).result
    expect(invalid.ok).toBe(false)
    expect(
      spec.equal({ kind: 'fail', error: { name: 'InvalidRequestException', message: '', fields: {} } }, invalid),
    ).toBe(true)
  })

  it('maps no-answer, 5xx, throttling and ResourceInUseException to "unknown"; other errors are compared', () => {
    const err = (name: string, status?: number) => ({ name, message: '', status, fields: {} })
    expect(historyOutcome({ ok: false, error: err('TimeoutError'), unknown: true }).kind).toBe('unknown')
    expect(historyOutcome({ ok: false, error: err('InternalServiceException', 500) }).kind).toBe('unknown')
    expect(historyOutcome({ ok: false, error: err('TooManyRequestsException', 429) }).kind).toBe('unknown')
    expect(historyOutcome({ ok: false, error: err('ResourceInUseException', 409) }).kind).toBe('unknown')
    expect(historyOutcome({ ok: false, error: err('InvalidParameterException', 400) }).kind).toBe('fail')
  })

  it('a version number issued twice with different content has no linearization', () => {
    const { spec } = adapter()
    const v = (Version: number, Template: string) => ({
      kind: 'ok' as const,
      output: { View: { Version, Content: { Template, Actions: [] } } },
    })
    const h: ViewsHistoryEntry[] = [
      { id: 0, op: 'CreateViewVersion', input: {}, invokedAt: 1, completedAt: 5, outcome: v(1, '{}') },
      {
        id: 1,
        op: 'UpdateViewContent',
        input: { Status: 'PUBLISHED', Content: { Template: '{"n":1}', Actions: [] } },
        invokedAt: 2,
        completedAt: 4,
        outcome: { kind: 'ok', output: {} },
      },
      { id: 2, op: 'CreateViewVersion', input: {}, invokedAt: 3, completedAt: 6, outcome: v(1, '{"n":1}') },
    ]
    const res = checkLinearizability(h, spec)
    expect(res.linearizable).toBe(false)
    if (!res.linearizable)
      expect(res.explanation).toContain(
        '#2 CreateViewVersion: observed ok Version=1 {"Template":"{\\"n\\":1}","Actions":[]}; model expects ok Version=2',
      )
    // The same answers with the second publish saying 2 are fine.
    h[2] = { ...h[2], outcome: v(2, '{"n":1}') }
    expect(checkLinearizability(h, spec)).toEqual({ linearizable: true, order: [0, 1, 2] })
  })
})

describe('the lost-update-race quirk really races through Promise.all', () => {
  let correct: Target
  let racy: Target
  beforeAll(async () => {
    correct = await stub()
    racy = await stub(['lost-update-race'])
  })
  afterAll(async () => {
    await correct.close()
    await racy.close()
  })

  it('correct stub: publish, update, publish sent together issue versions 1 and 2', async () => {
    const { history, failure } = await runRounds(correct, [[P, update('a'), P]], LENIENT)
    expect(failure).toBeUndefined()
    expect(history.map(versionOf)).toEqual([1, undefined, 2])
  })

  it('racy stub: both publishes read maxIssued 0, so version 1 is issued twice and the first content is lost', async () => {
    const { history, failure } = await runRounds(racy, [[P, update('a'), P]], LENIENT)
    expect(history.map(versionOf)).toEqual([1, undefined, 1])
    expect(templateOf(history[0])).not.toBe(templateOf(history[2]))
    // the calls really overlapped: the update finished before the first publish did
    expect(history[1].completedAt!).toBeLessThan(history[0].completedAt!)
    const versions = await racy.send('ListViewVersions', {
      InstanceId: racy.instanceId,
      ViewId: String(history[0].input.ViewId),
    })
    expect(versions.ok && (versions.output.ViewVersionSummaryList as unknown[]).length).toBe(1) // one of the two publishes is gone
    expect(failure?.rule).toBe('R10')
    expect(failure?.commands).toHaveLength(3)
    expect(failure?.step).toBe(2) // the second publish is the call no order can explain
  })
})

describe(`property ${concurrencyProperty.id} (${concurrencyProperty.rules.join(', ')})`, () => {
  let target: Target
  beforeAll(async () => {
    target = await stub()
  })
  afterAll(() => target.close())

  it.each([1, 2, 3, 42])('R10 holds on the correct stub (seed %i)', async (seed) => {
    const r = await runConcurrencyProperty(target, { seed, numRuns: 30, mode: LENIENT })
    expect(r.failure?.message ?? '').toBe('')
    expect(r).toMatchObject({ property: 'concurrency', status: 'passed', numRuns: 30, rules: ['R10'] })
    expect(r.commandsExecuted).toBeGreaterThan(30 * 3)
  })

  it('R10 holds on the correct stub in strict mode', async () => {
    expect((await runConcurrencyProperty(target, { seed: 9, numRuns: 20, mode: { strict: true } })).status).toBe(
      'passed',
    )
  })

  it('R10 catches lost-update-race within a few runs and shrinks to publish, update, publish', async () => {
    const racy = await stub(['lost-update-race'])
    try {
      const started = Date.now()
      const r = await runConcurrencyProperty(racy, { seed: 1, mode: LENIENT })
      const ms = Date.now() - started
      expect(r.status).toBe('failed')
      expect(r.numRuns).toBeLessThanOrEqual(10)
      expect(r.counterexample).toEqual({ rounds: 1, calls: 3 })
      const f = r.failure!
      expect(f.rule).toBe('R10')
      expect(f.commands.map((c) => (c.op === 'UpdateViewContent' ? `${c.op}:${c.status}` : c.op))).toEqual([
        'CreateViewVersion',
        'UpdateViewContent:PUBLISHED',
        'CreateViewVersion',
      ])
      expect(f.message).toMatch(/^The concurrent calls of round 0 \(3 calls, 0 earlier rounds\)/)
      expect(f.message).toContain('History (logical time [invoked..completed]):')
      expect(f.transcript).toHaveLength(3)
      expect(f.transcript[2]).toMatchObject({ index: 2, cmd: f.commands[2], target: { round: 0 } })
      console.info(
        `concurrency vs lost-update-race: detected after ${r.numRuns} run(s), ${r.numShrinks} shrink(s), counterexample ${r.counterexample!.rounds} round / ${r.counterexample!.calls} calls, ${ms} ms`,
      )
      // The printed path replays the shrunk counterexample exactly.
      const again = await runConcurrencyProperty(racy, { seed: 1, path: r.path, mode: LENIENT })
      expect(again.failure?.commands).toEqual(f.commands)
    } finally {
      await racy.close()
    }
  })

  it('R10 also catches a sequential numbering bug (skip-version-numbers) through the same checker', async () => {
    const skipping = await stub(['skip-version-numbers'])
    try {
      const r = await runConcurrencyProperty(skipping, { seed: 5, mode: LENIENT })
      expect(r.status).toBe('failed')
      expect(r.failure?.rule).toBe('R10')
    } finally {
      await skipping.close()
    }
  })

  it('rounds run one after another: a later round sees the state an earlier one left', async () => {
    const rounds: Round[] = [
      [update('a'), update('b')],
      [P, P],
    ]
    const { history, failure } = await runRounds(target, rounds, LENIENT)
    expect(failure).toBeUndefined()
    expect(Math.min(history[2].invokedAt, history[3].invokedAt)).toBeGreaterThan(
      Math.max(history[0].completedAt!, history[1].completedAt!),
    )
  })
})
