// SDK-upgrade gate: compares a candidate @aws-sdk/client-connect release with the pinned one.
//   npm run sdk-gate -- --candidate <version> [--out DIR] [--seed N] [--no-schemas] [--fresh]
// Exit 0: identical; 1: differences (printed, and written to DIR/report.{md,json}); 2: candidate unavailable or
// bad arguments; 3: internal error of the gate.
import { Command, InvalidArgumentError } from 'commander'
import { DEFAULT_GATE_SEED } from '../src/sdk-gate/corpus'
import { DEFAULT_GATE_OUT, sdkGateCommand } from '../src/sdk-gate/command'

function integer(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('not an integer')
  return n
}

const program = new Command('sdk-gate')
  .description('Compare a candidate @aws-sdk/client-connect release with the pinned one (requests, outputs, errors, schemas)')
  .requiredOption('--candidate <version>', 'version, range or dist-tag of @aws-sdk/client-connect')
  .option('--out <dir>', 'report folder', DEFAULT_GATE_OUT)
  .option('--seed <n>', 'corpus seed', integer, DEFAULT_GATE_SEED)
  .option('--no-schemas', 'skip generating and comparing JSON schemas from both d.ts')
  .option('--fresh', 'reinstall the candidate even if a cached install exists')
  .option('--install-root <dir>', 'where candidate installs live (default: a folder in the OS temp dir)')
  .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))

program.parse()
const o = program.opts<{ candidate: string; out: string; seed: number; schemas: boolean; fresh?: boolean; installRoot?: string }>()
sdkGateCommand({ candidate: o.candidate, out: o.out, seed: o.seed, schemas: o.schemas, fresh: o.fresh, installRoot: o.installRoot })
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    // a bug in the gate itself: neither "identical" nor "different", so not 0/1; not 2 either (that means unavailable)
    console.error(`sdk-gate: internal error: ${(e as Error).stack ?? String(e)}`)
    process.exit(3)
  })
