// Pact files are written by the mock server into a fresh temporary directory (a clean folder by construction:
// Pact merges interactions into an existing file, so a stale file would keep interactions that were removed
// from the tests) and only then copied into contracts/pacts/. The copy replaces each file atomically (write
// beside it, then rename) and removes pact files that were not regenerated, so a reader of contracts/pacts/ –
// a provider verification running at the same moment, the hygiene scan – always sees a complete file.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A new empty directory for one consumer run. */
export function freshPactDir(): string {
  return mkdtempSync(join(tmpdir(), 'cvc-pacts-'))
}

export interface PactSync {
  written: string[]
  unchanged: string[]
  removed: string[]
}

/** Makes `committedDir` hold exactly the pact files of `generatedDir`. Files whose bytes did not change are not touched. */
export function syncPactFiles(generatedDir: string, committedDir: string): PactSync {
  const generated = readdirSync(generatedDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
  if (generated.length === 0) throw new Error(`no pact files were generated in ${generatedDir}`)
  mkdirSync(committedDir, { recursive: true })
  const result: PactSync = { written: [], unchanged: [], removed: [] }
  for (const f of generated) {
    const text = readFileSync(join(generatedDir, f), 'utf8')
    let current: string | undefined
    try {
      current = readFileSync(join(committedDir, f), 'utf8')
    } catch {
      current = undefined
    }
    if (current === text) {
      result.unchanged.push(f)
      continue
    }
    const temp = join(committedDir, `.${f}.${process.pid}.tmp`)
    writeFileSync(temp, text)
    renameSync(temp, join(committedDir, f))
    result.written.push(f)
  }
  for (const f of readdirSync(committedDir)) {
    if (f.endsWith('.json') && !generated.includes(f)) {
      rmSync(join(committedDir, f))
      result.removed.push(f)
    }
  }
  return result
}
