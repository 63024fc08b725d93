// Failures grouped by cause, not by where they surfaced. One broken behaviour (an operation the emulator lacks,
// one wrong error class) makes many properties and Pact interactions fail with the same message; a reader
// wants it once, with how many checks hit it and the smallest example. A group is (operation, rule, mismatch
// shape): the first line of the message with run-specific values (ids, ARNs, numbers, quoted values) taken
// out, so the same mismatch on different views and versions lands in one group.
import { createTwoFilesPatch } from 'diff'
import { existsSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { readBundle } from '../harness/replay'
import { OPERATION_NAMES } from '../spec'
import type { ConformanceReport, FailureGroup, TargetReport } from './report-types'

// Longest names first, so "CreateViewVersion" is not read as "CreateView".
const OPERATION = new RegExp(`\\b(${[...OPERATION_NAMES].sort((a, b) => b.length - a.length).join('|')})\\b`)
/** A regression's detail starts with the rule that fails now ("R33: CreateView answered …"). */
const RULE_PREFIX = /^(R\d+[a-z]?|harness|contract):\s*/

/** The mismatch without what differs from one occurrence to the next. */
export function mismatchShape(message: string): string {
  const line = (message.split('\n').find((l) => l.trim()) ?? '').trim()
  return (
    line
      .replace(/arn:aws[\w-]*:[^\s"',)\]]+/g, '<arn>')
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
      .replace(/\bcvc-[\w-]+/g, '<name>')
      .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
      .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
      .replace(/\b[0-9a-f]{32,}\b/gi, '<hash>')
      // numbers out, except rule ids (R25) and HTTP statuses ("expected 404 but was 400" is the cause itself)
      .replace(/(?<!\b(?:expected|was|HTTP|status) )(?<![\w.])\d+(?:\.\d+)?(?!\w)/g, 'N')
      .replace(/\s+/g, ' ')
      .slice(0, 240)
  )
}

/** The operation a failure is about: the first one its message names, else the one the failing step called. */
export function operationNamedIn(message: string, fallback?: string): string {
  const first = message.split('\n').find((l) => l.trim()) ?? ''
  return OPERATION.exec(first)?.[1] ?? (fallback ? OPERATION.exec(fallback)?.[1] : undefined) ?? '—'
}

interface Occurrence {
  operation: string
  rule: string
  shape: string
  source: string
  size: number
  example: NonNullable<FailureGroup['smallest']>
}

function occurrences(t: TargetReport): Occurrence[] {
  const out: Occurrence[] = []
  for (const p of t.properties) {
    if (p.status !== 'failed') continue
    const failedInteractions = (p.interactions ?? []).filter((i) => i.status === 'failed')
    if (failedInteractions.length) {
      // contract verification: each interaction is its own check; its rules are declared beside it
      for (const i of failedInteractions) {
        const mismatch = i.mismatch ?? 'failed'
        out.push({
          operation: operationNamedIn(mismatch, i.interaction),
          rule: i.rules?.join(' ') || 'contract',
          shape: mismatchShape(mismatch),
          source: `${p.id}: ${i.interaction}`,
          size: 1,
          example: {
            source: `${p.id}: ${i.interaction}`,
            counterexample: [`given ${i.state || 'no state'}: ${i.interaction}`],
            ...(p.failure
              ? { reproduce: p.failure.reproduce, ...(p.failure.replay ? { replay: p.failure.replay } : {}) }
              : {}),
          },
        })
      }
      continue
    }
    if (!p.failure) continue
    const f = p.failure
    const op = (f.commands[f.step] as { op?: string } | undefined)?.op
    out.push({
      operation: operationNamedIn(f.message, op),
      rule: f.rule,
      shape: mismatchShape(f.message),
      source: p.id,
      size: f.counterexample.length,
      example: {
        source: p.id,
        counterexample: f.counterexample,
        reproduce: f.reproduce,
        ...(f.replay ? { replay: f.replay } : {}),
      },
    })
  }
  for (const g of t.regressions) {
    if (g.verdict !== 'STILL FAILING') continue
    const now = RULE_PREFIX.exec(g.detail)
    const message = g.detail.replace(RULE_PREFIX, '')
    const source = `regression ${g.file}`
    out.push({
      operation: operationNamedIn(message),
      rule: now?.[1] ?? g.rule ?? 'regression',
      shape: mismatchShape(message),
      source,
      size: Number.MAX_SAFE_INTEGER, // its commands are in the bundle, not the report: any property example is preferred
      example: { source, counterexample: [], replay: `npm run conformance -- replay ${g.file}` },
    })
  }
  return out
}

/** Groups, most frequent first (ties: operation, rule); each with its smallest counterexample. */
export function failureGroups(t: TargetReport): FailureGroup[] {
  const groups = new Map<string, { first: Occurrence; all: Occurrence[] }>()
  for (const o of occurrences(t)) {
    const key = `${o.operation}|${o.rule}|${o.shape}`
    const g = groups.get(key)
    if (g) g.all.push(o)
    else groups.set(key, { first: o, all: [o] })
  }
  return [...groups.entries()]
    .map(([key, { first, all }]) => {
      const smallest = all.reduce((a, b) => (b.size < a.size ? b : a))
      return {
        key,
        operation: first.operation,
        rule: first.rule,
        shape: first.shape,
        count: all.length,
        sources: all.map((o) => o.source),
        smallest: smallest.example,
      }
    })
    .sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation) || a.rule.localeCompare(b.rule))
}

/**
 * The failing step's answers, model (what the documentation expects) against target, as a unified diff —
 * read from the replay bundle beside the report (the report keeps the commands, the bundle the answers).
 */
export function bundleDiff(bundleFile: string): string | undefined {
  if (!existsSync(bundleFile)) return undefined
  try {
    const b = readBundle(bundleFile)
    const step = b.transcript.at(-1)
    if (!step) return undefined
    const text = (v: unknown) => `${JSON.stringify(v ?? null, null, 2)}\n`
    const patch = createTwoFilesPatch(
      `model (step ${step.index + 1}: ${step.cmd.op})`,
      `target (${b.target.label})`,
      text(step.model),
      text(step.target),
      '',
      '',
      { context: 3 },
    )
    return patch
      .split('\n')
      .filter((l) => !l.startsWith('===='))
      .join('\n')
      .trim()
  } catch {
    return undefined // an unreadable bundle costs the diff, not the report
  }
}

/** Adds each group's diff from the bundle of its smallest example (bundles are relative to reportDir). */
export function attachDiffs(report: ConformanceReport, reportDir: string): void {
  for (const t of report.targets) {
    for (const g of t.failureGroups ?? []) {
      if (!g.smallest || g.smallest.diff) continue
      const p = t.properties.find((x) => x.id === g.smallest!.source)
      const bundle = p?.failure?.bundle
      if (!bundle) continue
      const diff = bundleDiff(isAbsolute(bundle) ? bundle : join(reportDir, bundle))
      if (diff) g.smallest.diff = diff
    }
  }
}
