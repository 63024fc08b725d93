// `conformance sdk-diff` is wired to the SDK gate (the gate itself is tested in test/sdk-gate).
import { expect, it } from 'vitest'
import { runCli, runCliInProcess } from './support/cli'

it('sdk-diff without --candidate is a usage error with one readable line', async () => {
  const r = await runCli(['sdk-diff'])
  expect(r.code).toBe(2)
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(/--candidate/)
})

it('sdk-diff is listed in the help', async () => {
  const r = await runCliInProcess(['--help'])
  expect(r.stdout).toMatch(/sdk-diff \[options\]\s+SDK-upgrade gate/)
})
