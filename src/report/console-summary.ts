// The closing summary on the console, after Schemathesis: target, seed, operations exercised, rules
// checked, sequences and commands, unique failures by rule with the command that reproduces each, wall
// time, and where the reports and bundles went.
import type { ConformanceReport, TargetReport } from './report-types'

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
  out.push(`${label('Target')}${t.id}  (${where}, ${t.region}, instance ${t.instanceId})`)
  out.push(`${label('Seed')}${t.seed}  (mode: ${t.mode.strict ? 'strict: documented + inferred rules' : 'default: documented rules'}${t.shards.length ? `; shards ${t.shards.join(', ')}` : ''})`)
  const never = catalogueOps.filter((op) => !(t.stats.byOperation[op] ?? 0))
  out.push(`${label('Operations')}${tot.operationsExercised}/${tot.operations} exercised${never.length ? ` (never called: ${never.join(', ')})` : ''}`)
  const byStatus = (s: string) => t.rules.filter((r) => r.status === s).length
  const checked = tot.rulesChecked
  const checkedParts = [`${checked.documented} documented`, `${checked.inferred} inferred`]
  if (checked['unknown-choice']) checkedParts.push(`${checked['unknown-choice']} unknown-choice`)
  out.push(`${label('Rules')}${checked.documented + checked.inferred + checked['unknown-choice']} checked (${checkedParts.join(', ')}); `
    + `${byStatus('passed')} passed, ${byStatus('failed')} failed, ${byStatus('not-asserted-in-this-mode')} not asserted in this mode, ${byStatus('not-exercised')} not exercised`)
  const props = [`${tot.passed} passed`, `${tot.failed} failed`]
  if (tot.interrupted) props.push(`${tot.interrupted} interrupted`)
  if (tot.notRun) props.push(`${tot.notRun} not run`)
  out.push(`${label('Properties')}${tot.properties} selected: ${props.join(', ')}`)
  out.push(`${label('Sequences')}${n(tot.sequences)} generated, ${n(tot.commands)} commands executed; ${n(t.stats.calls)} API calls `
    + `(${n(t.stats.throttleRetries)} throttle retries, ${n(t.stats.serverErrors)} server errors)`)
  if (t.regressions.length) {
    const count = (v: string) => t.regressions.filter((g) => g.verdict === v).length
    out.push(`${label('Regressions')}${t.regressions.length} bundles replayed: ${count('FIXED')} FIXED, ${count('STILL FAILING')} STILL FAILING, ${count('CANNOT REPLAY')} CANNOT REPLAY`)
    for (const g of t.regressions.filter((x) => x.verdict !== 'FIXED')) out.push(`${''.padEnd(16)}${g.verdict}: ${g.file} (${firstLine(g.detail, 120)})`)
  }
  out.push('')
  out.push(...failureLines(t))
  return out
}

function failureLines(t: TargetReport): string[] {
  const rules = t.totals.failingRules
  if (rules.length === 0) return [`${label('Failures')}none`]
  const out = [`${label('Failures')}${rules.length} unique (by rule)`]
  for (const rule of rules) {
    const props = t.properties.filter((p) => p.status === 'failed' && p.failure?.rule === rule)
    const regs = t.regressions.filter((g) => g.verdict === 'STILL FAILING' && g.rule === rule)
    const where = [...props.map((p) => p.id), ...regs.map((g) => `regression ${g.file}`)]
    out.push(`  ✘ ${`${rule} `.padEnd(8)}${where.join(', ')}`)
    const f = props[0]?.failure
    if (f) {
      out.push(`           ${firstLine(f.message)}`)
      out.push(`           reproduce: ${f.reproduce}`)
      if (f.replay) out.push(`           replay:    ${f.replay}`)
    } else if (regs[0]) out.push(`           ${firstLine(regs[0].detail)}`)
  }
  return out
}

export function consoleSummary(report: ConformanceReport, x: SummaryExtras): string {
  const ops = report.catalogue.operations.map((o) => o.name)
  const out: string[] = ['', '=== Conformance summary ' + '='.repeat(56)]
  for (const t of report.targets) out.push(...targetSummary(t, ops), '')
  const wall = report.targets.reduce((m, t) => Math.max(m, t.durationMs), 0)
  out.push(`${label('Wall time')}${seconds(wall)}`)
  if (x.stoppedBecause) out.push(`${label('Stopped')}${x.stoppedBecause}`)
  out.push(`${label('Reports')}${x.reports.length ? x.reports.join(', ') : 'none requested'}`)
  if (x.bundles) out.push(`${label('Bundles')}${x.bundles.count ? `${x.bundles.dir} (${x.bundles.count} written)` : 'none (no failures)'}`)
  const failing = report.targets.filter((t) => t.totals.failingRules.length > 0)
  out.push('')
  if (failing.length) {
    out.push(`RESULT: FAILED — ${failing.map((t) => `${t.totals.failingRules.length} rule${t.totals.failingRules.length === 1 ? '' : 's'} broken on ${t.id}`).join('; ')}`)
  } else if (report.targets.some((t) => t.interrupted)) out.push('RESULT: INTERRUPTED — no failures before the stop')
  else out.push('RESULT: PASSED')
  return out.join('\n')
}
