// The import graph of src/ and the rules it must keep: every file in one layer, imports only sideways or down
// the layer order ARCHITECTURE.md lists, no cycles, nothing from test/. Pure functions over file texts, so
// the test can prove each rule catches what it should on a made-up tree as well as judge the real one.
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'

/** A layer: its name and the folders (ending in "/") and files under src/ it holds, e.g. `src/report/`. */
export interface Layer {
  name: string
  paths: string[]
}

export interface Import {
  /** Importing file and the line of its module specifier, both as written in the repository (`src/…`). */
  from: string
  line: number
  /** The imported file (`src/….ts`, or outside src/ such as `test/….ts`). */
  to: string
}

/**
 * The layer table of ARCHITECTURE.md, bottom first: the rows of the table under `## Layers`, each `| name |
 * paths | … |` with the paths in backticks in its second column.
 */
export function layersFromArchitecture(markdown: string): Layer[] {
  const section = markdown.split(/^## Layers\s*$/m)[1]?.split(/^## /m)[0]
  if (!section) throw new Error('ARCHITECTURE.md has no "## Layers" section')
  return section
    .split('\n')
    .filter((line) => /^\|[^|]*\|[^|]*`src\//.test(line))
    .map((line) => {
      const [, name, paths] = line.split('|')
      return { name: name!.trim(), paths: [...paths!.matchAll(/`(src\/[^`]*)`/g)].map((m) => m[1]!) }
    })
}

/**
 * Every relative import (static, type-only, re-export, dynamic `import()`) of each file, resolved to the file it
 * names. `files` maps a repository path (`src/a/b.ts`) to its text; a specifier resolves to `x.ts`, `x/index.ts`
 * or, outside the given files, to `x.ts` as written.
 */
export function importsOf(files: ReadonlyMap<string, string>): Import[] {
  const resolveSpecifier = (from: string, spec: string): string => {
    const base = normalize(join(dirname(from), spec.replace(/\.js$/, '')))
    if (/\.(ts|json)$/.test(base)) return base
    for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (files.has(candidate)) return candidate
    return `${base}.ts`
  }
  return [...files].flatMap(([from, text]) =>
    ts
      .preProcessFile(text, true, true)
      .importedFiles.filter((imp) => imp.fileName.startsWith('.'))
      .map((imp) => ({
        from,
        line: lineAt(text, imp.pos),
        to: resolveSpecifier(from, imp.fileName),
      })),
  )
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/** The layer a file belongs to (its longest matching path), or undefined. */
export function layerIndex(layers: readonly Layer[], file: string): number | undefined {
  let best: { index: number; length: number } | undefined
  layers.forEach((layer, index) => {
    for (const p of layer.paths)
      if ((p.endsWith('/') ? file.startsWith(p) : file === p) && (!best || p.length > best.length))
        best = { index, length: p.length }
  })
  return best?.index
}

/** Files under src/ no layer claims. */
export function unlayered(layers: readonly Layer[], files: Iterable<string>): string[] {
  return [...files].filter((f) => layerIndex(layers, f) === undefined)
}

/** Each import that points up the layer order, as `file:line imports target (layer → higher layer)`. */
export function upwardImports(layers: readonly Layer[], imports: readonly Import[]): string[] {
  return imports.flatMap(({ from, line, to }) => {
    const a = layerIndex(layers, from)
    const b = layerIndex(layers, to)
    if (a === undefined || b === undefined || b <= a) return []
    return [`${from}:${line} imports ${to} (${layers[a]!.name} → ${layers[b]!.name}, a layer above it)`]
  })
}

/** Each import of src/ that leaves src/ (test code, scripts, bench) as `file:line imports target`. */
export function importsOutsideSrc(imports: readonly Import[]): string[] {
  return imports
    .filter(({ from, to }) => from.startsWith('src/') && !to.startsWith('src/'))
    .map(({ from, line, to }) => `${from}:${line} imports ${to}, outside src/`)
}

/**
 * The import cycles among the files, one per strongly connected component (Tarjan's algorithm), each written as
 * a closed chain `a.ts → b.ts → a.ts` through the component.
 */
export function cycles(imports: readonly Import[]): string[] {
  const next = new Map<string, string[]>()
  for (const { from, to } of imports) {
    if (!next.has(from)) next.set(from, [])
    if (!next.get(from)!.includes(to)) next.get(from)!.push(to)
  }
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w)
        component.push(w)
        if (w === v) break
      }
      if (component.length > 1 || next.get(v)?.includes(v)) components.push(component)
    }
  }
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v)
  return components.map((component) => chain(component.sort(), next))
}

/** A closed path from the component's first file back to it, within the component (breadth first: a shortest one). */
function chain(component: string[], next: ReadonlyMap<string, string[]>): string {
  const inside = new Set(component)
  const start = component[0]!
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (let v = queue.shift(); v !== undefined; v = queue.shift()) {
    for (const w of next.get(v) ?? []) {
      if (!inside.has(w)) continue
      if (w === start) {
        const path = [start]
        for (let u: string | undefined = v; u !== start && u !== undefined; u = cameFrom.get(u)) path.splice(1, 0, u)
        return [...path, start].join(' → ')
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v)
        queue.push(w)
      }
    }
  }
  return component.join(' → ')
}
