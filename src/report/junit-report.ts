// JUnit XML for CI: one <testsuite> per target, one <testcase> per property (and per replayed regression
// bundle), a <failure> naming the rule, the message, the counterexample and the command that reproduces it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CLI_COMMAND } from '../package-files'
import type { ConformanceReport, PropertyReport, RegressionReport, TargetReport } from './report-types'

// Generated inputs reach failure messages (control characters, lone surrogates); XML 1.0 cannot carry them
// at all, so they are written as visible \u escapes instead of making the file unparseable.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text content: only & and < must be escaped (> too, for "]]>"); quotes stay readable. */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML_CHAR, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Attribute values (always written in double quotes); newlines kept as character references. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('')
}

function failureText(p: PropertyReport): string {
  const f = p.failure!
  return [
    `${f.rule}: ${f.message}`,
    '',
    `counterexample (failing step ${f.step + 1} of ${f.counterexample.length}):`,
    ...f.counterexample.map((c, i) => `  ${i + 1}. ${c}`),
    '',
    `seed: ${p.seed}${p.path ? `  path: ${p.path}` : ''}`,
    `reproduce: ${f.reproduce}`,
    ...(f.replay ? [`replay: ${f.replay}`] : []),
    ...(f.bundle ? [`bundle: ${f.bundle}`] : []),
  ].join('\n')
}

function propertyCase(t: TargetReport, p: PropertyReport): string {
  const head = `    <testcase${attrs({ classname: `conformance.${t.id}`, name: `${p.id}: ${p.title}`, time: seconds(p.durationMs) })}`
  if (p.status === 'passed') return `${head}/>`
  if (p.status === 'failed' && p.failure) {
    const firstLine = p.failure.message.split('\n')[0]
    return `${head}>\n      <failure${attrs({ type: p.failure.rule, message: `${p.failure.rule}: ${firstLine}` })}>${xmlText(failureText(p))}</failure>\n    </testcase>`
  }
  const why = p.status === 'interrupted' ? 'interrupted (SIGINT) before a verdict' : 'not run (the run was interrupted first)'
  return `${head}>\n      <skipped${attrs({ message: why })}/>\n    </testcase>`
}

/** Contract verification: one case per Pact interaction, named by its description and provider state. */
function interactionCases(t: TargetReport, p: PropertyReport): string[] {
  return (p.interactions ?? []).map((i) => {
    const head = `    <testcase${attrs({ classname: `conformance.${t.id}.${p.id}`, name: `${i.interaction} [given ${i.state || 'no state'}]`, time: seconds(i.durationMs ?? 0) })}`
    if (i.status === 'passed') return `${head}/>`
    const mismatch = i.mismatch ?? 'failed'
    return `${head}>\n      <failure${attrs({ type: 'contract', message: mismatch.split('\n')[0] })}>${xmlText(mismatch)}</failure>\n    </testcase>`
  })
}

function regressionCase(t: TargetReport, g: RegressionReport): string {
  const head = `    <testcase${attrs({ classname: `conformance.${t.id}.regressions`, name: `regression ${g.file} (${g.property})`, time: '0.000' })}`
  if (g.verdict === 'FIXED') return `${head}/>`
  if (g.verdict === 'CANNOT REPLAY') return `${head}>\n      <skipped${attrs({ message: `CANNOT REPLAY: ${g.detail}` })}/>\n    </testcase>`
  return `${head}>\n      <failure${attrs({ type: g.rule ?? 'regression', message: `STILL FAILING: ${g.detail.split('\n')[0]}` })}>${xmlText(`STILL FAILING: ${g.detail}\nreplay: ${CLI_COMMAND} replay ${g.file}`)}</failure>\n    </testcase>`
}

function suite(t: TargetReport): string {
  // a property with per-interaction verdicts (contracts) is reported as those cases instead of one
  const cases = [
    ...t.properties.flatMap((p) => (p.interactions?.length ? interactionCases(t, p) : [propertyCase(t, p)])),
    ...t.regressions.map((g) => regressionCase(t, g)),
  ]
  const failures = t.properties.reduce((n, p) => n + (p.interactions?.length ? p.interactions.filter((i) => i.status === 'failed').length : p.status === 'failed' ? 1 : 0), 0)
    + t.regressions.filter((g) => g.verdict === 'STILL FAILING').length
  const skipped = t.properties.filter((p) => p.status === 'interrupted' || p.status === 'not-run').length
    + t.regressions.filter((g) => g.verdict === 'CANNOT REPLAY').length
  const props = [
    ['target', t.label], ['kind', t.kind], ['region', t.region], ['instanceId', t.instanceId], ['seed', String(t.seed)],
    ['mode', t.mode.strict ? 'strict' : 'default'], ['quirks', t.quirks.join(',')], ['shards', t.shards.join(',')],
    ['calls', String(t.stats.calls)], ['throttleRetries', String(t.stats.throttleRetries)],
  ].map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`)
  return [
    `  <testsuite${attrs({ name: t.id, tests: cases.length, failures, errors: 0, skipped, time: seconds(t.durationMs), timestamp: t.startedAt })}>`,
    '    <properties>', ...props, '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n')
}

export function junitXml(report: ConformanceReport): string {
  const suites = report.targets.map(suite)
  const tests = report.targets.reduce((n, t) => n + t.properties.length + t.regressions.length, 0)
  const failures = report.targets.reduce((n, t) => n + t.properties.filter((p) => p.status === 'failed').length
    + t.regressions.filter((g) => g.verdict === 'STILL FAILING').length, 0)
  const time = report.targets.reduce((n, t) => Math.max(n, t.durationMs), 0)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: report.tool.name, tests, failures, errors: 0, time: seconds(time) })}>\n${suites.join('\n')}\n</testsuites>\n`
}

export function writeJunitReport(file: string, report: ConformanceReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, junitXml(report))
}
