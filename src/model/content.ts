// View content: conversion from API input, equality (R11), size cap (R20), "full" validation (R4) and the
// generated InputSchema (R19).
import type { Choices } from '../choices/catalogue'
import { ModelError } from './errors'
import type { ViewContentRecord } from './state'

/** R20: 400 KB uncompressed. Counted as UTF-8 bytes of the template plus every action. */
export const MAX_CONTENT_BYTES = 400 * 1024

export function contentFromInput(input: unknown): ViewContentRecord {
  const c = (input ?? {}) as { Template?: string; Actions?: string[] }
  return {
    ...(c.Template !== undefined ? { template: c.Template } : {}),
    ...(c.Actions !== undefined ? { actions: [...c.Actions] } : {}),
  }
}

export function contentBytes(c: ViewContentRecord): number {
  let n = c.template === undefined ? 0 : Buffer.byteLength(c.template, 'utf8')
  for (const a of c.actions ?? []) n += Buffer.byteLength(a, 'utf8')
  return n
}

export function sameContent(a: ViewContentRecord, b: ViewContentRecord): boolean {
  if (a.template !== b.template) return false
  const x = a.actions,
    y = b.actions
  if (x === undefined || y === undefined) return x === y
  return x.length === y.length && x.every((v, i) => v === y[i])
}

/** R4 + R20: basic validation for SAVED, full validation for PUBLISHED. */
export function validateContent(c: ViewContentRecord, status: string, choices: Choices): void {
  if (contentBytes(c) > MAX_CONTENT_BYTES) {
    throw new ModelError(
      choices.validationErrorClass,
      `View content exceeds the maximum size of ${MAX_CONTENT_BYTES} bytes`,
      'R20',
    )
  }
  if (status === 'PUBLISHED' && choices.publishedTemplateValidation === 'template-json' && c.template !== undefined) {
    try {
      const parsed = JSON.parse(c.template)
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    } catch {
      throw new ModelError(
        choices.validationErrorClass,
        'Invalid view template: the template must be a JSON object',
        'R4',
      )
    }
  }
}

/**
 * R19: the service derives InputSchema from the template; the algorithm is undocumented. This one lists
 * the "$.Name" placeholders the template references, which is deterministic and content-dependent.
 */
const schemaCache = new WeakMap<ViewContentRecord, string>() // records are immutable once stored

export function inputSchemaFor(c: ViewContentRecord): string {
  let schema = schemaCache.get(c)
  if (schema === undefined) schemaCache.set(c, (schema = deriveInputSchema(c)))
  return schema
}

function deriveInputSchema(c: ViewContentRecord): string {
  const names = new Set<string>()
  for (const m of (c.template ?? '').matchAll(/"\$\.([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1])
  const properties = Object.fromEntries([...names].sort().map((n) => [n, {}]))
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties })
}
