// Renders a GateReport for people: console text, Markdown (the maintainers' note), and JSON (everything,
// records included). Both lead with the verdict and the breaking differences; additive ones follow, and
// cosmetic ones (same meaning, other bytes) come last, without patches in the console. Differences with the
// same severity, kind and change list (e.g. one new header on every request) are grouped, so a systematic
// change reads as one item with its list of cases instead of a hundred patches.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gateBlocks, SEVERITY_ORDER, type Severity } from './classify'
import type { Difference, DifferenceKind } from './compare'
import type { GateReport } from './gate'

export interface DifferenceGroup {
  readonly severity: Severity
  readonly kind: DifferenceKind
  readonly changes: readonly string[]
  readonly reasons: readonly string[]
  readonly ids: readonly string[]
  /** The patch of the first case in the group (the others differ the same way). */
  readonly patch: string
}

export interface RenderOptions {
  /** The gate was asked to fail on additive differences too. */
  readonly blockAdditive?: boolean
}

const KIND_ORDER: readonly DifferenceKind[] = ['case', 'request', 'outcome', 'schema']
const KIND_TITLE: Record<DifferenceKind, string> = {
  case: 'Cases run on one side only',
  request: 'Serialised requests',
  outcome: 'Parsed outputs and exceptions',
  schema: 'Schemas generated from the SDK types',
}
const SEVERITY_TITLE: Record<Severity, string> = {
  breaking: 'Breaking: a caller sends, reads or can call something else',
  additive: 'Additive: new operations, members or enum values',
  cosmetic: 'Cosmetic: other bytes, same meaning (member order and the hash/length headers that follow)',
}

export function groupDifferences(diffs: readonly Difference[]): DifferenceGroup[] {
  const groups = new Map<
    string,
    {
      severity: Severity
      kind: DifferenceKind
      changes: readonly string[]
      reasons: readonly string[]
      ids: string[]
      patch: string
    }
  >()
  for (const d of diffs) {
    // schema changes are per type and rarely identical; requests/outcomes group by their reasons (the bytes
    // of a cosmetic change, or the message of a removed operation, differ per case; the explanation does not).
    const what = d.kind === 'schema' ? d.id : d.reasons.join('\n')
    const k = `${d.severity}\u0000${d.kind}\u0000${what}`
    const g = groups.get(k)
    if (g) g.ids.push(d.id)
    else
      groups.set(k, {
        severity: d.severity,
        kind: d.kind,
        changes: d.changes,
        reasons: d.reasons,
        ids: [d.id],
        patch: d.patch,
      })
  }
  const rank = (g: DifferenceGroup) => SEVERITY_ORDER.indexOf(g.severity) * 10 + KIND_ORDER.indexOf(g.kind)
  return [...groups.values()].sort((a, b) => rank(a) - rank(b))
}

function verdict(r: GateReport, o: RenderOptions): string {
  if (r.identical) return 'PASS (identical)'
  const blocks = gateBlocks(
    r.differences.map((d) => d.severity),
    o,
  )
  const s = r.severities
  return `${blocks ? 'FAIL' : 'PASS'}: ${s.breaking} breaking, ${s.additive} additive${o.blockAdditive ? ' (blocking)' : ''}, ${s.cosmetic} cosmetic`
}

function headline(r: GateReport, o: RenderOptions): string {
  const versions = `@aws-sdk/client-connect ${r.pinned.version} (${r.pinned.label}) vs ${r.candidate.version} (${r.candidate.label})`
  if (r.identical) return `SDK gate: ${versions}: identical (${r.cases.total} cases, schemas ${r.schemas})`
  const c = r.counts
  return `SDK gate: ${versions}: ${verdict(r, o)} — ${r.differences.length} difference(s): ${c.request} request, ${c.outcome} outcome, ${c.schema} schema, ${c.case} case`
}

function idList(ids: readonly string[], max = 6): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`
}

export function formatConsole(r: GateReport, o: RenderOptions = {}): string {
  const lines = [headline(r, o)]
  if (r.candidate.enginesNode) lines.push(`candidate engines.node: ${r.candidate.enginesNode}`)
  const rt = (s: GateReport['pinned']) =>
    Object.entries(s.runtime ?? {})
      .map(([k, v]) => `${k}@${v}`)
      .join(' ')
  if (r.pinned.runtime || r.candidate.runtime)
    lines.push(`runtime: pinned ${rt(r.pinned) || '–'} | candidate ${rt(r.candidate) || '–'}`)
  if (r.schemas !== 'compared') lines.push(`schemas ${r.schemas}`)
  let severity: Severity | undefined
  for (const g of groupDifferences(r.differences)) {
    if (g.severity !== severity) {
      severity = g.severity
      lines.push('', `== ${SEVERITY_TITLE[severity]} (${r.severities[severity]})`)
    }
    lines.push('', `[${g.severity} ${g.kind}] ${g.ids.length} case(s): ${idList(g.ids)}`)
    for (const reason of g.reasons) lines.push(`  why: ${reason}`)
    // cosmetic groups stop at the reason: their patches show bytes that mean the same thing
    if (g.severity !== 'cosmetic' && g.patch) lines.push(g.patch.trimEnd())
  }
  return lines.join('\n')
}

function runtimeRows(r: GateReport): string[] {
  const names = [...new Set([...Object.keys(r.pinned.runtime ?? {}), ...Object.keys(r.candidate.runtime ?? {})])].sort()
  return names.map((n) => `| ${n} | ${r.pinned.runtime?.[n] ?? '–'} | ${r.candidate.runtime?.[n] ?? '–'} |`)
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``

export function toMarkdown(r: GateReport, o: RenderOptions = {}): string {
  const out: string[] = [
    '# SDK upgrade gate',
    '',
    `**${verdict(r, o)}** between @aws-sdk/client-connect ${r.pinned.version} (${r.pinned.label}) and ${r.candidate.version} (${r.candidate.label}).`,
    '',
    '| | pinned | candidate |',
    '|---|---|---|',
    `| label | ${r.pinned.label} | ${r.candidate.label} |`,
    `| version | ${r.pinned.version} | ${r.candidate.version} |`,
    `| engines.node | ${r.pinned.enginesNode ?? '–'} | ${r.candidate.enginesNode ?? '–'} |`,
    ...runtimeRows(r),
    '',
    `Corpus: seed ${r.seed}, ${r.cases.total} cases (${r.cases.success} success, ${r.cases.error} declared errors, ${r.cases.protocol} protocol edge cases). Schemas: ${r.schemas}.`,
    '',
    '| kind | breaking | additive | cosmetic |',
    '|---|---|---|---|',
    ...KIND_ORDER.map(
      (k) =>
        `| ${KIND_TITLE[k]} | ${SEVERITY_ORDER.map((s) => r.differences.filter((d) => d.kind === k && d.severity === s).length).join(' | ')} |`,
    ),
  ]
  const groups = groupDifferences(r.differences)
  for (const severity of SEVERITY_ORDER) {
    const gs = groups.filter((g) => g.severity === severity)
    if (gs.length === 0) continue
    out.push('', `## ${SEVERITY_TITLE[severity]}`)
    for (const g of gs) {
      out.push('', `### ${KIND_TITLE[g.kind]}: ${g.ids.length === 1 ? g.ids[0] : `${g.ids.length} cases`}`, '')
      if (g.ids.length > 1) out.push(`Cases: ${g.ids.map(code).join(', ')}`, '')
      for (const reason of g.reasons) out.push(`- ${code(reason)}`)
      if (g.patch)
        out.push('', '<details><summary>diff</summary>', '', '```diff', g.patch.trimEnd(), '```', '', '</details>')
    }
  }
  return out.join('\n') + '\n'
}

/** Writes report.json and report.md into outDir; returns their paths. */
export function writeGateReport(
  r: GateReport,
  outDir: string,
  o: RenderOptions = {},
): { json: string; markdown: string } {
  mkdirSync(outDir, { recursive: true })
  const json = join(outDir, 'report.json')
  const markdown = join(outDir, 'report.md')
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n')
  writeFileSync(markdown, toMarkdown(r, o))
  return { json, markdown }
}
