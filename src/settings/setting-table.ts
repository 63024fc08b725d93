// Every setting any command, script or vitest suite of this package reads: its flag, environment
// variables and config-file key, with the default and what it means. One name means one thing everywhere
// (CONFORMANCE_STRICT=1 is strict in `conformance run`, in `npm test -- properties` and in the scripts).
// README's "Settings" table is rendered from this one (settingsTableMarkdown) and checked against it.

export interface SettingSpec {
  /** Environment variables, first set one wins. */
  readonly env?: readonly string[]
  /** The flag, when it is not the name in kebab-case; null: no flag (read from the environment only). */
  readonly flag?: string | null
  /** The config-file key, when it is not the name; null: not read from the config file. */
  readonly fileKey?: string | null
  readonly default: string
  readonly meaning: string
}

/** Setting name (camelCase, as in the config file and the commander options) → where it comes from. */
export const SETTINGS = {
  target: { env: ['CONFORMANCE_TARGET'], default: '`stub`', meaning: '`stub`, `aws` or an http(s) endpoint URL' },
  instanceId: {
    env: ['CONFORMANCE_INSTANCE_ID'],
    default: "the stub's `11111111-2222-4333-8444-555555555555`",
    meaning: 'Connect instance id (required for `aws`)',
  },
  region: { env: ['CONFORMANCE_REGION', 'AWS_REGION'], default: '`us-east-1`', meaning: 'AWS region of the target' },
  profile: { env: ['AWS_PROFILE'], default: 'the default credential chain', meaning: 'AWS profile for `--target aws`' },
  seed: { env: ['CONFORMANCE_SEED'], default: 'random (printed)', meaning: 'fast-check seed' },
  seeds: {
    env: ['CONFORMANCE_SEEDS'],
    flag: null,
    fileKey: null,
    default: '`1`',
    meaning: 'vitest property suites only: the seeds each suite runs',
  },
  runs: {
    env: ['CONFORMANCE_RUNS'],
    default: "each property's own",
    meaning: 'runs per property (excludes `--time-budget`)',
  },
  timeBudget: {
    env: ['CONFORMANCE_TIME_BUDGET'],
    default: 'none',
    meaning: 'total time for the properties, e.g. `5m`',
  },
  strict: {
    env: ['CONFORMANCE_STRICT'],
    default: '`false`',
    meaning: 'also assert inferred rules (`1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`)',
  },
  only: { env: ['CONFORMANCE_ONLY'], default: 'all', meaning: 'run only these properties' },
  consistency: {
    env: ['CONFORMANCE_CONSISTENCY'],
    default: '`eventual`',
    meaning:
      '`eventual`: a read may show a state up to `--convergence` old and is read again until it converges (what Connect documents); `strong`: every read must show the newest state at once',
  },
  convergence: {
    env: ['CONFORMANCE_CONVERGENCE'],
    default: '`5s`',
    meaning: 'the window W within which a change must become visible under `eventual`',
  },
  quirk: {
    env: ['CONFORMANCE_QUIRKS'],
    fileKey: 'quirks',
    default: 'none',
    meaning: 'embedded stub only: planted deviations',
  },
  report: {
    env: ['CONFORMANCE_REPORT'],
    fileKey: 'reports',
    default: '`json,junit,md,html`',
    meaning: 'reports to write (`json`, `junit`, `md`, `html`, `tap`)',
  },
  out: { env: ['CONFORMANCE_OUT'], default: '`out`', meaning: 'report folder' },
  shard: {
    env: ['CONFORMANCE_SHARD'],
    default: 'none',
    meaning: 'run the i-th of n slices of the property set (`i/n`)',
  },
  path: { default: 'none', meaning: 'replay one counterexample (with one `--only`)' },
  tps: {
    env: ['CONFORMANCE_TPS'],
    default: '2 (none on loopback)',
    meaning: 'requests/s per API for endpoint and aws targets',
  },
  burst: { env: ['CONFORMANCE_BURST'], default: '5', meaning: 'request burst per API for endpoint and aws targets' },
  rateShare: {
    env: ['CONFORMANCE_RATE_SHARE'],
    default: '0.5 for `aws`, 1 for endpoints',
    meaning: "use at most this fraction of each API's rate and burst (the rest is the account's own traffic)",
  },
  probeQuotas: {
    env: ['CONFORMANCE_PROBE_QUOTAS'],
    default: 'off',
    meaning: 'R22: create views or versions until a quota answer, at most this many calls, then clean up',
  },
  regressions: {
    env: ['CONFORMANCE_REGRESSIONS'],
    default: "the package's `fixtures/regressions`",
    meaning: 'bundles replayed first',
  },
  recordings: {
    env: ['CONFORMANCE_RECORDINGS'],
    default: "the package's `fixtures/recordings`",
    meaning: 'recordings whose confirmed rules are asserted',
  },
  choicesProfile: {
    env: ['CONFORMANCE_CHOICES_PROFILE'],
    default: 'none',
    meaning: 'calibrated choices profile the model serves',
  },
  lanes: {
    env: ['CONFORMANCE_LANES'],
    default: '4 on a rate-limited target, else 1',
    meaning: 'exploring properties run at once, each on a lane of its own',
  },
  expectations: {
    env: ['CONFORMANCE_EXPECTATIONS'],
    default: 'none',
    meaning:
      "the target's known outcomes (JSON, `conformance expectations write`): only unexpected results fail the run",
  },
  allowUnexpectedPass: {
    env: ['CONFORMANCE_ALLOW_UNEXPECTED_PASS'],
    default: '`false`',
    meaning: 'with `--expectations`: an unexpected pass is a warning, not exit 1',
  },
  minAge: { default: 'none', meaning: '`sweep`: leave runs younger than this alone' },
  dryRun: { default: '`false`', meaning: '`sweep`: list, delete nothing' },
  config: { env: ['CONFORMANCE_CONFIG'], fileKey: null, default: 'none', meaning: 'the JSON config file itself' },
} as const satisfies Readonly<Record<string, SettingSpec>>

export type SettingName = keyof typeof SETTINGS

const spec = (name: SettingName): SettingSpec => SETTINGS[name]

export function flagOf(name: string): string {
  const f = (SETTINGS as Record<string, SettingSpec>)[name]?.flag
  return f ?? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

export function envOf(name: string): readonly string[] {
  return (SETTINGS as Record<string, SettingSpec>)[name]?.env ?? []
}

/** Config-file key → setting name; the setting name itself is accepted too (quirk and quirks). */
export function fileKeys(): ReadonlyMap<string, SettingName> {
  const keys = new Map<string, SettingName>()
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const key = spec(name).fileKey
    if (key === null) continue
    keys.set(name, name)
    if (key) keys.set(key, name)
  }
  return keys
}

/** The README's settings table (test/settings/readme-tables.test.ts keeps the two equal). */
export function settingsTableMarkdown(): string {
  const rows = (Object.keys(SETTINGS) as SettingName[]).map((name) => {
    const s = spec(name)
    const cell = (x: string | null | undefined) => (x ? `\`${x}\`` : '—')
    return `| ${s.flag === null ? '—' : cell(flagOf(name))} | ${s.env?.length ? s.env.map(cell).join(', ') : '—'} | ${s.fileKey === null ? '—' : cell(s.fileKey ?? name)} | ${s.default} | ${s.meaning} |`
  })
  return ['| flag | environment | config-file key | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n')
}
