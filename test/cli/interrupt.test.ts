// SIGINT during a run: the running property stops within a call, the target is cleaned up, the reports
// are still written (marked interrupted) and the exit code is 130.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { ConformanceReport } from '../../src/report/report-types'
import { PROPERTY_IDS } from '../../src/engine/property-registry'
import { collect, spawnCli, tempDir } from './support/cli'

it('SIGINT stops the run, writes every report and exits 130', async () => {
  const out = tempDir()
  // a time budget long enough that only the signal can end the run inside the test's timeout
  const child = spawnCli(['run', '--time-budget', '5m', '--seed', '3', '--out', out])
  let sent = false
  child.stdout!.on('data', (d: Buffer) => {
    if (!sent && d.toString().includes(`/${PROPERTY_IDS.length}] immutability`)) {
      sent = true
      setTimeout(() => child.kill('SIGINT'), 300)
    }
  })
  const r = await collect(child, 30_000)
  expect(r.code, r.stderr).toBe(130)
  expect(r.stdout).toContain('SIGINT: stopping')
  expect(r.stdout).toContain('RESULT: INTERRUPTED')
  for (const f of ['report.json', 'junit.xml', 'matrix.md', 'matrix.html'])
    expect(existsSync(join(out, f)), f).toBe(true)
  const t = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport).targets[0]!
  expect(t.interrupted).toBe(true)
  expect(t.properties[0]).toMatchObject({ id: 'coverage-plan', status: 'passed' }) // the fixed plan runs first
  // the cheapest verdicts per call (the plan, then the contracts) run before the exploring properties, which
  // the report still lists in the registry's order
  const contracts = t.properties.find((p) => p.id === 'contracts')
  expect(contracts?.status).not.toMatch(/^(not-run|interrupted)$/)
  expect(t.properties[1]).toMatchObject({ id: 'immutability', status: 'interrupted' })
  const rest = t.properties.slice(2).filter((p) => p.id !== 'contracts')
  expect(rest.length).toBeGreaterThan(0)
  expect(rest.every((p) => p.status === 'not-run')).toBe(true)
  expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(
    '<skipped message="interrupted (SIGINT) before a verdict"/>',
  )
})
