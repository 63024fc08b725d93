// Every rule the harness may assert (confidence documented or inferred) is cited by at least one test.
// Tests cite rules at the start of their titles: it('R12 …'), it('R12, R13 …'), it(`R9 ${op} …`). The
// wire-level rules (R32, R33, R44) may also be cited by test/stub tests, which are read when present;
// the model tests cover them too, so nothing here depends on the stub's tests.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RULES } from '../../src/spec'

const HERE = fileURLToPath(import.meta.url)
const TEST_ROOT = join(dirname(HERE), '..')

interface TestTitle {
  file: string
  title: string
  skipped: boolean
}

const TITLE =
  /\b(it|test)((?:\.(?:only|skip|todo|fails|concurrent|sequential))*)\s*\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/g
const LEADING_IDS = /^(R\d+[a-z]?(?:\s*,\s*R\d+[a-z]?)*)(?=[\s:]|$)/

/** Titles of it()/test() calls in a source file; a template literal keeps its text up to the first ${. */
function testTitles(file: string, source: string): TestTitle[] {
  const out: TestTitle[] = []
  for (const m of source.matchAll(TITLE)) {
    const raw = m[3] ?? m[4] ?? m[5].split('${')[0]
    out.push({ file, title: raw.replace(/\\(.)/g, '$1'), skipped: /\.(skip|todo)/.test(m[2]) })
  }
  return out
}

/** Rule ids cited at the start of a title, e.g. 'R11, R26 after…' → ['R11', 'R26']. */
function citedIds(title: string): string[] {
  const m = LEADING_IDS.exec(title)
  return m ? m[1].split(',').map((s) => s.trim()) : []
}

function readTests(dir: string): { file: string; source: string }[] {
  const full = join(TEST_ROOT, dir)
  if (!existsSync(full)) return []
  return readdirSync(full)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => ({ file: `${dir}/${f}`, source: readFileSync(join(full, f), 'utf8') }))
}

// this file's own titles cite nothing: a meta-test must not count towards coverage
const modelTests = readTests('model').filter((t) => basename(t.file) !== basename(HERE))
const stubTests = readTests('stub')
const modelTitles = modelTests.flatMap((t) => testTitles(t.file, t.source))
const allTitles = [...modelTitles, ...stubTests.flatMap((t) => testTitles(t.file, t.source))]
const KNOWN = new Set(RULES.map((r) => r.id))

describe('rule coverage', () => {
  it('the title reader finds quoted, escaped, template and skipped titles', () => {
    const src = [
      "it('R12 stale sha', () => {})",
      'test("R1, R39 a \\"quoted\\" title", () => {})',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template-literal title, on purpose
      'it(`R9 ${op} is rejected`, () => {})',
      "it.skip('R5 not yet', () => {})",
      "it('R17 it\\'s one version', () => {})",
      "const split = x.split('a') // not a test",
    ].join('\n')
    const titles = testTitles('x', src)
    expect(titles.map((t) => [t.title, t.skipped])).toEqual([
      ['R12 stale sha', false],
      ['R1, R39 a "quoted" title', false],
      ['R9 ', false],
      ['R5 not yet', true],
      ["R17 it's one version", false],
    ])
    expect(titles.map((t) => citedIds(t.title))).toEqual([['R12'], ['R1', 'R39'], ['R9'], ['R5'], ['R17']])
    expect(citedIds('R18a choice x')).toEqual(['R18a'])
    expect(citedIds('Rules are nice')).toEqual([])
    expect(citedIds('R12: colon')).toEqual(['R12'])
    expect(citedIds('R12/R13 slash is no separator')).toEqual([])
  })

  it('the model tests were found', () => {
    expect(modelTests.length).toBeGreaterThanOrEqual(10)
    expect(modelTitles.length).toBeGreaterThan(150)
  })

  it('every model test title starts with the rule ids it covers, and every cited id exists', () => {
    const uncited = modelTitles.filter((t) => citedIds(t.title).length === 0).map((t) => `${t.file}: ${t.title}`)
    expect(uncited, 'titles without leading rule ids').toEqual([])
    const unknown = allTitles.flatMap((t) =>
      citedIds(t.title)
        .filter((id) => !KNOWN.has(id))
        .map((id) => `${t.file}: ${id} in "${t.title}"`),
    )
    expect(unknown, 'cited ids missing from src/spec/rules.ts').toEqual([])
    expect(
      modelTitles.filter((t) => t.skipped).map((t) => `${t.file}: ${t.title}`),
      'skipped tests cover nothing',
    ).toEqual([])
  })

  it('every rule that is not an unknown-choice is cited by a test', () => {
    const cited = new Set(allTitles.filter((t) => !t.skipped).flatMap((t) => citedIds(t.title)))
    const missing = RULES.filter((r) => r.confidence !== 'unknown-choice' && !cited.has(r.id)).map(
      (r) => `${r.id} (${r.confidence}): ${r.statement}`,
    )
    expect(missing, 'rules no test cites').toEqual([])
  })

  it('every unknown-choice rule is exercised too (each option switches its behaviour in choices.test.ts)', () => {
    const cited = new Set(modelTitles.flatMap((t) => citedIds(t.title)))
    expect(RULES.filter((r) => r.confidence === 'unknown-choice' && !cited.has(r.id)).map((r) => r.id)).toEqual([])
  })

  it('model tests reach the model only through CheckedModel, so R32 and R33 are checked on every call', () => {
    const offenders: string[] = []
    for (const { file, source } of modelTests) {
      source.split('\n').forEach((line, i) => {
        if (/new ViewsModel\(/.test(line) && !/new CheckedModel\(new ViewsModel\(/.test(line))
          offenders.push(`${file}:${i + 1} ${line.trim()}`)
        // the raw model is only for calls no operation declares (an unknown operation, R44)
        if (/\.raw\.invoke\(/.test(line) && !/as never/.test(line)) offenders.push(`${file}:${i + 1} ${line.trim()}`)
      })
    }
    expect(offenders).toEqual([])
  })
})
