// The Markdown summary (the CI job summary) and the console summary lead with verdicts, disagreements and
// grouped failures, rendered from committed reports of real runs.
import { describe, expect, it } from 'vitest'
import { consoleSummary } from '../../src/report/console-summary'
import { matrixMarkdown, summaryMarkdownFile } from '../../src/report/matrix-report'
import { reportSchemaErrors } from '../../src/report/report-schema'
import { fixture } from './fixtures'

describe('summary.md', () => {
  it('merged: per-column verdicts, where the columns disagree, failures grouped with details', () => {
    const md = summaryMarkdownFile(fixture('merged'))
    expect(md).toContain('**✔ PASSED** — `stub` (default mode, seed 7)')
    expect(md).toMatch(
      /\*\*✘ FAILED\*\* — `endpoint http:\/\/127\.0\.0\.1:\d+` \(default mode, seed 7\): 4 properties failed/,
    )
    expect(md).toContain('## Where the targets disagree')
    expect(md).toMatch(/\| R18 \| rule \| passed \| failed \|/)
    expect(md).toMatch(/<details><summary>✘ <b>R18<\/b> · ListViewVersions · <b>1×<\/b>/)
    expect(md).not.toContain('## Rules') // the full tables stay in matrix.md
    expect(matrixMarkdown(fixture('merged'))).toContain(md.split('\n').slice(2).join('\n').trim())
  })

  it('a clean run: PASSED and no failures section', () => {
    const md = summaryMarkdownFile(fixture('clean'))
    expect(md).toContain('**✔ PASSED**')
    expect(md).not.toContain('## Failures')
  })

  it('the quirky run carries the failing step as a unified diff', () => {
    expect(summaryMarkdownFile(fixture('quirks'))).toMatch(
      /```diff\n--- model \(step \d+: CreateViewVersion\)\n\+\+\+ target/,
    )
  })
})

describe('console summary', () => {
  it('moto: verdict, missing operations grouped first, failures by cause, RESULT names both', () => {
    const s = consoleSummary(fixture('moto'), { reports: [] })
    // a real run against moto.server: every view operation missing, so nothing failed and nothing passed
    expect(s).toMatch(/^Verdict:\s+FAILED — 10 operations not implemented$/m)
    expect(s).toMatch(
      /^Fix first:\s+implement CreateView \(answers 404 text\/html; charset=utf-8 "<!doctype "\) and 9 other operations$/m,
    )
    expect(s).toMatch(/^Failures:\s+none$/m)
    expect(s).toContain('RESULT: FAILED — 10 operations not implemented on endpoint http://127.0.0.1:5055')
    expect(s).not.toContain('SyntaxError')
  })
})

describe('fixtures', () => {
  it.each(['clean', 'quirks', 'merged', 'moto', 'consistency'] as const)(
    '%s still matches the report schema (regenerate per fixtures/README.md if not)',
    (name) => {
      expect(reportSchemaErrors(fixture(name))).toEqual([])
    },
  )
})
