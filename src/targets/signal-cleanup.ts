// Live runs must not leave views behind when interrupted: on SIGINT/SIGTERM, clean up every registered
// target (delete what the run created), then exit 130 (SIGINT) / 143 (SIGTERM) (src/exit-codes.ts).
import { EXIT } from '../exit-codes'
import type { Target } from './target'

const live = new Set<Target>()
let installed = false
let cleaning: Promise<void> | undefined

export function registerForSignalCleanup(target: Target): () => void {
  live.add(target)
  install()
  return () => live.delete(target)
}

/** Cleans up every registered target once; later calls wait for the same cleanup. */
export function cleanupRegisteredTargets(): Promise<void> {
  cleaning ??= (async () => {
    for (const t of [...live]) {
      try {
        const { deleted, failed } = await t.cleanupAll()
        process.stderr.write(
          `cleanup ${t.label}: deleted ${deleted.length} view(s)${failed.length ? `, could not delete ${failed.join(', ')}` : ''}\n`,
        )
      } catch (e) {
        process.stderr.write(`cleanup ${t.label} failed: ${(e as Error).message}\n`)
      }
      live.delete(t)
    }
  })()
  return cleaning
}

function install(): void {
  if (installed) return
  installed = true
  for (const [signal, code] of [
    ['SIGINT', EXIT.interrupted],
    ['SIGTERM', EXIT.terminated],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: cleaning up before exit…\n`)
      void cleanupRegisteredTargets().finally(() => process.exit(code))
    })
  }
}
