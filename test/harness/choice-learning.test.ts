// The reference model learns a target's answers to undocumented questions (src/choices/learn-during-run.ts):
// a difference one open choice explains is adopted, kept for later sequences against the same target, and
// never hides what the mode asserts.
import { afterEach, describe, expect, it } from 'vitest'
import { differential } from '../../src/properties/differential'
import { fieldDifferences, learningSession, targetKnowledge } from '../../src/choices/learn-during-run'
import { RefTable } from '../../src/harness/normalise'
import type { Cmd } from '../../src/harness/commands'
import { runSequence } from '../../src/harness/sequence'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'
import type { StubErrorName } from '../../src/stub/wire-types'

const TEMPLATE = '{"Head":{"Title":"a"},"Body":[]}'
/** Only the Actions change: under checksumInput=template-only the checksum stays, under the default it moves. */
const ACTIONS_ONLY_CHANGE: Cmd[] = [
  {
    op: 'CreateView',
    slot: 0,
    status: 'PUBLISHED',
    content: { Template: TEMPLATE, Actions: ['Submit'] },
    name: 'learn',
  },
  {
    op: 'UpdateViewContent',
    slot: 0,
    status: 'PUBLISHED',
    content: { Template: TEMPLATE, Actions: ['Cancel'] },
    ref: 'id',
  },
  { op: 'DescribeView', slot: 0, ref: 'id', qualifier: '' },
]

let target: Target | undefined
afterEach(async () => target?.close())

describe('choice learning', () => {
  it('counts differing leaf fields, a member on one side only once', () => {
    expect(fieldDifferences({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toBe(0)
    expect(fieldDifferences({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 })).toBe(2)
    expect(fieldDifferences({ l: [1] }, { l: [1, 2] })).toBe(2) // the length and the extra item
  })

  it("R14 adopts the target's checksum input once a difference shows it, and keeps it for the next sequence", async () => {
    target = await createTarget({
      target: 'stub',
      stub: { modelOptions: { choices: { checksumInput: 'template-only' } } },
    })
    const mode = { strict: false }
    const first = await runSequence(differential, target, ACTIONS_ONLY_CHANGE, mode)
    expect(first.failure).toBeUndefined()
    expect(targetKnowledge(target, mode).learned).toEqual({ checksumInput: 'template-only' })
    const again = await runSequence(differential, target, ACTIONS_ONLY_CHANGE, mode)
    expect(again.failure).toBeUndefined()
  })

  it('R13 a difference no choice explains is still reported', async () => {
    target = await createTarget({ target: 'stub', stub: { modelOptions: { quirks: ['checksum-of-saved'] } } })
    const cmds: Cmd[] = [
      ...ACTIONS_ONLY_CHANGE.slice(0, 1),
      {
        op: 'UpdateViewContent',
        slot: 0,
        status: 'SAVED',
        content: { Template: '{"Head":{"Title":"draft"},"Body":[]}', Actions: [] },
        ref: 'id',
      },
      { op: 'DescribeView', slot: 0, ref: 'id', qualifier: '' },
    ]
    const r = await runSequence(differential, target, cmds, { strict: false })
    expect(r.failure?.rule).toBeDefined()
    expect(r.failure!.message).toMatch(/differs from the model/)
  })

  /** A view and its publishes, differential-checked, against a stub whose CreateViewVersion answers `errorName` `times` times. */
  async function publishesMeeting(errorName: StubErrorName, times: number, publishes: number) {
    const stub = await createTarget({
      target: 'stub',
      stub: { faults: { forceError: [{ operation: 'CreateViewVersion', errorName, times }] } },
    })
    const content = (t: string) => ({ Template: `{"Head":{"Title":"${t}"},"Body":[]}`, Actions: [] })
    const cmds: Cmd[] = [{ op: 'CreateView', slot: 0, status: 'PUBLISHED', content: content('a'), name: 'v' }]
    for (let i = 0; i < publishes; i++) {
      if (i > 0)
        cmds.push({ op: 'UpdateViewContent', slot: 0, status: 'PUBLISHED', content: content(`c${i}`), ref: 'id' })
      cmds.push({ op: 'CreateViewVersion', slot: 0, sha: 'current', ref: 'id' })
    }
    target = stub
    return { r: await runSequence(differential, stub, cmds, { strict: false }), stub }
  }

  it('learns nothing from a 429 that outlived the retries: the sequence ends there with no verdict, no choice is adopted to explain it', async () => {
    // a throttled CreateViewVersion once taught the model sha256Pattern=model-literal, and the next checksum failed R24
    const { r, stub } = await publishesMeeting('TooManyRequestsException', 5, 2)
    expect(stub.stats.throttleRetries).toBe(4)
    expect(targetKnowledge(stub, { strict: false }).learned).toEqual({})
    expect(r.failure).toBeUndefined()
    expect(r.throttled).toBe(true)
    expect(r.session.steps.length).toBe(2)
  })

  it('adopts no choice that answers another error than the target did: a view gone under a publish is no checksum pattern', async () => {
    // a CreateViewVersion answered ResourceNotFoundException (its view deleted by someone else) was once
    // "explained" by sha256Pattern=model-literal, whose InvalidParameterException (a 400, not a 404) is no nearer
    // to it than a success is; every later publish then failed R24 against a correct target
    const { r, stub } = await publishesMeeting('ResourceNotFoundException', 1, 1)
    expect(targetKnowledge(stub, { strict: false }).learned).toEqual({})
    // the difference stays for the checks to report
    expect(r.failure?.message).toContain('ResourceNotFoundException')
  })
})

describe('lanes learning together', () => {
  it('a value another lane adopted while this session ran is still learned here: its model side does not serve it yet', async () => {
    const target = await createTarget({
      target: 'stub',
      stub: { modelOptions: { choices: { clientTokenRetryAnswer: 'current-saved' } } },
    })
    try {
      const mode = { strict: false }
      const refs = { target: new RefTable(), model: new RefTable() }
      const session = learningSession(target, mode, undefined, refs) // its model side serves the defaults
      // meanwhile another lane of the same target adopts the value
      targetKnowledge(target, mode).learned.clientTokenRetryAnswer = 'current-saved'
      const title = (t: string) => ({ Template: JSON.stringify({ Head: { Title: t }, Body: [] }), Actions: [] })
      const cmds: Cmd[] = [
        { op: 'CreateView', slot: 0, status: 'PUBLISHED', content: title('c1'), name: 'lanes', clientToken: 'tok' },
        { op: 'UpdateViewContent', slot: 0, status: 'SAVED', content: title('c2'), ref: 'id' },
        { op: 'RetryCreateView', slot: 0 },
      ]
      for (const cmd of cmds) await session.run(cmd)
      const last = session.steps.at(-1)!
      const content = (o: typeof last.model.outcome) => (o.ok ? (o.output.View as { Content: unknown }).Content : o)
      expect(content(last.model.outcome)).toEqual(content(last.target.outcome))
      // and by that value, not by another choice whose replay happened to serve it too (a wrong adoption)
      expect(targetKnowledge(target, mode).learned).toEqual({ clientTokenRetryAnswer: 'current-saved' })
    } finally {
      await target.close()
    }
  })
})
