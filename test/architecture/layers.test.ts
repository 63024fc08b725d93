// The layer order ARCHITECTURE.md lists is the one the code keeps: every src/ file in a layer, each import
// (type imports included) sideways or down, no import cycle, and nothing in src/ from test/ (the package
// ships src/ alone). The rules are proven first on a made-up tree, so a pass means they were able to fail.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  cycles,
  importsOf,
  importsOutsideSrc,
  layersFromArchitecture,
  unlayered,
  upwardImports,
  type Layer,
} from './import-graph'

const ROOT = new URL('../../', import.meta.url).pathname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return name.endsWith('.ts') ? [relative(ROOT, full)] : []
  })
}

const layers = layersFromArchitecture(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'))
const files = new Map(sourceFiles(join(ROOT, 'src')).map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]))
const imports = importsOf(files)

describe('the rules, on a made-up tree', () => {
  const made: Layer[] = [
    { name: 'low', paths: ['src/low/', 'src/util.ts'] },
    { name: 'high', paths: ['src/high/'] },
  ]
  const tree = new Map([
    ['src/util.ts', ''],
    ['src/low/a.ts', "import type { B } from './b'\nimport { h } from '../high/h'\n"],
    ['src/low/b.ts', "export { a } from './a'\nimport { util } from '../util'\n"],
    ['src/high/h.ts', "import { a } from '../low/a'\nconst t = await import('../../test/support/x')\n"],
    ['src/high/self.ts', "import './self'\n"],
  ])
  const treeImports = importsOf(tree)

  it('reads type imports, re-exports and dynamic imports, with their lines', () => {
    expect(treeImports).toContainEqual({ from: 'src/low/a.ts', line: 1, to: 'src/low/b.ts' })
    expect(treeImports).toContainEqual({ from: 'src/low/b.ts', line: 1, to: 'src/low/a.ts' })
    expect(treeImports).toContainEqual({ from: 'src/high/h.ts', line: 2, to: 'test/support/x.ts' })
  })
  it('names an upward import by file and line', () => {
    expect(upwardImports(made, treeImports)).toEqual([
      'src/low/a.ts:2 imports src/high/h.ts (low → high, a layer above it)',
    ])
  })
  it('names each cycle as a chain', () => {
    expect(cycles(treeImports)).toEqual([
      'src/high/h.ts → src/low/a.ts → src/high/h.ts',
      'src/high/self.ts → src/high/self.ts',
    ])
  })
  it('names an import of test code', () => {
    expect(importsOutsideSrc(treeImports)).toEqual(['src/high/h.ts:2 imports test/support/x.ts, outside src/'])
  })
  it('names a file no layer holds', () => {
    expect(unlayered(made, [...tree.keys(), 'src/other/x.ts'])).toEqual(['src/other/x.ts'])
  })
})

describe('src/ keeps the layer order of ARCHITECTURE.md', () => {
  it('ARCHITECTURE.md lists the layers', () => {
    expect(layers.length).toBeGreaterThan(5)
    expect(imports.length).toBeGreaterThan(500)
  })
  it('every file under src/ is in a layer', () => {
    expect(unlayered(layers, files.keys())).toEqual([])
  })
  it('no import points up the layer order', () => {
    expect(upwardImports(layers, imports)).toEqual([])
  })
  it('no import cycle', () => {
    expect(cycles(imports)).toEqual([])
  })
  it('nothing in src/ imports from outside it (test code, scripts)', () => {
    expect(importsOutsideSrc(imports)).toEqual([])
  })
})
