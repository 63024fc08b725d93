#!/usr/bin/env node
// Package bin. Installed, it runs the compiled CLI (dist/, built by `npm run build`, which `npm pack` runs).
// In a clone of the repository (src/ present) it runs the TypeScript source through tsx, a devDependency,
// so `npx conformance` there always runs the code as it is, never a stale build.
import { existsSync } from 'node:fs'

const source = new URL('../src/cli.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(source.href)
} else {
  await import(new URL('../dist/cli.js', import.meta.url).href)
}
