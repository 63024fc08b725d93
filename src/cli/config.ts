// Settings moved to src/settings/ (one module for the CLI, the scripts and the vitest suites); this path
// stays so imports in flight keep compiling.
export * from '../settings'
