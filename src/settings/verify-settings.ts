// The settings of scripts/verify-contracts.ts: the target settings mean what they mean for
// `conformance run` (flags > CONFORMANCE_* / AWS_REGION / AWS_PROFILE > config file); the script's own
// options are flags only. Quirks are not read: the script verifies an endpoint, never the embedded stub.
import type { VerifyCommandOptions } from '../verification/verify-command'
import { asFraction, asInteger, asList, asPositiveNumber, asString, asTarget } from './parsers'
import { flagSource, settingSource, type RawSettings } from './setting-source'
import { consistencySettings } from './target-settings'

/** Only an eventually consistent reading changes how states are arranged (and stays absent otherwise). */
function eventualOnly(c: { model: string; windowMs: number }, staleSeen: boolean) {
  return c.model === 'eventual' ? { consistency: { windowMs: c.windowMs, ...(staleSeen ? { staleSeen } : {}) } } : {}
}

const TARGET_SETTINGS = [
  'target',
  'instanceId',
  'region',
  'profile',
  'tps',
  'burst',
  'rateShare',
  'config',
  'consistency',
  'convergence',
] as const

export function verifySettings(flags: RawSettings, env: NodeJS.ProcessEnv = process.env): VerifyCommandOptions {
  const src = settingSource(Object.fromEntries(TARGET_SETTINGS.map((n) => [n, flags[n]])), env)
  const own = flagSource(flags)
  const options: VerifyCommandOptions = {
    target: src.parsed('target', asTarget),
    instanceId: src.parsed('instanceId', asString),
    region: src.parsed('region', asString),
    profile: src.parsed('profile', asString),
    tps: src.parsed('tps', asPositiveNumber),
    ...eventualOnly(consistencySettings(src), flags.staleSeen === true),
    // a fraction is fine here: the run passes the burst in force, its rate share applied
    burst: src.parsed('burst', asPositiveNumber),
    rateShare: src.parsed('rateShare', asFraction),
    pact: own.parsed('pact', asList),
    json: own.parsed('json', asString),
    remainingMs: own.parsed('remainingMs', (s) => asInteger(s, 0, Number.MAX_SAFE_INTEGER)),
    // commander checks the value against its choices
    logLevel: flags.logLevel as VerifyCommandOptions['logLevel'],
    publishResults: flags.publishResults === true,
    providerVersion: own.parsed('providerVersion', asString),
    providerBranch: own.parsed('providerBranch', asString),
    publishPacts: flags.publishPacts === true,
    consumerVersion: own.parsed('consumerVersion', asString),
    consumerBranch: own.parsed('consumerBranch', asString),
  }
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as VerifyCommandOptions
}
