// The package build (npm run build; npm pack runs it through prepack): the source keeps extensionless
// relative imports (run through tsx in the clone), so it is bundled with esbuild rather than emitted file by
// file. Three entries: the library (with one bundled .d.ts), the CLI, and the contract-verification script
// the CLI runs in a child process. Everything in "dependencies" stays external (tsup's default).
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'verify-contracts': 'scripts/verify-contracts.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  splitting: true,
  clean: true,
  dts: { entry: { index: 'src/index.ts' } },
})
