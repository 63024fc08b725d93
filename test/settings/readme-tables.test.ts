// README's settings and exit-code tables are the code's tables: a setting or code added, renamed or
// re-documented in src/settings/setting-table.ts or src/exit-codes.ts must show in README, and vice versa.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EXIT, EXIT_CODES, exitCodeTableMarkdown } from '../../src/exit-codes'
import { settingsTableMarkdown } from '../../src/settings'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The markdown table that starts with `header` in README. */
function readmeTable(header: string): string {
  const start = README.indexOf(header)
  expect(start, `README has no table headed ${header}`).toBeGreaterThanOrEqual(0)
  const lines = README.slice(start).split('\n')
  return lines
    .slice(
      0,
      lines.findIndex((l) => !l.startsWith('|')),
    )
    .join('\n')
}

describe('README tables', () => {
  it('the settings table is src/settings/setting-table.ts', () => {
    expect(readmeTable('| flag | environment |')).toBe(settingsTableMarkdown())
  })
  it('the exit-code table is src/exit-codes.ts', () => {
    expect(readmeTable('| exit code | meaning |')).toBe(exitCodeTableMarkdown())
  })
  it('every exit code has a meaning, and no two codes share a number', () => {
    expect(EXIT_CODES.map((c) => c.code).sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b))
  })
})
