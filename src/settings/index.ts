// Settings: one module for every reader (the CLI, the engine's run settings in src/engine/run-settings.ts,
// the library's run API, serve, sdk-diff, the scripts and the vitest suites). Flags win over environment variables, which win over a JSON config file; every value
// is validated, and a bad one is a UsageError naming its source (one line, exit 2). The table of settings
// (flag, environment, config-file key, default) is setting-table.ts, and README's "Settings" section.
export * from './setting-table'
export * from './setting-source'
export * from './parsers'
export * from './target-settings'
export * from './suite-settings'
export * from './verify-settings'
