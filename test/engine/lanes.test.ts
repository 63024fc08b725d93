// The engine runs exploring properties on lanes at once when the target has lanes (a guarded endpoint here):
// they overlap in time, the reports keep selection order, a correct server passes, a planted bug is still
// caught by the property that checks it, and nothing is left on the server.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { settingSource } from '../../src/settings'
import type { EngineEvent } from '../../src/engine/events'
import { runWithStandardHandlers } from '../../src/presentation/standard-handlers'
import { runSettings } from '../../src/engine/run-settings'
import { startStubServer, type StubServer } from '../../src/stub'
import { REPO, tempDir } from '../cli/support/cli'

const silent = { stdout: { write: () => true }, warn: () => {} }
const ONLY = 'immutability,monotonic-versions,pagination,delete'
let server: StubServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function runOnServer(quirks: string[], lanes: string, runs = '8', convergence?: string) {
  server = await startStubServer({ coreOptions: { modelOptions: { quirks } } })
  const events: EngineEvent[] = []
  const s = runSettings(
    settingSource(
      {
        target: server.url,
        seed: '5',
        runs,
        only: ONLY,
        lanes,
        report: 'json',
        out: tempDir(),
        regressions: join(REPO, 'test/cli/no-regressions'),
        recordings: join(REPO, 'test/cli/no-recordings'),
        ...(convergence ? { convergence } : {}),
      },
      {},
    ),
  )
  const code = await runWithStandardHandlers(s, silent, [
    {
      PropertyStarted: (e) => {
        events.push(e)
      },
      PropertyFinished: (e) => {
        events.push(e)
      },
      RunFinished: (e) => {
        events.push(e)
      },
    },
  ])
  const report = (events.at(-1) as Extract<EngineEvent, { type: 'RunFinished' }>).report.targets[0]!
  return { code, events, report }
}

describe('lanes', () => {
  it('exploring properties overlap on 3 lanes, pass on a correct server, report in selection order, leave nothing behind', async () => {
    const { code, events, report } = await runOnServer([], '3')
    expect(code).toBe(0)
    const firstFinish = events.findIndex((e) => e.type === 'PropertyFinished')
    expect(events.slice(0, firstFinish).filter((e) => e.type === 'PropertyStarted').length).toBe(3)
    expect(report.properties.map((p) => [p.id, p.status])).toEqual(ONLY.split(',').map((id) => [id, 'passed']))
    expect(report.cleanup?.failed).toEqual([])
    const res = await fetch(`${server!.url}/views/${report.instanceId}?type=CUSTOMER_MANAGED`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { ViewsSummaryList: unknown[] }).ViewsSummaryList).toEqual([])
  })

  it('one lane runs them one after another', async () => {
    const { events } = await runOnServer([], '1')
    expect(events.filter((e) => e.type !== 'RunFinished').map((e) => e.type)).toEqual(
      ONLY.split(',').flatMap(() => ['PropertyStarted', 'PropertyFinished']),
    )
  })

  it('a planted bug is caught on its lane while the others pass beside it', async () => {
    // a dropped item looks like a list not caught up yet, read again until the consistency window ends, on
    // every shrinking step: a short window keeps those waits short (what is caught is the same)
    const { code, report } = await runOnServer(['pagination-drops-item'], '3', '40', '500ms')
    expect(code).toBe(1)
    expect(report.properties.find((p) => p.id === 'pagination')).toMatchObject({
      status: 'failed',
      failure: { rule: 'R27' },
    })
    expect(report.properties.filter((p) => p.id !== 'pagination').map((p) => p.status)).toEqual([
      'passed',
      'passed',
      'passed',
    ])
  })
})
