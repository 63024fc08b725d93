import { createHash } from 'node:crypto'
import type { Choices } from '../spec/choices'
import type { ViewContentRecord } from './state'

/**
 * ViewContentSha256 (R13/R14): lowercase SHA-256 hex over a canonical serialisation of the content.
 * AWS does not document the input; any deterministic function that changes iff the content changes
 * conforms, so the exact bytes are a choice (checksumInput) and the harness never asserts them.
 */
export function contentChecksum(content: ViewContentRecord, choices: Pick<Choices, 'checksumInput'>): string {
  const canonical = choices.checksumInput === 'template-only'
    ? JSON.stringify([content.template])
    : JSON.stringify([content.template, content.actions])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}
