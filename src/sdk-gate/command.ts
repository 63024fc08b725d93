// The whole `sdk-gate` / `conformance sdk-diff` command as one function returning the exit code, so the
// CLI subcommand (and npm run sdk-gate, which calls it) is a thin argument parser around it.
//   0 no breaking difference (additive and cosmetic ones are reported) · 1 breaking differences (or additive
//   ones with blockAdditive) · 2 the candidate cannot be fetched or loaded (one line on stderr); src/exit-codes.ts
import { resolve } from 'node:path'
import { EXIT } from '../exit-codes'
import { CandidateUnavailableError, installCandidate, loadCandidate } from './candidate-install'
import { gateBlocks } from './classify'
import { runSdkGate } from './gate'
import { formatConsole, writeGateReport } from './report'
import { loadPinnedSdk } from './sdk-under-test'

export interface SdkGateCommandOptions {
  /** Version, range or dist-tag of @aws-sdk/client-connect to compare with the pinned one. */
  readonly candidate: string
  /** Report folder. Default out/sdk-gate. */
  readonly out?: string
  readonly seed?: number
  /** Skip the schema comparison (saves the ~10 s of generating from both d.ts). */
  readonly schemas?: boolean
  /** Reinstall the candidate even when a complete install is cached in the temp folder. */
  readonly fresh?: boolean
  readonly installRoot?: string
  /** Fail on additive differences too (new operations, members, enum values), not only on breaking ones. */
  readonly blockAdditive?: boolean
  /** npm executable (tests substitute a fake to stay offline). Default `npm`. */
  readonly npmCommand?: string
  readonly stdout?: (text: string) => void
  readonly stderr?: (text: string) => void
}

export const DEFAULT_GATE_OUT = 'out/sdk-gate'

export async function sdkGateCommand(o: SdkGateCommandOptions): Promise<number> {
  const out = o.stdout ?? ((t: string) => process.stdout.write(t + '\n'))
  const err = o.stderr ?? ((t: string) => process.stderr.write(t + '\n'))
  // Both SDKs warn about Node 20 on every client; the warning says nothing about the comparison.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  let candidate
  try {
    const installed = await installCandidate(o.candidate, {
      fresh: o.fresh,
      root: o.installRoot,
      npmCommand: o.npmCommand,
      log: err,
    })
    candidate = loadCandidate(installed)
  } catch (e) {
    if (e instanceof CandidateUnavailableError) {
      err(`sdk-gate: ${e.message}`)
      return EXIT.usage
    }
    throw e
  }
  const report = await runSdkGate({
    pinned: loadPinnedSdk(),
    candidate,
    seed: o.seed,
    compareSchemas: o.schemas !== false,
    log: err,
  })
  const blocks = gateBlocks(
    report.differences.map((d) => d.severity),
    { blockAdditive: o.blockAdditive },
  )
  out(formatConsole(report, { blockAdditive: o.blockAdditive }))
  const paths = writeGateReport(report, resolve(o.out ?? DEFAULT_GATE_OUT), { blockAdditive: o.blockAdditive })
  out(`\nreport: ${paths.markdown}\n        ${paths.json}`)
  return blocks ? EXIT.failures : EXIT.ok
}
