// The closing summary on the console, after Schemathesis: verdict, target, seed, operations exercised, rules
// checked, sequences and commands, observed consistency (one line), failures grouped by cause with the
// command that reproduces each, wall time, and where the reports and bundles went.
import type { ConformanceReport, TargetReport } from './report-types'
import { firstToFix, notImplementedOperations, verdictOf } from './verdict'
import {
  expectationsConsoleLines,
  expectationsLine,
  expectationsResultLine,
  firstUnexpected,
} from './expectations-render'
import { scoreLine } from './score'
import { throttleShareLine } from './throttle-share'

export interface SummaryExtras {
  /** Report files written. */
  reports: readonly string[]
  /** Folder of the replay bundles written by this run, and how many. */
  bundles?: { dir: string; count: number }
  /** Why the run stopped early, if it did. */
  stoppedBecause?: string
}

const n = (x: number) => x.toLocaleString('en-US')
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const label = (s: string) => `${s}:`.padEnd(14)

function firstLine(s: string, max = 160): string {
  const l = s.split('\n')[0] ?? ''
  return l.length > max ? `${l.slice(0, max - 1)}…` : l
}

function targetSummary(t: TargetReport, catalogueOps: readonly string[]): string[] {
  const out: string[] = []
  const tot = t.totals
  const where = t.kind === 'stub' ? 'embedded stub' : t.kind === 'endpoint' ? 'endpoint' : 'live AWS'
  const v = verdictOf(t)
  out.push(`${label('Verdict')}${v.verdict}${v.reasons.length ? ` — ${v.reasons.join(', ')}` : ''}`)
  if (t.expectations) out.push(`${label('Expectations')}${expectationsLine(t.expectations)}`)
  if (t.score) out.push(`${label('Score')}${scoreLine(t.score)}`)
  out.push(`${label('Target')}${t.id}  (${where}, ${t.region}, instance ${t.instanceId})`)
  out.push(
    `${label('Seed')}${t.seed}  (mode: ${t.mode.strict ? 'strict: documented + inferred rules' : 'default: documented rules'}${t.shards.length ? `; shards ${t.shards.join(', ')}` : ''})`,
  )
  const never = catalogueOps.filter((op) => !(t.stats.byOperation[op] ?? 0))
  out.push(
    `${label('Operations')}${tot.operationsExercised}/${tot.operations} exercised${never.length ? ` (never called: ${never.join(', ')})` : ''}`,
  )
  const byStatus = (s: string) => t.rules.filter((r) => r.status === s).length
  const checked = tot.rulesChecked
  const checkedParts = [`${checked.documented} documented`, `${checked.inferred} inferred`]
  if (checked['unknown-choice']) checkedParts.push(`${checked['unknown-choice']} unknown-choice`)
  out.push(
    `${label('Rules')}${checked.documented + checked.inferred + checked['unknown-choice']} checked (${checkedParts.join(', ')}); ` +
      `${byStatus('passed')} passed, ${byStatus('failed')} failed, ${byStatus('not-asserted-in-this-mode')} not asserted in this mode, ${byStatus('not-exercised')} not exercised`,
  )
  const props = [`${tot.passed} passed`, `${tot.failed} failed`]
  if (tot.interrupted) props.push(`${tot.interrupted} interrupted`)
  if (tot.notRun) props.push(`${tot.notRun} not run`)
  const inconclusive = t.properties.filter((p) => p.status === 'inconclusive').length
  if (inconclusive) props.push(`${inconclusive} inconclusive (budget)`)
  out.push(`${label('Properties')}${tot.properties} selected: ${props.join(', ')}`)
  out.push(
    `${label('Sequences')}${n(tot.sequences)} generated, ${n(tot.commands)} commands executed; ${n(t.stats.calls)} API calls ` +
      `(${n(t.stats.throttleRetries)} throttle retries, ${n(t.stats.serverErrors)} server errors)`,
  )
  if (t.consistency) out.push(`${label('Consistency')}${t.consistency.verdict}`)
  const throttled = throttleShareLine(t.stats)
  if (throttled) out.push(`${label('429 answers')}${throttled}`)
  if (t.regressions.length) {
    const count = (v: string) => t.regressions.filter((g) => g.verdict === v).length
    out.push(
      `${label('Regressions')}${t.regressions.length} bundles replayed: ${count('FIXED')} FIXED, ${count('STILL FAILING')} STILL FAILING, ${count('CANNOT REPLAY')} CANNOT REPLAY`,
    )
    for (const g of t.regressions.filter((x) => x.verdict !== 'FIXED'))
      out.push(`${''.padEnd(16)}${g.verdict}: ${g.file} (${firstLine(g.detail, 120)})`)
  }
  const missing = notImplementedOperations(t)
  if (missing.length)
    out.push(
      `${label('Missing')}${missing.length} operation${missing.length === 1 ? '' : 's'} not implemented: ${missing.join(', ')}`,
    )
  if (t.stats.probe?.note) out.push(`${label('Probe')}${firstLine(t.stats.probe.note, 200)}`)
  const none = t.stats.noAnswer
  if (none?.tries)
    out.push(
      `${label('No answer')}${n(none.tries)} tr${none.tries === 1 ? 'y' : 'ies'} got no answer within ${seconds(none.withinMs)} (${Object.entries(
        none.byOperation,
      )
        .map(([op, k]) => `${op} ${k}`)
        .join(
          ', ',
        )}); each retried once, ${n(none.steps)} step${none.steps === 1 ? '' : 's'} left without a verdict — not failures`,
    )
  const fix = firstUnexpected(t) ?? firstToFix(t)
  if (fix) out.push(`${label('Fix first')}${firstLine(fix, 140)}`)
  out.push('')
  out.push(...failureLines(t))
  const unexpected = expectationsConsoleLines(t, ''.padEnd(6))
  if (unexpected.length) out.push('', ...unexpected)
  return out
}

const MAX_GROUPS = 10

/** Failures grouped by cause, most frequent first, each with its smallest example and the command that reproduces it. */
function failureLines(t: TargetReport): string[] {
  const groups = t.failureGroups ?? []
  if (groups.length === 0) return [`${label('Failures')}none`]
  const checks = groups.reduce((n, g) => n + g.count, 0)
  const out = [
    `${label('Failures')}${groups.length} distinct cause${groups.length === 1 ? '' : 's'} (${checks} failing check${checks === 1 ? '' : 's'})`,
  ]
  for (const g of groups.slice(0, MAX_GROUPS)) {
    out.push(`  ✘ ${`${g.rule} `.padEnd(8)}${g.operation}  ${g.count}×  ${firstLine(g.shape, 120)}`)
    const s = g.smallest
    if (!s) continue
    out.push(
      `           smallest: ${s.source}${s.counterexample.length ? ` (${s.counterexample.length} command${s.counterexample.length === 1 ? '' : 's'})` : ''}`,
    )
    if (s.reproduce) out.push(`           reproduce: ${s.reproduce}`)
    if (s.replay) out.push(`           replay:    ${s.replay}`)
  }
  if (groups.length > MAX_GROUPS)
    out.push(`  … and ${groups.length - MAX_GROUPS} more causes (matrix.html / matrix.md list them all)`)
  return out
}

function resultLine(report: ConformanceReport): string {
  const held = expectationsResultLine(report)
  if (held) return held
  const verdicts = report.targets.map((t) => ({ t, v: verdictOf(t) }))
  const failed = verdicts.filter((x) => x.v.verdict === 'FAILED')
  if (failed.length) {
    return `RESULT: FAILED — ${failed
      .map(({ t, v }) => {
        const rules = t.totals.failingRules.length
        const missing = notImplementedOperations(t).length
        const what =
          [
            rules ? `${rules} rule${rules === 1 ? '' : 's'} broken` : '',
            missing ? `${missing} operation${missing === 1 ? '' : 's'} not implemented` : '',
          ]
            .filter(Boolean)
            .join(' and ') || v.reasons.join(', ')
        return `${what} on ${t.id}`
      })
      .join('; ')}`
  }
  const open = verdicts.filter((x) => x.v.verdict === 'INCONCLUSIVE')
  if (open.length === 0) return 'RESULT: PASSED'
  const word = report.targets.some((t) => t.interrupted) ? 'INTERRUPTED' : 'INCONCLUSIVE'
  return `RESULT: ${word} — no failures, but ${open.map(({ t, v }) => `${v.reasons.join(', ')} on ${t.id}`).join('; ')}`
}

export function consoleSummary(report: ConformanceReport, x: SummaryExtras): string {
  const ops = report.catalogue.operations.map((o) => o.name)
  const out: string[] = ['', '=== Conformance summary ' + '='.repeat(56)]
  for (const t of report.targets) out.push(...targetSummary(t, ops), '')
  const wall = report.targets.reduce((m, t) => Math.max(m, t.durationMs), 0)
  out.push(`${label('Wall time')}${seconds(wall)}`)
  if (x.stoppedBecause) out.push(`${label('Stopped')}${x.stoppedBecause}`)
  out.push(`${label('Reports')}${x.reports.length ? x.reports.join(', ') : 'none requested'}`)
  if (x.bundles)
    out.push(
      `${label('Bundles')}${x.bundles.count ? `${x.bundles.dir} (${x.bundles.count} written)` : 'none (no failures)'}`,
    )
  out.push('', resultLine(report))
  return out.join('\n')
}
