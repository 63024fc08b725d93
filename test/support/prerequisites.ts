// What a few tests need from outside the lockfile, found (never installed) by the tests and installed by
// `npm run setup:test` (scripts/setup-test.ts, which .ci/run runs before `npm test`): a Chromium for the
// browser test of the HTML report, and a real older @aws-sdk/client-connect release for the SDK gate.
// A test whose prerequisite is absent fails with one line naming the setup command when CI is set (CI must
// never pass by skipping), and skips with that line elsewhere (a newcomer's first `npm test`).
import { existsSync } from 'node:fs'
import { it } from 'vitest'
import { installedCandidate } from '../../src/sdk-gate/candidate-install'

export const SETUP_COMMAND = 'npm run setup:test'

/** The browser the report test drives: CHROMIUM_PATH, or Debian's `chromium` package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The real release test/sdk-gate/real-candidate.test.ts gates (it lacks SearchViews, among other things). */
export const REAL_CANDIDATE = '3.932.0'

/** Why the browser test cannot run, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `no Chromium at ${CHROMIUM_PATH}`
}

/** Why the real-release SDK gate test cannot run, or undefined when the release is installed. */
export function realCandidateMissing(): string | undefined {
  return installedCandidate(REAL_CANDIDATE)
    ? undefined
    : `@aws-sdk/client-connect@${REAL_CANDIDATE} is not installed for the SDK gate`
}

/** Whether this is a CI run: the CI variable set to anything but an explicit no. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase()
  return !!v && v !== 'false' && v !== '0'
}

/** The one line a missing prerequisite is reported with. */
export function prerequisiteLine(missing: string): string {
  return `${missing}: run \`${SETUP_COMMAND}\` first`
}

/**
 * Call while the test file is collected. Answers whether the tests needing the prerequisite should skip:
 * under CI a missing prerequisite is instead one failing test whose whole message is the line (no stack).
 */
export function skipWithout(missing: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!missing) return false
  const line = prerequisiteLine(missing)
  if (isCi(env)) {
    it(`prerequisite: ${missing}`, () => {
      const e = new Error(line)
      e.stack = line
      throw e
    })
  } else {
    console.warn(`skipped (CI is not set): ${line}`)
  }
  return true
}
