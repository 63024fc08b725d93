// A setup file (vitest.config.ts): vitest runs it before every test file, also when test files share their
// modules within a worker (isolate: false), so the hook below is registered once per file and removes the
// folders that file made with tempDir — keeping /tmp from filling up with report folders.
import { rmSync } from 'node:fs'
import { afterAll } from 'vitest'
import { madeTempDirs } from '../cli/support/cli'

afterAll(() => {
  for (const dir of madeTempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
