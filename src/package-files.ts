// Where the package's own files live (package.json, fixtures/, contracts/pacts/, the report schema, the
// contract-verification script), wherever the code runs from: the TypeScript source in a clone (src/…,
// through tsx) or the bundle in an installed package (node_modules/connect-views-conformance/dist/…, where
// a module's own path says nothing about the folder layout, since tsup merges modules into chunks). So the
// root is found by walking up from this module to the package.json that names this package; nothing is
// looked up relative to the current folder.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const PACKAGE_NAME = 'connect-views-conformance'

/**
 * How reproduce and replay lines start: the package's bin, which `npx` finds in the project that installed
 * the package and in a clone of this repository alike (never `npm run …`, which only exists in the clone).
 */
export const CLI_COMMAND = 'npx conformance'

function findPackageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url))
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir
      } catch {
        /* an unreadable package.json on the way up is not ours */
      }
    }
    if (dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: no package.json of the package above ${start}`)
  }
}

/** Absolute path of the package root (the folder holding its package.json). */
export const PACKAGE_ROOT = findPackageRoot()

/** Absolute path of a file or folder of the package, e.g. packagePath('fixtures/regressions'). */
export function packagePath(relativePath: string): string {
  return join(PACKAGE_ROOT, relativePath)
}

export const PACKAGE_VERSION = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string })
  .version

/** True when this code runs from the TypeScript source (a clone, through tsx), false from the built dist/. */
export const RUNNING_FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts')

/**
 * Node arguments that run one of the package's scripts (e.g. 'verify-contracts'): the TypeScript file in
 * scripts/ through tsx from the source, the compiled dist/<name>.js from the package.
 */
export function packageScriptArgs(name: string): string[] {
  return RUNNING_FROM_SOURCE
    ? ['--import', tsxLoader(), packagePath(`scripts/${name}.ts`)]
    : [packagePath(`dist/${name}.js`)]
}

/**
 * tsx's ESM loader as a file URL, found from the package: `--import tsx` would look in the current folder, which
 * for the GitHub Action is the emulator's repository (no tsx there, so the contract verification never ran).
 */
function tsxLoader(): string {
  const manifest = createRequire(packagePath('package.json')).resolve('tsx/package.json')
  const entry = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> }).exports?.['.']
  const loader =
    typeof entry === 'string' ? entry : ((entry as { import?: string; default?: string } | undefined)?.import ?? 'tsx')
  return loader === 'tsx' ? 'tsx' : pathToFileURL(join(dirname(manifest), loader)).href
}
