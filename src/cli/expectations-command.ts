// `conformance expectations write <report.json…> [--out FILE] [--target ID]`: the baseline of a target's
// known outcomes from one or more runs (src/expectations/baseline.ts), to commit beside the nightly job that
// runs with `--expectations FILE`. Several runs (other seeds, other nights) mark what differs between them
// as intermittent.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { PROPERTY_IDS } from '../engine/property-registry'
import { EXIT, UsageError } from '../exit-codes'
import { baselineEntries } from '../expectations/baseline'
import {
  DEFAULT_EXPECTATIONS_OUT,
  expectationsText,
  kindOf,
  readExpectations,
  type ExpectationsFile,
} from '../expectations/expectations-file'
import { readReportFile } from '../report/merge'
import type { TargetReport } from '../report/report-types'
import { asString, type RawSettings } from '../settings'

export interface WriteOptions {
  out: string
  /** The matrix column to take when the reports hold several. */
  target?: string
  now?: Date
}

export function expectationsWriteCommand(
  files: readonly string[],
  opts: WriteOptions,
  io: { out: (text: string) => void },
): number {
  if (files.length === 0) throw new UsageError('expectations write: give at least one JSON report')
  const targets: { file: string; t: TargetReport }[] = []
  for (const f of files) {
    let report: ReturnType<typeof readReportFile>['report']
    try {
      report = readReportFile(f).report
    } catch (e) {
      throw new UsageError(`expectations write: ${(e as Error).message}`)
    }
    for (const t of report.targets) targets.push({ file: f, t })
  }
  const ids = [...new Set(targets.map((x) => x.t.id))]
  let chosen = targets
  if (opts.target) {
    chosen = targets.filter((x) => x.t.id === opts.target)
    if (chosen.length === 0)
      throw new UsageError(`expectations write: no report holds target "${opts.target}" (they hold: ${ids.join(', ')})`)
  } else if (ids.length > 1) {
    throw new UsageError(
      `expectations write: the reports hold ${ids.length} targets (${ids.map((x) => `"${x}"`).join(', ')}); a file is for one target: pick it with --target`,
    )
  }
  let previous: ExpectationsFile | undefined
  if (existsSync(opts.out)) {
    try {
      previous = readExpectations(opts.out, PROPERTY_IDS)
    } catch (e) {
      throw new UsageError(
        `expectations write: ${opts.out} exists and is not a usable expectations file (${(e as Error).message}); move it away or choose another --out`,
      )
    }
  }
  const runs = chosen.map((x) => x.t)
  const { entries, intermittent } = baselineEntries(runs, PROPERTY_IDS, previous?.entries)
  const target = runs[0]!.id
  const seeds = [...new Set(runs.map((t) => t.seed))]
  const written = `${(opts.now ?? new Date()).toISOString().slice(0, 10)} by conformance expectations write, from ${runs.length} run${runs.length === 1 ? '' : 's'} (seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')})`
  mkdirSync(dirname(opts.out), { recursive: true })
  writeFileSync(opts.out, expectationsText({ target, written, entries }, opts.out))
  const count = (k: string) => entries.filter((e) => kindOf(e) === k).length
  const parts = [
    [count('notImplemented'), 'operation not implemented', 'operations not implemented'],
    [count('property'), 'property failure', 'property failures'],
    [count('interaction'), 'Pact interaction', 'Pact interactions'],
    [count('regression'), 'regression bundle', 'regression bundles'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
  io.out(
    `expectations: wrote ${opts.out}: ${entries.length} known failure${entries.length === 1 ? '' : 's'} of ${target}` +
      `${parts.length ? ` (${parts.join(', ')})` : ''}${intermittent ? `, ${intermittent} intermittent (FAIL|PASS)` : ''}` +
      ` from ${runs.length} run${runs.length === 1 ? '' : 's'}${previous ? `; the reasons and links already in ${opts.out} are kept` : ''}`,
  )
  io.out(
    `expectations: commit it, then run with --expectations ${opts.out}: only a result that differs from it fails the run`,
  )
  return EXIT.ok
}

export function defineExpectationsCommand(
  root: Command,
  setCode: (code: number) => void,
  out: (text: string) => void,
  _warn: (line: string) => void,
): void {
  root
    .command('expectations')
    .description("a target's known outcomes, so that only a change fails the run")
    .command('write')
    .argument('<reports...>', 'JSON reports (report.json) of one or more runs of the target')
    .description(
      'write the expectations file (the baseline) from one or more runs; what differs between runs is intermittent (FAIL|PASS)',
    )
    .option('--out <file>', `expectations file (default ${DEFAULT_EXPECTATIONS_OUT})`, DEFAULT_EXPECTATIONS_OUT)
    .option('--target <id>', 'the target (matrix column) to take, when the reports hold several')
    .action((files: string[], o: RawSettings) =>
      setCode(
        expectationsWriteCommand(
          files,
          {
            out: asString({ value: o.out, source: '--out' }),
            ...(o.target === undefined ? {} : { target: asString({ value: o.target, source: '--target' }) }),
          },
          { out },
        ),
      ),
    )
}
