// Two projects: `unit`, the fast set for the edit loop (`npm run test:unit`), and `slow`, the files that take
// seconds each: whole conformance runs, child processes, servers, the packed package, the browser.
// `npm test` (what .ci/run and README run) runs both. A new test file is a unit test unless listed here.
import { relative } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The slow files and folders, the slowest first (measured on 2 cores): they are queued first, so that the last
 * file to finish is a short one. Everything else is the unit set.
 */
export const SLOW = [
  // the longest first, with what their beforeAll does (packing and installing the package, starting servers)
  'test/detection/**/*.test.ts',
  'test/package/pack-install.test.ts',
  'test/harness/calibration.test.ts',
  'test/cli/calibrate.test.ts',
  'test/cli/serve-emulator.test.ts',
  'test/properties/calibration-plan.test.ts',
  'test/harness/precision.test.ts',
  'test/targets/lanes-live-like.test.ts',
  'test/package/ci-files.test.ts',
  'test/package/nightly-history.test.ts',
  'test/verification/verify-contracts-script.test.ts',
  'test/verification/contract-property.test.ts',
  'test/harness/consistency.test.ts',
  'test/expectations/moto.test.ts',
  'test/engine/events.test.ts',
  'test/expectations/stub-quirks.test.ts',
  'test/engine/lanes.test.ts',
  'test/engine/contracts-beside-lanes.test.ts',
  'test/harness/no-false-positives.test.ts',
  // whole runs, servers and child processes
  'test/cli/**/*.test.ts',
  'test/verdicts/**/*.test.ts',
  'test/verification/**/*.test.ts',
  'contracts/**/*.test.ts',
  'test/interop/**/*.test.ts',
  'test/package/**/*.test.ts',
  'test/report/browser.test.ts',
  'test/sdk-gate/real-candidate.test.ts',
  // fast-check suites: each property at its default run count, over the configured seeds
  'test/properties/**/*.test.ts',
  'test/harness/endpoint-target.test.ts',
  'test/harness/planted-bugs.test.ts',
  'test/stub/transports.test.ts',
  'test/stub/http-fuzz.test.ts',
  // generates the schemas again with the TypeScript compiler
  'test/schemas/schema-drift.test.ts',
  // several seconds each: the SDK gate's corpus through two SDKs, linearizability checks, every wire answer
  // validated, engine runs behind the TAP reporter, the live-safety guard's runs
  'test/sdk-gate/gate.test.ts',
  'test/harness/concurrency.test.ts',
  'test/schemas/wire-validation.test.ts',
  'test/engine/tap-reporter.test.ts',
  'test/targets/live-safety.test.ts',
  // whole runs against moto and the stub held against expectations; calibration against the alternative
  // emulator; the eventual-consistency checker's stale stubs; crash tests of the state journal; the history page
  'test/expectations/**/*.test.ts',
  'test/harness/alt-calibration.test.ts',
  'test/stub/eventual.test.ts',
  'test/stub/state-file.test.ts',
  'test/stub/state-journal.test.ts',
  'test/report/history-browser.test.ts',
]

/**
 * vitest's order (projects by name, then failed and longest first by its cache of the last run), except that
 * the files named in SLOW go in the order given there: a fresh clone has no cache, and vitest would
 * otherwise start the largest files first, which are not the slowest.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const patterns = SLOW.map(globRegExp)
    const rank = (f: TestSpecification) => {
      const file = relative(f.project.config.root, f.moduleId)
      const i = patterns.findIndex((p) => p.test(file))
      return i < 0 ? patterns.length : i
    }
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

/** The few glob forms SLOW uses: `**` (any folders) and `*` (within a name). */
function globRegExp(glob: string): RegExp {
  const body = glob
    .split('**/')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*'))
    .join('(?:.*/)?')
  return new RegExp(`^${body}$`)
}

export default defineConfig({
  test: {
    sequence: { sequencer: SlowestFirst },
    // vitest's default leaves one core of two idle (cpus - 1 workers); much of the slow files' time is
    // waiting (child processes, rate-limited stub servers, the Pact verifier), so both cores get a worker
    maxWorkers: 2,
    // one module graph per worker, not one per file: importing the engine, the stub and the AWS SDK again for
    // each of 130 files cost more than the unit set's tests themselves (on 2 cores: `--project unit` 85 s
    // isolated, 30 s shared). Test files restore what they change in the process (env, stdout, signal handlers).
    isolate: false,
    setupFiles: ['test/support/temp-dirs.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', PACT_DO_NOT_TRACK: 'true' },
    projects: [
      {
        extends: true,
        // a loaded machine (CI runners, a shared box) may take minutes over one end-to-end test: a generous
        // limit, so that only a hang fails on time
        test: { name: 'slow', include: SLOW, testTimeout: 240_000, hookTimeout: 240_000 },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'contracts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SLOW],
        },
      },
    ],
  },
})
