// The output-side wire quirks (src/model/quirks.ts, layer 'wire'): realistic serialization bugs switched on
// per stub instance so the harness can prove it notices them. lost-update-race lives in core.ts, beside the
// two-phase CreateViewVersion it needs.
//
// The walk follows the output shape from src/spec, so "every timestamp" means every member whose shape is a
// timestamp, wherever it nests (View.CreatedTime inside SearchViews' Views list included).
import { OPERATIONS, SHAPES, type OperationName } from '../spec'
import type { QuirkName } from '../model/quirks'
import type { WireResponse } from './wire-types'

/** The quirk 'unknown-enum-value' bends View.Status: SAVED goes out as a value the ViewStatus enum lacks. */
const ENUM_QUIRK = { shape: 'View', member: 'Status', from: 'SAVED', to: 'DRAFT' } as const

// Fail at load time if a regenerated spec renames what the quirk targets, instead of silently doing nothing.
{
  const view = SHAPES[ENUM_QUIRK.shape]
  const status = view?.type === 'structure' ? view.members[ENUM_QUIRK.member] : undefined
  const statusShape = status ? SHAPES[status.shape] : undefined
  if (
    statusShape?.type !== 'string' ||
    !statusShape.enum?.includes(ENUM_QUIRK.from) ||
    statusShape.enum.includes(ENUM_QUIRK.to)
  ) {
    throw new Error('wire-quirks: View.Status is no longer an enum with SAVED and without DRAFT; update ENUM_QUIRK')
  }
}

interface ActiveQuirks {
  readonly iso: boolean
  readonly draft: boolean
}

function walk(shapeName: string, value: unknown, q: ActiveQuirks): unknown {
  const shape = SHAPES[shapeName]
  if (!shape || value === null || value === undefined) return value
  switch (shape.type) {
    case 'timestamp':
      return q.iso && typeof value === 'number' ? new Date(value * 1000).toISOString() : value
    case 'list':
      return Array.isArray(value) ? value.map((v) => walk(shape.member, v, q)) : value
    case 'map': {
      if (typeof value !== 'object') return value
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) out[k] = walk(shape.value, v, q)
      return out
    }
    case 'structure': {
      if (typeof value !== 'object') return value
      // Copy: the model may hand out objects it still owns.
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
      for (const spec of Object.values(shape.members)) {
        if (out[spec.locationName] !== undefined) out[spec.locationName] = walk(spec.shape, out[spec.locationName], q)
      }
      if (q.draft && shapeName === ENUM_QUIRK.shape && out[ENUM_QUIRK.member] === ENUM_QUIRK.from)
        out[ENUM_QUIRK.member] = ENUM_QUIRK.to
      return out
    }
    default:
      return value
  }
}

/** Applies the enabled output quirks to an operation's output; returns the output untouched when none is on. */
export function applyOutputQuirks(
  op: OperationName,
  output: Record<string, unknown>,
  quirks: ReadonlySet<QuirkName>,
): Record<string, unknown> {
  const q: ActiveQuirks = { iso: quirks.has('iso-timestamps'), draft: quirks.has('unknown-enum-value') }
  const outputShape = OPERATIONS[op].output
  if ((!q.iso && !q.draft) || outputShape === null) return output
  return walk(outputShape, output, q) as Record<string, unknown>
}

/**
 * The quirk 'html-404-for-unknown-ids': what a web framework answers by default when a handler raises "not
 * found" — its HTML 404 page, where the service answers ResourceNotFoundException as JSON. The routes exist
 * (an existing view is answered as usual); only what does not exist is answered like a missing route.
 */
export function notFoundPage(quirks: ReadonlySet<QuirkName>, errorName: string): WireResponse | undefined {
  if (!quirks.has('html-404-for-unknown-ids') || errorName !== 'ResourceNotFoundException') return undefined
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html>\n<html><title>404 Not Found</title><h1>Not Found</h1><p>No such resource.</p></html>\n',
  }
}
