// Sequence parity: one seeded command sequence sent to two endpoints, their normalised answers compared step by
// step (ids, ARNs and checksums by reference, timestamps and tokens as placeholders: src/harness/normalise.ts).
// The measure of how alike two implementations answer — an emulator against the service, or a calibrated stub
// against the target it was calibrated on — with, per operation, which field differed first.
import { flatten } from '../choices/calibrate-from-recordings'
import type { Cmd } from './commands'
import { record, type RecordedStep } from './recording'
import type { Target } from '../targets/target'

export interface OperationParity {
  steps: number
  alike: number
  /** The first differing leaf (JSON-pointer-like path, `/` for the whole answer) → how many steps. */
  firstDifference: Record<string, number>
}

export interface SequenceParity {
  seed: number
  steps: number
  alike: number
  byOperation: Record<string, OperationParity>
  /** Steps that ran on one side only (a precondition the two answered differently), counted as not alike. */
  unmatchedSteps: number
}

/** The first path, in the first answer's order and then the second's, whose value differs. */
export function firstDifference(a: RecordedStep['answer'], b: RecordedStep['answer']): string | undefined {
  const x = flatten(a)
  const y = flatten(b)
  for (const [p, v] of x) if (y.get(p) !== v) return p || '/'
  for (const p of y.keys()) if (!x.has(p)) return p || '/'
  return undefined
}

/** Runs `cmds` on both targets (each from a clean slate) and compares their normalised answers. */
export async function sequenceParity(
  a: Target,
  b: Target,
  cmds: readonly Cmd[],
  seed: number,
): Promise<SequenceParity> {
  const ra = await record(a, cmds, seed)
  const rb = await record(b, cmds, seed)
  const out: SequenceParity = { seed, steps: 0, alike: 0, byOperation: {}, unmatchedSteps: 0 }
  const steps = Math.max(ra.steps.length, rb.steps.length)
  for (let i = 0; i < steps; i++) {
    const sa = ra.steps[i]
    const sb = rb.steps[i]
    const op = sa?.cmd.op === 'Raw' ? `Raw ${sa.cmd.operation}` : (sa ?? sb)!.cmd.op
    const entry = (out.byOperation[op] ??= { steps: 0, alike: 0, firstDifference: {} })
    out.steps++
    entry.steps++
    const diff = !sa || !sb ? '(step ran on one side only)' : firstDifference(sa.answer, sb.answer)
    if (!sa || !sb) out.unmatchedSteps++
    if (diff === undefined) {
      out.alike++
      entry.alike++
    } else entry.firstDifference[diff] = (entry.firstDifference[diff] ?? 0) + 1
  }
  return out
}

/** The report `parity --sequence` prints: the share alike, then per operation the first differing fields. */
export function formatSequenceParity(p: SequenceParity, labels: { target: string; against: string }): string[] {
  const pct = (n: number, d: number) => `${d ? ((100 * n) / d).toFixed(1) : '100.0'} %`
  const lines = [
    `${labels.target} vs ${labels.against}, sequence seed ${p.seed}: ${p.alike} of ${p.steps} answers alike (${pct(p.alike, p.steps)})`,
  ]
  for (const [op, e] of Object.entries(p.byOperation).sort(([x], [y]) => x.localeCompare(y))) {
    const hist = Object.entries(e.firstDifference)
      .sort(([, m], [, n]) => n - m)
      .map(([path, n]) => `${path} ×${n}`)
    lines.push(
      `  ${op.padEnd(24)} ${String(e.alike).padStart(4)}/${String(e.steps).padEnd(4)} alike${hist.length ? `   first difference: ${hist.join(', ')}` : ''}`,
    )
  }
  return lines
}
