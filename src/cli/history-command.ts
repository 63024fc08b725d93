// `conformance report history <reports or folders…> [--out DIR]`: one HTML page of the score over time per
// target, what flipped and when, and a table per night (src/report/history*.ts), from the JSON reports of past
// runs — the nightly keeps one merged report.json per night and renders this page after each run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { EXIT, UsageError } from '../exit-codes'
import { buildHistory, findReports } from '../report/history'
import { historyHtml } from '../report/history-html'
import { percent } from '../report/score'
import { asString, type RawSettings } from '../settings'

export const DEFAULT_HISTORY_OUT = 'out/history'
export const HISTORY_FILE = 'history.html'

export function reportHistoryCommand(
  paths: readonly string[],
  opts: { out: string; now?: Date },
  io: { out: (text: string) => void; warn: (line: string) => void },
): number {
  if (paths.length === 0) throw new UsageError('report history: give JSON reports or folders holding them')
  let inputs: ReturnType<typeof findReports>
  try {
    inputs = findReports(paths, (line) => io.warn(`conformance: report history: ${line}`))
  } catch (e) {
    throw new UsageError(`report history: ${(e as Error).message}`)
  }
  if (inputs.length === 0) throw new UsageError(`report history: no JSON report found in ${paths.join(', ')}`)
  const hist = buildHistory(inputs)
  mkdirSync(opts.out, { recursive: true })
  const file = join(opts.out, HISTORY_FILE)
  writeFileSync(file, historyHtml(hist, opts.now))
  io.out(
    `report history: ${hist.runs.length} run${hist.runs.length === 1 ? '' : 's'} of ${hist.targets.length} target${hist.targets.length === 1 ? '' : 's'} over ${hist.nights.length} night${hist.nights.length === 1 ? '' : 's'} → ${file}`,
  )
  for (const target of hist.targets) {
    const runs = hist.runs.filter((r) => r.target === target)
    const last = runs.at(-1)!
    const flips = hist.flips.filter((f) => f.target === target && f.current).length
    io.out(
      `  ${target}: ${percent(last.score.rules.share)} of documented rules, ${last.score.operations.implemented}/${last.score.operations.total} operations implemented (${runs.length} run${runs.length === 1 ? '' : 's'}, ${flips} standing flip${flips === 1 ? '' : 's'})`,
    )
  }
  return EXIT.ok
}

export function defineHistoryCommand(
  report: Command,
  setCode: (code: number) => void,
  out: (text: string) => void,
  warn: (line: string) => void,
): void {
  report
    .command('history')
    .argument('<reports...>', 'JSON reports (report.json) of past runs, or folders holding them (searched recursively)')
    .description(
      'one HTML page: the score over time per target, the rules and operations that flipped, a table per night',
    )
    .option('--out <dir>', `output folder (default ${DEFAULT_HISTORY_OUT})`, DEFAULT_HISTORY_OUT)
    .action((paths: string[], o: RawSettings) =>
      setCode(reportHistoryCommand(paths, { out: asString({ value: o.out, source: '--out' }) }, { out, warn })),
    )
}
