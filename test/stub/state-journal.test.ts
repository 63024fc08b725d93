// The state file's journal (src/stub/state-journal.ts): after any sequence of successful changes — every
// mutating operation, by id, ARN and qualified id, with the quirks that change state in odd places, instances
// created on first use, compactions in between — reading the file gives exactly the model's state; a change
// costs a line about the change, not the state; an incomplete last line (a kill while appending) is dropped,
// a damaged line before it refused; fsync mode answers only after a group fsync; a content a request brought
// is written as that request's body and copied, not serialised again, by compactions.
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ViewsModel, deterministicOptions, isModelError } from '../../src/model'
import type { OperationName } from '../../src/spec'
import { readStateFile, seededRandom, StateFileError, StateJournal } from '../../src/stub'
import { tempDir } from '../cli/support/cli'
import { json, testCore, wireRequest } from './support/wire'

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

  it('writes a content from the body of the request that brought it, and compactions copy it without serialising', async () => {
    const file = join(tempDir(), 'state.jsonl')
    const m = model()
    const { journal } = StateJournal.open(file, m, { compactMinBytes: 30_000, compactFactor: 1 })
    const atStart = journal.stats.serialised // the AWS-managed views' contents, in the first snapshot
    const core = testCore({
      model: m,
      onChange: (op, input, output, body) => journal.afterChange(op, input, output, body),
    })
    const template = (i: number) => JSON.stringify({ Head: { Title: `t${i}` }, Body: 'x'.repeat(5_000), Quote: '"é\\' })
    const ids: string[] = []
    for (let i = 0; i < 20; i++) {
      const body = JSON.stringify({
        Name: `v${i}`,
        Status: 'PUBLISHED',
        Content: { Template: template(i), Actions: [`A${i}`] },
      })
      const res = await core.handle(wireRequest('PUT', `/views/${INSTANCE}`, body))
      expect(res.status).toBe(200)
      ids.push((json(res).View as { Id: string }).Id)
      const update = JSON.stringify({ Status: 'SAVED', Content: { Template: template(100 + i) } })
      expect((await core.handle(wireRequest('POST', `/views/${INSTANCE}/${ids[i]}`, update))).status).toBe(200)
    }
    expect(journal.stats.compactions).toBeGreaterThan(2)
    // every content came with a request, and no compaction serialised one again
    expect(journal.stats.serialised).toBe(atStart)
    expect(readFileSync(file, 'utf8')).toContain('{"request":{"Name":')
    expect(readStateFile(file, expectRegion)!.state).toEqual(m.exportState())
    // a restart reads the bodies back as the contents, and goes on appending after them
    const again = model()
    const reopened = StateJournal.open(file, again).journal
    expect(again.exportState()).toEqual(m.exportState())
    reopened.compact() // contents read from the file: their bytes are not known, so they are serialised once
    expect(reopened.stats.serialised).toBeGreaterThan(0)
    expect(readStateFile(file, expectRegion)!.state).toEqual(m.exportState())
  })

  it('serialises a content when the body cannot stand for it, and reads null members as absent', async () => {
    const file = join(tempDir(), 'state.jsonl')
    const m = model()
    const { journal } = StateJournal.open(file, m, { compactMinBytes: 1_000, compactFactor: 1 })
    const atStart = journal.stats.serialised
    const core = testCore({
      model: m,
      onChange: (op, input, output, body) => journal.afterChange(op, input, output, body),
    })
    const bodies = [
      // several lines (JSON Lines has one entry a line): serialised
      JSON.stringify({ Name: 'pretty', Status: 'SAVED', Content: { Template: '{"a":1}', Actions: ['A'] } }, null, 2),
      // null members are absent, as the stub decodes them: the body stands for the content
      '{"Name":"nulls","Status":"SAVED","Description":null,"Content":{"Template":"{\\"b\\":2}","Actions":null}}',
      // a lone surrogate would not survive UTF-8: serialised
      JSON.stringify({ Name: 'surrogate', Status: 'SAVED', Content: { Template: '{"c":"\ud800"}' } }).replace(
        '\\ud800',
        '\ud800',
      ),
    ]
    for (const body of bodies)
      expect((await core.handle(wireRequest('PUT', `/views/${INSTANCE}`, body))).status).toBe(200)
    expect(journal.stats.serialised - atStart).toBe(2)
    // a request that did not bring the content the model stored never stands for it
    const stored = { InstanceId: INSTANCE, Name: 'other', Status: 'SAVED', Content: { Template: '{"d":4}' } }
    const request = { ...stored, Content: { Template: '{"e":5}' } }
    await journal.afterChange('CreateView', request, m.invoke('CreateView', stored), JSON.stringify(request))
    expect(journal.stats.serialised - atStart).toBe(3)
    expect(readStateFile(file, expectRegion)!.state).toEqual(m.exportState())
    journal.compact()
    expect(readStateFile(file, expectRegion)!.state).toEqual(m.exportState())
  })

  it('a file of the previous format is compacted into this one before a request body is written as a content', async () => {
    const file = join(tempDir(), 'state.jsonl')
    const m = model()
    const { journal } = StateJournal.open(file, m)
    const input = { InstanceId: INSTANCE, Name: 'a', Status: 'SAVED', Content: { Template: '{"a":1}' } }
    await journal.afterChange('CreateView', input, m.invoke('CreateView', input))
    // as a version that knew only stub-state@2 wrote it (record definitions only)
    writeFileSync(file, readFileSync(file, 'utf8').replace('stub-state@3', 'stub-state@2'))
    const again = model()
    const reopened = StateJournal.open(file, again)
    expect(reopened.restored?.oldFormat).toBe(true)
    const core = testCore({
      model: again,
      onChange: (op, input, output, body) => reopened.journal.afterChange(op, input, output, body),
    })
    const body = JSON.stringify({ Name: 'b', Status: 'SAVED', Content: { Template: '{"b":2}' } })
    expect((await core.handle(wireRequest('PUT', `/views/${INSTANCE}`, body))).status).toBe(200)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('{"request":') // written as the body …
    expect(text).not.toContain('stub-state@2') // … in a file a reader of @2 refuses instead of misreading
    expect(readStateFile(file, expectRegion)!.state).toEqual(again.exportState())
  })
})
