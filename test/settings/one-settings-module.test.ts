// Every reader takes its settings from src/settings/: the same variable means the same thing in the CLI,
// the vitest suites and scripts/verify-contracts.ts, a bad value is one line naming its source, and flags
// beat the environment, which beats the config file.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/exit-codes'
import { runSettings } from '../../src/engine/run-settings'
import { settingSource, suiteSettings, targetSettings, verifySettings } from '../../src/settings'
import { tempDir } from '../cli/support/cli'

function configFile(content: unknown): string {
  const file = join(tempDir(), 'conformance.json')
  writeFileSync(file, JSON.stringify(content))
  return file
}

function thrown(f: () => unknown): Error {
  try {
    f()
  } catch (e) {
    return e as Error
  }
  throw new Error('expected an error')
}

/** The default consistency model: what Connect documents, with a 5 s window. */
const EVENTUAL_5S = { model: 'eventual', windowMs: 5000 }

describe('a bad value is one line naming its source', () => {
  const readers: [string, (env: NodeJS.ProcessEnv) => unknown][] = [
    ['the vitest suites', (env) => suiteSettings(env)],
    ['conformance run', (env) => runSettings(settingSource({}, env))],
    ['scripts/verify-contracts.ts', (env) => verifySettings({ target: 'http://127.0.0.1:9' }, env)],
  ]
  for (const [reader, read] of readers) {
    it(`CONFORMANCE_TPS=abc in ${reader}`, () => {
      const e = thrown(() => read({ CONFORMANCE_TPS: 'abc' }))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe('CONFORMANCE_TPS: "abc" is not a positive number')
    })
  }
  it('a bad seed list in CONFORMANCE_SEEDS', () => {
    expect(thrown(() => suiteSettings({ CONFORMANCE_SEEDS: '1,x' })).message).toBe(
      'CONFORMANCE_SEEDS: "x" is not an integer in 0..4294967295',
    )
  })
})

describe('one meaning per variable', () => {
  for (const [value, strict] of [
    ['1', true],
    ['true', true],
    ['on', true],
    ['0', false],
    ['false', false],
  ] as const) {
    it(`CONFORMANCE_STRICT=${value} is ${strict ? 'strict' : 'default'} mode for the CLI and the vitest suites alike`, () => {
      expect(runSettings(settingSource({}, { CONFORMANCE_STRICT: value })).strict).toBe(strict)
      expect(suiteSettings({ CONFORMANCE_STRICT: value }).mode).toEqual({ strict, consistency: EVENTUAL_5S })
    })
  }
  it('the target settings reach the suites as they reach the CLI', () => {
    const env = {
      CONFORMANCE_TARGET: 'http://127.0.0.1:8700',
      CONFORMANCE_INSTANCE_ID: 'i-1',
      AWS_REGION: 'eu-west-2',
      CONFORMANCE_TPS: '7',
      CONFORMANCE_BURST: '9',
    }
    expect(suiteSettings(env).target).toEqual({
      target: 'http://127.0.0.1:8700',
      instanceId: 'i-1',
      region: 'eu-west-2',
      profile: undefined,
      rate: { tps: 7, burst: 9 },
    })
    expect(targetSettings(settingSource({}, env))).toMatchObject({
      target: 'http://127.0.0.1:8700',
      instanceId: 'i-1',
      region: 'eu-west-2',
      tps: 7,
      burst: 9,
    })
  })
  it('the verify-contracts script reads the same target variables and ignores the run-only ones', () => {
    const env = {
      CONFORMANCE_TARGET: 'aws',
      CONFORMANCE_INSTANCE_ID: 'i-2',
      CONFORMANCE_REGION: 'ap-south-1',
      CONFORMANCE_QUIRKS: 'checksum-not-checked',
    }
    expect(verifySettings({}, env)).toEqual({
      target: 'aws',
      instanceId: 'i-2',
      region: 'ap-south-1',
      publishResults: false,
      publishPacts: false,
      consistency: { windowMs: 5000 },
    })
  })
  it('CONFORMANCE_CONSISTENCY and CONFORMANCE_CONVERGENCE mean the same to the CLI, the suites and the verifier', () => {
    const env = { CONFORMANCE_CONSISTENCY: 'strong', CONFORMANCE_CONVERGENCE: '2s' }
    expect(runSettings(settingSource({}, env)).consistency).toEqual({ model: 'strong', windowMs: 2000 })
    expect(suiteSettings(env).mode.consistency).toEqual({ model: 'strong', windowMs: 2000 })
    expect(verifySettings({}, env).consistency).toBeUndefined() // strong: states are verified at once
    expect(verifySettings({ convergence: '3s' }, {}).consistency).toEqual({ windowMs: 3000 })
    expect(() => runSettings(settingSource({ consistency: 'causal' }, {}))).toThrow(
      '--consistency: "causal" is not a consistency model (eventual or strong)',
    )
  })
  it('defaults: the stub, default mode, seed 1', () => {
    expect(suiteSettings({})).toEqual({
      target: { target: 'stub', region: undefined, instanceId: undefined, profile: undefined, rate: undefined },
      mode: { strict: false, consistency: EVENTUAL_5S },
      seeds: [1],
    })
  })
})

describe('flags beat env beat the config file', () => {
  const file = configFile({ tps: 3, region: 'us-west-1', strict: false })
  it('the file alone', () => {
    expect(targetSettings(settingSource({ config: file }, {}))).toMatchObject({ tps: 3, region: 'us-west-1' })
    expect(suiteSettings({ CONFORMANCE_CONFIG: file }).target.rate).toEqual({ tps: 3 })
  })
  it('env over the file', () => {
    const env = { CONFORMANCE_TPS: '4', CONFORMANCE_STRICT: 'yes' }
    expect(targetSettings(settingSource({ config: file }, env))).toMatchObject({ tps: 4, region: 'us-west-1' })
    expect(suiteSettings({ ...env, CONFORMANCE_CONFIG: file })).toMatchObject({
      target: { rate: { tps: 4 } },
      mode: { strict: true },
    })
  })
  it('flags over env', () => {
    expect(targetSettings(settingSource({ config: file, tps: '5' }, { CONFORMANCE_TPS: '4' })).tps).toBe(5)
    expect(verifySettings({ config: file, tps: '5', target: 'aws' }, { CONFORMANCE_TPS: '4' })).toMatchObject({
      tps: 5,
      region: 'us-west-1',
    })
  })
})
