// ARNs the harness builds itself (the view of a slot the target never created, the implementation probe's
// absent view) are built from the target's own region and account, not from the defaults: a target in
// another region or account must answer "not found" to them, never "not yours".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SideDriver } from '../../src/harness/session'
import { modelSide, targetSide } from '../../src/harness/sides'
import { ViewsModel } from '../../src/model'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

const INSTANCE = '11111111-2222-4333-8444-555555555555'

/** The resourceArn a TagResource on a slot this side never created sends. */
async function arnOfUncreatedSlot(side: SideDriver): Promise<string> {
  const { requests } = await side.execute({ op: 'TagResource', slot: 3, tags: { k: 'v' } })
  return String(requests[0]!.input.resourceArn)
}

describe('a stub target in eu-central-1, account 999988887777', () => {
  let target: Target
  beforeAll(async () => {
    target = await createTarget({
      target: 'stub',
      region: 'eu-central-1',
      stub: { modelOptions: { accountId: '999988887777' } },
    })
  })
  afterAll(() => target.close())

  it("the session builds the ARN from the target's region and account", async () => {
    const arn = await arnOfUncreatedSlot(new SideDriver(targetSide(target), target.sequenceIdentity()))
    expect(arn).toBe(`arn:aws:connect:eu-central-1:999988887777:instance/${INSTANCE}/view/missing-3`)
  })
  it('the stub itself answers in that region: the view it creates has the same ARN prefix', async () => {
    const created = await target.send('CreateView', {
      InstanceId: INSTANCE,
      Name: `${target.run.namePrefix}x`,
      Status: 'SAVED',
      Content: { Template: '{}', Actions: [] },
    })
    expect(created.ok && (created.output.View as { Arn: string }).Arn).toMatch(
      /^arn:aws:connect:eu-central-1:999988887777:instance\//,
    )
  })
})

describe('an endpoint target in ap-southeast-2 serving account 210987654321', () => {
  let server: StubServer
  let target: Target
  beforeAll(async () => {
    server = await startStubServer({
      port: 0,
      coreOptions: { modelOptions: { region: 'ap-southeast-2', accountId: '210987654321' } },
    })
    target = await createTarget({ target: server.url, region: 'ap-southeast-2' })
  })
  afterAll(async () => {
    await target.close()
    await server.close()
  })

  it('the account is learned from the first view ARN the target answers, and used from then on', async () => {
    const side = new SideDriver(targetSide(target), target.sequenceIdentity())
    expect(target.accountId).toBeUndefined()
    expect(await arnOfUncreatedSlot(side)).toBe(
      `arn:aws:connect:ap-southeast-2:000000000000:instance/${INSTANCE}/view/missing-3`,
    )
    await side.execute({
      op: 'CreateView',
      slot: 1,
      name: 'a',
      status: 'SAVED',
      content: { Template: '{}', Actions: [] },
    })
    expect(target.accountId).toBe('210987654321')
    expect(await arnOfUncreatedSlot(side)).toBe(
      `arn:aws:connect:ap-southeast-2:210987654321:instance/${INSTANCE}/view/missing-3`,
    )
    // and the target answers that ARN as a view that does not exist, not as another account's
    const tagged = await target.send('ListTagsForResource', { resourceArn: await arnOfUncreatedSlot(side) })
    expect(tagged.ok ? 'ok' : tagged.error.name).toBe('ResourceNotFoundException')
  })
  it('lanes share what the target learned', async () => {
    const lane = target.lane()
    expect(lane.viewArn('v')).toBe(`arn:aws:connect:ap-southeast-2:210987654321:instance/${INSTANCE}/view/v`)
    await lane.close()
  })
})

describe('other sources of the account', () => {
  it('an instance ARN given as the instance id names its account and partition', async () => {
    const instanceArn = `arn:aws-cn:connect:cn-north-1:123123123123:instance/${INSTANCE}`
    const target = await createTarget({ target: 'http://127.0.0.1:9', region: 'cn-north-1', instanceId: instanceArn })
    expect(target.accountId).toBe('123123123123')
    expect(target.viewArn('v')).toBe(`arn:aws-cn:connect:cn-north-1:123123123123:instance/${INSTANCE}/view/v`)
    await target.close()
  })
  it("the model side builds its ARNs from the model's own options", () => {
    const side = modelSide(
      new ViewsModel({ region: 'sa-east-1', accountId: '555566667777', instances: [INSTANCE] }),
      INSTANCE,
    )
    expect(side.viewArn('v')).toBe(`arn:aws:connect:sa-east-1:555566667777:instance/${INSTANCE}/view/v`)
  })
})
