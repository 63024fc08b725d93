// JUnit XML for CI: one <testsuite> per target, one <testcase> per property (per Pact interaction for the
// contracts, per replayed regression bundle), a <failure> naming the rule, the message, the counterexample and
// the command that reproduces it; inconclusive, interrupted and not-run properties are <skipped>.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { CLI_COMMAND } from '../package-files'
import type {
  ConformanceReport,
  ExpectationEntry,
  PropertyReport,
  RegressionReport,
  TargetReport,
} from './report-types'
import {
  acceptingEntry,
  interactionFailureEntry,
  judgedPerInteraction,
  propertyFailureEntry,
  regressionFailureEntry,
} from '../expectations/evaluate'
import { targetVerdict } from './verdict'

// Generated inputs reach failure messages (control characters, lone surrogates); XML 1.0 cannot carry them
// at all, so they are written as visible \u escapes instead of making the file unparseable.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text content: only & and < must be escaped (> too, for "]]>"); quotes stay readable. */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML_CHAR, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** Attribute values (always written in double quotes); newlines kept as character references. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('')
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

type Outcome = 'passed' | 'failed' | 'skipped'
interface Case {
  xml: string
  outcome: Outcome
}

const SKIPPED_BECAUSE: Partial<Record<PropertyReport['status'], string>> = {
  interrupted: 'interrupted (SIGINT) before a verdict',
  'not-run': 'not run (the run was interrupted first)',
  inconclusive: 'inconclusive: the time budget ended it before a verdict',
}

/** A failure the target's expectations list is a <skipped type="expected-failure">, its text kept inside. */
function expectedFailure(
  head: string,
  t: TargetReport,
  entry: ExpectationEntry | undefined,
  text: string,
): Case | undefined {
  const known = acceptingEntry(t, entry)
  if (!known) return undefined
  const where = `${t.expectations!.file}${known.line ? `:${known.line}` : ''}`
  return {
    xml: `${head}>\n      <skipped${attrs({ type: 'expected-failure', message: `expected failure (${where}): ${known.reason}` })}>${xmlText(text)}</skipped>\n    </testcase>`,
    outcome: 'skipped',
  }
}

function propertyCase(t: TargetReport, p: PropertyReport): Case {
  const head = `    <testcase${attrs({ classname: `conformance.${t.id}`, name: `${p.id}: ${p.title}`, time: seconds(p.durationMs) })}`
  if (p.status === 'passed') return { xml: `${head}/>`, outcome: 'passed' }
  if (p.status === 'failed' && p.failure) {
    const known = expectedFailure(head, t, propertyFailureEntry(p), failureText(p))
    if (known) return known
    const firstLine = p.failure.message.split('\n')[0]
    return {
      xml: `${head}>\n      <failure${attrs({ type: p.failure.rule, message: `${p.failure.rule}: ${firstLine}` })}>${xmlText(failureText(p))}</failure>\n    </testcase>`,
      outcome: 'failed',
    }
  }
  const why = SKIPPED_BECAUSE[p.status] ?? `${p.status}${p.note ? `: ${p.note}` : ''}`
  return {
    xml: `${head}>\n      <skipped${attrs({ message: p.note ? `${why} (${p.note})` : why })}/>\n    </testcase>`,
    outcome: 'skipped',
  }
}

/** Contract verification: one case per Pact interaction, named by its description and provider state. */
function interactionCases(t: TargetReport, p: PropertyReport): Case[] {
  return (p.interactions ?? []).map((i) => {
    const head = `    <testcase${attrs({ classname: `conformance.${t.id}.${p.id}`, name: `${i.interaction} [given ${i.state || 'no state'}]`, time: seconds(i.durationMs ?? 0) })}`
    if (i.status === 'passed') return { xml: `${head}/>`, outcome: 'passed' as const }
    if (i.status === 'not-verified')
      return {
        xml: `${head}>\n      <skipped${attrs({ message: i.mismatch ?? 'not verified' })}/>\n    </testcase>`,
        outcome: 'skipped' as const,
      }
    const mismatch = i.mismatch ?? 'failed'
    const type = i.rules?.join(' ') || 'contract'
    // the coverage plan's steps are reported as interactions, but the plan is judged as one property
    const entry = judgedPerInteraction(p) ? interactionFailureEntry(i) : propertyFailureEntry(p)
    const known = expectedFailure(head, t, entry, mismatch)
    if (known) return known
    return {
      xml: `${head}>\n      <failure${attrs({ type, message: mismatch.split('\n')[0] })}>${xmlText(mismatch)}</failure>\n    </testcase>`,
      outcome: 'failed' as const,
    }
  })
}

function regressionCase(t: TargetReport, g: RegressionReport): Case {
  const head = `    <testcase${attrs({ classname: `conformance.${t.id}.regressions`, name: `regression ${g.file} (${g.property})`, time: '0.000' })}`
  if (g.verdict === 'FIXED') return { xml: `${head}/>`, outcome: 'passed' }
  if (g.verdict === 'CANNOT REPLAY')
    return {
      xml: `${head}>\n      <skipped${attrs({ message: `CANNOT REPLAY: ${g.detail}` })}/>\n    </testcase>`,
      outcome: 'skipped',
    }
  const known = expectedFailure(head, t, regressionFailureEntry(g), `STILL FAILING: ${g.detail}`)
  if (known) return known
  return {
    xml: `${head}>\n      <failure${attrs({ type: g.rule ?? 'regression', message: `STILL FAILING: ${g.detail.split('\n')[0]}` })}>${xmlText(`STILL FAILING: ${g.detail}\nreplay: ${CLI_COMMAND} replay ${g.file}`)}</failure>\n    </testcase>`,
    outcome: 'failed',
  }
}

interface Suite {
  xml: string
  tests: number
  failures: number
  skipped: number
}

/** Counts come from the cases written, so every level adds up (tests = cases, failures = <failure>s, skipped = <skipped>s). */
function suite(t: TargetReport): Suite {
  // a property with per-interaction verdicts (contracts) is reported as those cases instead of one
  const cases = [
    ...t.properties.flatMap((p) => (p.interactions?.length ? interactionCases(t, p) : [propertyCase(t, p)])),
    ...t.regressions.map((g) => regressionCase(t, g)),
    ...expectationCases(t),
  ]
  const count = (o: Outcome) => cases.filter((c) => c.outcome === o).length
  const props = [
    ['target', t.label],
    ['kind', t.kind],
    ['region', t.region],
    ['instanceId', t.instanceId],
    ['seed', String(t.seed)],
    ['mode', t.mode.strict ? 'strict' : 'default'],
    ['quirks', t.quirks.join(',')],
    ['shards', t.shards.join(',')],
    ['calls', String(t.stats.calls)],
    ['throttleRetries', String(t.stats.throttleRetries)],
    ['verdict', targetVerdict(t)],
    ...scoreProperties(t),
  ].map(([name, value]) => `      <property${attrs({ name: name!, value: value! })}/>`)
  const tests = cases.length
  const xml = [
    `  <testsuite${attrs({ name: t.id, tests, failures: count('failed'), errors: 0, skipped: count('skipped'), time: seconds(t.durationMs), timestamp: t.startedAt })}>`,
    '    <properties>',
    ...props,
    '    </properties>',
    ...cases.map((c) => c.xml),
    '  </testsuite>',
  ].join('\n')
  return { xml, tests, failures: count('failed'), skipped: count('skipped') }
}

/** The score and the counts against the expectations, as suite properties a CI dashboard can chart. */
function scoreProperties(t: TargetReport): string[][] {
  const s = t.score
  const x = t.expectations
  return [
    ...(s
      ? [
          ['score', s.rules.share === undefined ? '' : String(s.rules.share)],
          ['score.rules', `${s.rules.passed}/${s.rules.exercised}`],
          ['score.operationsImplemented', `${s.operations.implemented}/${s.operations.total}`],
          ...s.byOperation.map((o) => [
            `score.${o.operation}`,
            o.implementation === 'not-implemented' ? 'not-implemented' : `${o.passed}/${o.exercised}`,
          ]),
        ]
      : []),
    ...(x
      ? [
          ['expectations', x.file],
          ['expectations.expected', String(x.expected)],
          ['expectations.unexpectedFailures', String(x.unexpectedFailures.length)],
          ['expectations.unexpectedPasses', String(x.unexpectedPasses.length)],
        ]
      : []),
  ]
}

/**
 * Results against the expectations that have no test case of their own: an operation that stopped being
 * implemented (an unexpected failure) and every unexpected pass (a line to delete; skipped when allowed).
 */
function expectationCases(t: TargetReport): Case[] {
  const x = t.expectations
  if (!x) return []
  const classname = `conformance.${t.id}.expectations`
  const head = (name: string) => `    <testcase${attrs({ classname, name, time: '0.000' })}`
  const failures = x.unexpectedFailures
    .filter((f) => f.key.startsWith('operation '))
    .map((f) => ({
      xml: `${head(f.key)}>\n      <failure${attrs({ type: 'unexpected-failure', message: `${f.key}: ${f.detail}` })}>${xmlText(`not in ${x.file}; to accept it, add:\n${f.entry}`)}</failure>\n    </testcase>`,
      outcome: 'failed' as const,
    }))
  const passes = x.unexpectedPasses.map((p) => {
    const text = `fixed: delete ${x.file}${p.line ? `:${p.line}` : ''}:\n${p.entry}`
    return x.allowUnexpectedPass
      ? {
          xml: `${head(`unexpected pass: ${p.key}`)}>\n      <skipped${attrs({ type: 'unexpected-pass', message: `unexpected pass (allowed): ${text}` })}/>\n    </testcase>`,
          outcome: 'skipped' as const,
        }
      : {
          xml: `${head(`unexpected pass: ${p.key}`)}>\n      <failure${attrs({ type: 'unexpected-pass', message: `unexpected pass: ${p.key}` })}>${xmlText(text)}</failure>\n    </testcase>`,
          outcome: 'failed' as const,
        }
  })
  return [...failures, ...passes]
}

// The root sums its suites. It carries no "skipped": the JUnit XSD the test validates against (Jenkins
// xunit-plugin's junit-10.xsd, test/report/junit-10.xsd) does not allow it on <testsuites>; each suite has it.
export function junitXml(report: ConformanceReport): string {
  const suites = report.targets.map(suite)
  const tests = suites.reduce((n, s) => n + s.tests, 0)
  const failures = suites.reduce((n, s) => n + s.failures, 0)
  const time = report.targets.reduce((n, t) => Math.max(n, t.durationMs), 0)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: report.tool.name, tests, failures, errors: 0, time: seconds(time) })}>\n${suites.map((s) => s.xml).join('\n')}\n</testsuites>\n`
}

export function writeJunitReport(file: string, report: ConformanceReport): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, junitXml(report))
}
