// The emulator's state file (src/stub/state-file.ts): a round trip keeps everything the model holds —
// instances (also ones created on first use), $SAVED/$LATEST, numbered versions, tags, AWS-managed views
// and the leftovers of the delete-view-leaves-versions quirk — and anything that is not a complete state
// document for this region and account is refused with the file named.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ViewsModel, deterministicOptions } from '../../src/model'
import { loadStateFile, saveStateFile, StateFileError } from '../../src/stub'
import { tempDir } from '../cli/support/cli'

const INSTANCE = '11111111-2222-4333-8444-555555555555'
const FRESH = 'abcdef01-2345-4678-9abc-def012345678'
const content = { Template: '{"Head":"x"}', Actions: ['A'] }

function populated(): ViewsModel {
  const m = new ViewsModel({ ...deterministicOptions(), anyInstance: true, quirks: ['delete-view-leaves-versions'] })
  const a = m.invoke('CreateView', {
    InstanceId: INSTANCE,
    Name: 'a',
    Status: 'PUBLISHED',
    Content: content,
    Tags: { team: 'x' },
  }).View as { Id: string; Arn: string }
  m.invoke('CreateViewVersion', { InstanceId: INSTANCE, ViewId: a.Id, VersionDescription: 'first' })
  m.invoke('UpdateViewContent', {
    InstanceId: INSTANCE,
    ViewId: a.Id,
    Status: 'SAVED',
    Content: { Template: '{"Head":"draft"}', Actions: [] },
  })
  m.invoke('TagResource', { resourceArn: a.Arn, tags: { stage: 'dev' } })
  const b = m.invoke('CreateView', { InstanceId: FRESH, Name: 'b', Status: 'PUBLISHED', Content: content }).View as {
    Id: string
  }
  m.invoke('CreateViewVersion', { InstanceId: FRESH, ViewId: b.Id })
  m.invoke('DeleteView', { InstanceId: FRESH, ViewId: b.Id })
  return m
}

describe('state file', () => {
  it('round-trips every instance, view, version, tag and ghost', () => {
    const file = join(tempDir(), 'state.json')
    const m = populated()
    saveStateFile(file, m)
    const restored = new ViewsModel({ ...deterministicOptions(), quirks: ['delete-view-leaves-versions'] })
    restored.importState(loadStateFile(file, { region: 'us-east-1', accountId: '123456789012' })!)
    expect(restored.exportState()).toEqual(m.exportState())
    expect(restored.instances).toContain(FRESH)
    const a = (
      m.invoke('ListViews', { InstanceId: INSTANCE, Type: 'CUSTOMER_MANAGED' }).ViewsSummaryList as { Id: string }[]
    )[0]!.Id
    for (const ViewId of [a, `${a}:$SAVED`, `${a}:$LATEST`, `${a}:1`]) {
      expect(restored.invoke('DescribeView', { InstanceId: INSTANCE, ViewId })).toEqual(
        m.invoke('DescribeView', { InstanceId: INSTANCE, ViewId }),
      )
    }
  })

  it('a missing file is no state (first start), not an error', () => {
    expect(
      loadStateFile(join(tempDir(), 'absent.json'), { region: 'us-east-1', accountId: '123456789012' }),
    ).toBeUndefined()
  })

  it.each([
    ['truncated JSON', (t: string) => t.slice(0, t.length / 2), /not readable JSON/],
    ['another format', (t: string) => t.replace('stub-state@3', 'stub-state@9'), /not a stub state file/],
    [
      'a view of an unlisted instance',
      (t: string) => t.replace(`"instances":["${INSTANCE}","${FRESH}"]`, `"instances":["${FRESH}"]`),
      /belongs to an instance the file does not list/,
    ],
    [
      'a damaged view record',
      (t: string) => t.replace('"versions":[', '"versions":"none","was":['),
      /"views" holds something that is not a view record/,
    ],
  ])('refuses %s, naming the file', (_what, damage, message) => {
    const file = join(tempDir(), 'state.json')
    saveStateFile(file, populated())
    writeFileSync(file, damage(readFileSync(file, 'utf8')))
    const load = () => loadStateFile(file, { region: 'us-east-1', accountId: '123456789012' })
    expect(load).toThrow(StateFileError)
    expect(load).toThrow(message)
    expect(load).toThrow(file)
  })

  it('refuses a file of another region (every ARN in it names the region)', () => {
    const file = join(tempDir(), 'state.json')
    saveStateFile(file, populated())
    expect(() => loadStateFile(file, { region: 'eu-west-2', accountId: '123456789012' })).toThrow(
      /written for region us-east-1 .* not eu-west-2/,
    )
  })
})
