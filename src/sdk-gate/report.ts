// Renders a GateReport for people: console text, Markdown (the maintainers' note), and JSON (everything,
// records included). Differences with the same change list (e.g. one new header on every request) are
// grouped, so a systematic change reads as one item with its list of cases instead of a hundred patches.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Difference, DifferenceKind } from './compare'
import type { GateReport } from './gate'

export interface DifferenceGroup {
  readonly kind: DifferenceKind
  readonly changes: readonly string[]
  readonly ids: readonly string[]
  /** The patch of the first case in the group (the others differ the same way). */
  readonly patch: string
}

const KIND_ORDER: readonly DifferenceKind[] = ['case', 'request', 'outcome', 'schema']
const KIND_TITLE: Record<DifferenceKind, string> = {
  case: 'Cases run on one side only',
  request: 'Serialised requests',
  outcome: 'Parsed outputs and exceptions',
  schema: 'Schemas generated from the SDK types',
}

export function groupDifferences(diffs: readonly Difference[]): DifferenceGroup[] {
  const groups = new Map<string, { kind: DifferenceKind; changes: readonly string[]; ids: string[]; patch: string }>()
  for (const d of diffs) {
    // schema changes are per type and rarely identical; requests/outcomes often are
    const k = `${d.kind}\u0000${d.kind === 'schema' ? d.id : d.changes.join('\n')}`
    const g = groups.get(k)
    if (g) g.ids.push(d.id)
    else groups.set(k, { kind: d.kind, changes: d.changes, ids: [d.id], patch: d.patch })
  }
  return [...groups.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
}

function headline(r: GateReport): string {
  const versions = `@aws-sdk/client-connect ${r.pinned.version} (${r.pinned.label}) vs ${r.candidate.version} (${r.candidate.label})`
  if (r.identical) return `SDK gate: ${versions}: identical (${r.cases.total} cases, schemas ${r.schemas})`
  const c = r.counts
  return `SDK gate: ${versions}: ${r.differences.length} difference(s): ${c.request} request, ${c.outcome} outcome, ${c.schema} schema, ${c.case} case`
}

function idList(ids: readonly string[], max = 6): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`
}

export function formatConsole(r: GateReport): string {
  const lines = [headline(r)]
  if (r.candidate.enginesNode) lines.push(`candidate engines.node: ${r.candidate.enginesNode}`)
  const rt = (s: GateReport['pinned']) => Object.entries(s.runtime ?? {}).map(([k, v]) => `${k}@${v}`).join(' ')
  if (r.pinned.runtime || r.candidate.runtime) lines.push(`runtime: pinned ${rt(r.pinned) || '–'} | candidate ${rt(r.candidate) || '–'}`)
  if (r.schemas !== 'compared') lines.push(`schemas ${r.schemas}`)
  for (const g of groupDifferences(r.differences)) {
    lines.push('', `[${g.kind}] ${g.ids.length} case(s): ${idList(g.ids)}`)
    for (const c of g.changes) lines.push(`  ${c}`)
    if (g.patch) lines.push(g.patch.trimEnd())
  }
  return lines.join('\n')
}

function runtimeRows(r: GateReport): string[] {
  const names = [...new Set([...Object.keys(r.pinned.runtime ?? {}), ...Object.keys(r.candidate.runtime ?? {})])].sort()
  return names.map((n) => `| ${n} | ${r.pinned.runtime?.[n] ?? '–'} | ${r.candidate.runtime?.[n] ?? '–'} |`)
}

export function toMarkdown(r: GateReport): string {
  const out: string[] = [
    '# SDK upgrade gate', '',
    `**${r.identical ? 'Identical' : `${r.differences.length} difference(s)`}** between @aws-sdk/client-connect ${r.pinned.version} (${r.pinned.label}) and ${r.candidate.version} (${r.candidate.label}).`, '',
    '| | pinned | candidate |', '|---|---|---|',
    `| label | ${r.pinned.label} | ${r.candidate.label} |`,
    `| version | ${r.pinned.version} | ${r.candidate.version} |`,
    `| engines.node | ${r.pinned.enginesNode ?? '–'} | ${r.candidate.enginesNode ?? '–'} |`,
    ...runtimeRows(r), '',
    `Corpus: seed ${r.seed}, ${r.cases.total} cases (${r.cases.success} success, ${r.cases.error} declared errors, ${r.cases.protocol} protocol edge cases). Schemas: ${r.schemas}.`, '',
    '| kind | differences |', '|---|---|',
    ...KIND_ORDER.map((k) => `| ${KIND_TITLE[k]} | ${r.counts[k]} |`),
  ]
  const groups = groupDifferences(r.differences)
  for (const kind of KIND_ORDER) {
    const gs = groups.filter((g) => g.kind === kind)
    if (gs.length === 0) continue
    out.push('', `## ${KIND_TITLE[kind]}`)
    for (const g of gs) {
      out.push('', `### ${g.ids.length === 1 ? g.ids[0] : `${g.ids.length} cases`}`, '')
      if (g.ids.length > 1) out.push(`Cases: ${g.ids.map((i) => `\`${i}\``).join(', ')}`, '')
      for (const c of g.changes) out.push(`- \`${c.replace(/`/g, "'")}\``)
      if (g.patch) out.push('', '```diff', g.patch.trimEnd(), '```')
    }
  }
  return out.join('\n') + '\n'
}

/** Writes report.json and report.md into outDir; returns their paths. */
export function writeGateReport(r: GateReport, outDir: string): { json: string; markdown: string } {
  mkdirSync(outDir, { recursive: true })
  const json = join(outDir, 'report.json')
  const markdown = join(outDir, 'report.md')
  writeFileSync(json, JSON.stringify(r, null, 2) + '\n')
  writeFileSync(markdown, toMarkdown(r))
  return { json, markdown }
}
