// One whole `conformance run --target stub` in-process (the CLI's own main), with no committed regressions
// and a JSON report in a temp folder that is removed afterwards: its exit code and each property's status.
// Used by test/detection/quirk-catalogue.test.ts (one seed) and bench/detection.ts (several).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main'

export interface StubRun {
  code: number
  properties: { id: string; status: string }[]
  wallMs: number
}

/** `quiet` silences the run's progress and summary on stdout. */
export async function conformanceRunOnStub(args: readonly string[], quiet = false): Promise<StubRun> {
  const out = mkdtempSync(join(tmpdir(), 'cvc-stub-run-'))
  const write = process.stdout.write
  const t0 = performance.now()
  try {
    if (quiet) process.stdout.write = (() => true) as typeof process.stdout.write
    const code = await main([
      'node',
      'conformance',
      'run',
      '--target',
      'stub',
      '--report',
      'json',
      '--out',
      out,
      '--regressions',
      join(out, 'none'),
      ...args,
    ])
    process.stdout.write = write
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      targets: { properties: { id: string; status: string }[] }[]
    }
    return { code, properties: report.targets[0]!.properties, wallMs: Math.round(performance.now() - t0) }
  } finally {
    process.stdout.write = write
    rmSync(out, { recursive: true, force: true })
  }
}
