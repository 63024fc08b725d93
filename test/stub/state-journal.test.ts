// The state file's journal (src/stub/state-journal.ts): after any sequence of successful changes — every
// mutating operation, by id, ARN and qualified id, with the quirks that change state in odd places, instances
// created on first use, compactions in between — reading the file gives exactly the model's state; a change
// costs a line about the change, not the state; an incomplete last line (a kill while appending) is dropped,
// a damaged line before it refused; fsync mode answers only after a group fsync.
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ViewsModel, deterministicOptions, isModelError } from '../../src/model'
import type { OperationName } from '../../src/spec'
import { readStateFile, seededRandom, StateFileError, StateJournal } from '../../src/stub'
import { tempDir } from '../cli/support/cli'

const INSTANCE = '11111111-2222-4333-8444-555555555555'
const OTHER = 'abcdef01-2345-4678-9abc-def012345678'
const expectRegion = { region: 'us-east-1', accountId: '123456789012' }

function model(quirks: string[] = [], choices: Record<string, string> = {}): ViewsModel {
  return new ViewsModel({ ...deterministicOptions(), anyInstance: true, quirks, choices })
}

/** A random successful-or-not operation on the views created so far. */
function randomCall(r: () => number, views: { id: string; arn: string; instance: string }[], i: number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const v = views.length ? pick(views) : undefined
  const content = () => ({ Template: `{"n":${Math.floor(r() * 4)}}`, ...(r() < 0.7 ? { Actions: ['A'] } : {}) })
  const viewId = () => {
    if (!v) return 'missing'
    const base = r() < 0.5 ? v.id : v.arn
    return r() < 0.15 ? `${base}:$SAVED` : base
  }
  const ops: [OperationName, () => Record<string, unknown>][] = [
    [
      'CreateView',
      () => ({
        InstanceId: r() < 0.8 ? INSTANCE : OTHER,
        Name: `v${i}`,
        Status: pick(['SAVED', 'PUBLISHED']),
        Content: content(),
        ...(r() < 0.3 ? { Tags: { t: String(i) } } : {}),
        ...(r() < 0.3 ? { ClientToken: `tok${Math.floor(r() * 5)}` } : {}),
      }),
    ],
    [
      'UpdateViewContent',
      () => ({ InstanceId: v?.instance, ViewId: viewId(), Status: pick(['SAVED', 'PUBLISHED']), Content: content() }),
    ],
    [
      'UpdateViewMetadata',
      () => ({
        InstanceId: v?.instance,
        ViewId: viewId(),
        ...(r() < 0.5 ? { Name: `m${i}` } : { Description: `d${i}` }),
      }),
    ],
    [
      'CreateViewVersion',
      () => ({ InstanceId: v?.instance, ViewId: viewId(), ...(r() < 0.3 ? { VersionDescription: `x${i}` } : {}) }),
    ],
    [
      'DeleteViewVersion',
      () => ({ InstanceId: v?.instance, ViewId: v?.id ?? 'missing', ViewVersion: 1 + Math.floor(r() * 3) }),
    ],
    ['DeleteView', () => ({ InstanceId: v?.instance, ViewId: viewId() })],
    ['TagResource', () => ({ resourceArn: v?.arn ?? 'arn:x', tags: { [`k${Math.floor(r() * 3)}`]: String(i) } })],
    ['UntagResource', () => ({ resourceArn: v?.arn ?? 'arn:x', tagKeys: [`k${Math.floor(r() * 3)}`] })],
    ['TagResource', () => ({ resourceArn: 'arn:aws:connect:us-east-1:aws:view/form', tags: { a: 'b' } })],
  ]
  const [op, input] = pick(ops)
  return { op, input: input() }
}

function drive(m: ViewsModel, journal: StateJournal, steps: number, seed: number, check: () => void): void {
  const r = seededRandom(seed)
  const views: { id: string; arn: string; instance: string }[] = []
  for (let i = 0; i < steps; i++) {
    const { op, input } = randomCall(r, views, i)
    let output: Record<string, unknown>
    try {
      output = m.invoke(op, input)
    } catch (e) {
      if (isModelError(e)) continue
      throw e
    }
    if (op === 'CreateView') {
      const v = output.View as { Id: string; Arn: string }
      if (!views.some((x) => x.id === v.Id)) views.push({ id: v.Id, arn: v.Arn, instance: input.InstanceId as string })
    }
    void journal.afterChange(op, input, output)
    if (i % 7 === 0) check()
  }
  check()
}

describe('state journal', () => {
  it.each([
    ['no quirks', [], {}],
    [
      'quirks that change state in odd places',
      [
        'delete-view-leaves-versions',
        'tags-lost-on-metadata-update',
        'mutable-versions',
        'saved-update-changes-latest',
      ],
      {
        metadataTouchesLastModified: 'yes',
        noChangePublishTouchesLastModified: 'yes',
        clientTokenAfterDelete: 'InvalidRequestException',
      },
    ],
  ])('after random changes the file reads back as the model (%s), across compactions', (_what, quirks, choices) => {
    for (const seed of [1, 2, 3]) {
      const file = join(tempDir(), 'state.jsonl')
      const m = model(quirks, choices)
      const { journal } = StateJournal.open(file, m, { compactMinBytes: 2_000, compactFactor: 1 })
      drive(m, journal, 300, seed, () => expect(readStateFile(file, expectRegion)!.state).toEqual(m.exportState()))
      expect(journal.stats.compactions).toBeGreaterThan(1)
      // and a second journal on the same file goes on from there
      const again = model(quirks, choices)
      const reopened = StateJournal.open(file, again).journal
      expect(again.exportState()).toEqual(m.exportState())
      drive(again, reopened, 60, seed + 10, () =>
        expect(readStateFile(file, expectRegion)!.state).toEqual(again.exportState()),
      )
    }
  })

  it('a change costs a line about the change, not the state', () => {
    const file = join(tempDir(), 'state.jsonl')
    const m = model()
    const { journal } = StateJournal.open(file, m)
    const big = { Template: JSON.stringify({ x: 'y'.repeat(20_000) }), Actions: ['A'] }
    let last = ''
    for (let i = 0; i < 50; i++) {
      const input = {
        InstanceId: INSTANCE,
        Name: `v${i}`,
        Status: 'PUBLISHED',
        Content: { ...big, Actions: [String(i)] },
      }
      const out = m.invoke('CreateView', input)
      void journal.afterChange('CreateView', input, out)
      last = (out.View as { Id: string }).Id
    }
    const before = statSync(file).size
    const tag = {
      resourceArn: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}/view/${last}`,
      tags: { a: 'b' },
    }
    void journal.afterChange('TagResource', tag, m.invoke('TagResource', tag))
    expect(statSync(file).size - before).toBeLessThan(1_000) // a tag: no content, no other view
    const publish = { InstanceId: INSTANCE, ViewId: last }
    void journal.afterChange('CreateViewVersion', publish, m.invoke('CreateViewVersion', publish))
    expect(statSync(file).size - before).toBeLessThan(2_000) // a version of content the file already has
  })

  it('drops an incomplete last line (never acknowledged), refuses a damaged line before it', () => {
    const file = join(tempDir(), 'state.jsonl')
    const m = model()
    const { journal } = StateJournal.open(file, m)
    for (const name of ['a', 'b']) {
      const input = { InstanceId: INSTANCE, Name: name, Status: 'SAVED', Content: { Template: '{}' } }
      void journal.afterChange('CreateView', input, m.invoke('CreateView', input))
    }
    const whole = readFileSync(file, 'utf8')
    appendFileSync(file, '{"ops":[{"put":["views","')
    const read = readStateFile(file, expectRegion)!
    expect(read.droppedTail).toBe(true)
    expect(read.state).toEqual(m.exportState())
    // a restart compacts the damaged tail away
    const again = model()
    const reopened = StateJournal.open(file, again)
    expect(reopened.restored?.droppedTail).toBe(true)
    expect(readStateFile(file, expectRegion)!.droppedTail).toBe(false)
    const lines = whole.split('\n')
    lines[1] = lines[1]!.slice(0, 20)
    writeFileSync(file, lines.join('\n'))
    expect(() => readStateFile(file, expectRegion)).toThrow(StateFileError)
    expect(() => readStateFile(file, expectRegion)).toThrow(/journal line 2 is not an entry/)
  })

  it('fsync mode: concurrent changes share fsyncs (group commit), each answered once durable', async () => {
    const file = join(tempDir(), 'state.jsonl')
    const m = model()
    const { journal } = StateJournal.open(file, m, { fsync: true })
    const pending: Promise<void>[] = []
    for (let i = 0; i < 40; i++) {
      const input = { InstanceId: INSTANCE, Name: `v${i}`, Status: 'SAVED', Content: { Template: '{}' } }
      pending.push(journal.afterChange('CreateView', input, m.invoke('CreateView', input)))
    }
    await Promise.all(pending)
    expect(journal.stats.fsyncs).toBeGreaterThan(0)
    expect(journal.stats.fsyncs).toBeLessThanOrEqual(2)
    expect(readStateFile(file, expectRegion)!.state).toEqual(m.exportState())
    await journal.close()
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(1) // closed: one snapshot
  })
})
