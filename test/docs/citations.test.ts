// Facts cited in comments must live in the repository (docs/) or be cited by public URL: no source file
// names a document that is not here, and every `docs/<file> §N` it cites exists with that section.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/spec'

const ROOT = new URL('../../', import.meta.url).pathname
const FOLDERS = ['src', 'scripts', 'bench', 'test', 'contracts']
/** Documents that lived outside the repository, and the reference ids ("S6") of one of them. */
const OUTSIDE = /DEVELOPERS\.md|toolchain\.md|connect-views-api\.md|anchors\.md|(?<![\w-])S\d{1,2}(?=[ );,/]|$)/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (name === 'node_modules' || (name === 'fixtures' && dir.endsWith('report'))) return []
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|py|md)$/.test(name) && !name.endsWith('.generated.ts') ? [full] : []
  })
}

const files = FOLDERS.flatMap((f) => sourceFiles(join(ROOT, f)))

describe('citations', () => {
  it('no source file cites a document that is not in the repository', () => {
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) =>
          OUTSIDE.test(line) && !line.includes('OUTSIDE')
            ? `${relative(ROOT, file)}:${i + 1}: ${line.trim()}`
            : undefined,
        )
        .filter((x) => x !== undefined),
    )
    expect(offending).toEqual([])
  })
  it('every docs/ file and section cited exists', () => {
    const cited = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/docs\/([\w.-]+\.md)(?: §(\d+))?/g)].map((m) => ({
        where: relative(ROOT, file),
        doc: m[1]!,
        section: m[2],
      })),
    )
    expect(cited.length).toBeGreaterThan(0)
    for (const c of cited) {
      const path = join(ROOT, 'docs', c.doc)
      expect(existsSync(path), `${c.where} cites docs/${c.doc}`).toBe(true)
      if (c.section)
        expect(readFileSync(path, 'utf8'), `${c.where} cites docs/${c.doc} §${c.section}`).toMatch(
          new RegExp(`^## ${c.section}\\. `, 'm'),
        )
    }
  })
  it("every rule's source is a public URL, a file in the repository, or says there is none", () => {
    for (const r of RULES) {
      const files = [...r.source.matchAll(/\b((?:fixtures|docs|src)\/[\w./-]+)/g)].map((m) => m[1]!)
      for (const f of files) expect(existsSync(join(ROOT, f)), `${r.id} cites ${f}`).toBe(true)
      expect(r.source, r.id).toMatch(/https:\/\/|fixtures\/|^none|^inferred|^common AWS behaviour/)
    }
  })
  it('no source file cites an issue number: the reason is written out, since the tracker is not in the repository', () => {
    const ISSUE = /\bissues? ?#?\d+/i
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) =>
          ISSUE.test(line) && !line.includes('ISSUE') ? `${relative(ROOT, file)}:${i + 1}: ${line.trim()}` : undefined,
        )
        .filter((x) => x !== undefined),
    )
    expect(offending).toEqual([])
  })
})
