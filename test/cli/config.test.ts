// Settings precedence (flags > env > config file) and value parsing, in process; plus one subprocess run
// that takes its seed from the environment and its report formats from a config file.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { asDuration, asShard, settingSource } from '../../src/settings'
import { UsageError } from '../../src/exit-codes'
import { selectProperties, PROPERTY_IDS } from '../../src/engine/property-registry'
import { runWithStandardHandlers } from '../../src/presentation/standard-handlers'
import { runSettings } from '../../src/engine/run-settings'
import { runCli, tempDir } from './support/cli'

function configFile(content: unknown): string {
  const file = join(tempDir(), 'conformance.json')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

describe('precedence: flags over env over config file', () => {
  const file = configFile({ seed: 1, runs: 4, quirks: ['checksum-not-checked'], out: 'from-file', strict: true })

  it('the file alone', () => {
    const s = runSettings(settingSource({ config: file }, {}))
    expect(s).toMatchObject({ seed: 1, runs: 4, quirks: ['checksum-not-checked'], out: 'from-file', strict: true })
  })
  it('env over the file', () => {
    const s = runSettings(settingSource({ config: file }, { CONFORMANCE_SEED: '2', CONFORMANCE_STRICT: 'false' }))
    expect(s).toMatchObject({ seed: 2, strict: false, runs: 4 })
  })
  it('flags over env', () => {
    const s = runSettings(settingSource({ config: file, seed: '3' }, { CONFORMANCE_SEED: '2' }))
    expect(s.seed).toBe(3)
  })
  it('CONFORMANCE_CONFIG names the file when --config is absent', () => {
    expect(runSettings(settingSource({}, { CONFORMANCE_CONFIG: file })).seed).toBe(1)
  })
  it('AWS_REGION is a fallback for the region', () => {
    expect(runSettings(settingSource({}, { AWS_REGION: 'eu-west-2' })).region).toBe('eu-west-2')
    expect(runSettings(settingSource({}, { AWS_REGION: 'eu-west-2', CONFORMANCE_REGION: 'us-west-2' })).region).toBe(
      'us-west-2',
    )
  })
})

describe('bad values are usage errors naming their source', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['unknown config key', () => settingSource({ config: configFile({ sede: 1 }) }, {}), /unknown setting "sede"/],
    ['config not JSON', () => settingSource({ config: configFile('{ nope') }, {}), /config file .*conformance\.json: /],
    ['config not an object', () => settingSource({ config: configFile([1]) }, {}), /must hold a JSON object/],
    [
      'bad seed in file',
      () => runSettings(settingSource({ config: configFile({ seed: -1 }) }, {})),
      /conformance\.json: seed: -1 is not an integer/,
    ],
    [
      'bad env boolean',
      () => runSettings(settingSource({}, { CONFORMANCE_STRICT: 'maybe' })),
      /CONFORMANCE_STRICT: "maybe" is not a boolean/,
    ],
    [
      'quirk with aws from env',
      () => runSettings(settingSource({ quirk: ['checksum-not-checked'] }, { CONFORMANCE_TARGET: 'aws' })),
      /stub only/,
    ],
    [
      'unknown quirk',
      () => runSettings(settingSource({ quirk: ['nope'] }, {})),
      /--quirk: unknown quirk "nope" \(known: mutable-versions/,
    ],
    [
      'runs with a time budget',
      () => runSettings(settingSource({ runs: '3' }, { CONFORMANCE_TIME_BUDGET: '1m' })),
      /--runs and CONFORMANCE_TIME_BUDGET exclude each other/,
    ],
    [
      'bad duration',
      () => runSettings(settingSource({ timeBudget: 'soon' }, {})),
      /--time-budget: "soon" is not a duration/,
    ],
    [
      'unknown report format',
      () => runSettings(settingSource({ report: 'junit,pdf' }, {})),
      /--report: unknown report format "pdf"/,
    ],
    ['zero runs', () => runSettings(settingSource({ runs: '0' }, {})), /--runs: "0" is not an integer in 1\.\./],
    [
      'a target that is neither stub, aws nor a URL',
      () => runSettings(settingSource({ target: 'stubb' }, {})),
      /--target: target must be "stub", "aws" or an http\(s\) URL/,
    ],
  ]
  for (const [what, f, message] of cases) {
    it(what, () => {
      expect(f).toThrow(UsageError)
      expect(f).toThrow(message)
    })
  }
})

describe('usage errors found before the target is opened', () => {
  it('--path only for a property whose fast-check paths replay', async () => {
    const s = runSettings(settingSource({ only: ['contracts'], path: '1:1', out: tempDir() }, {}))
    await expect(runWithStandardHandlers(s, { stdout: { write: () => true }, warn: () => {} })).rejects.toThrow(
      /--path replays one counterexample of a property that supports it \(immutability, .*concurrency\)/,
    )
  })
})

describe('value parsers', () => {
  const s = (value: unknown) => ({ value, source: '--x' })
  it('durations', () => {
    expect(asDuration(s('5m'))).toBe(300_000)
    expect(asDuration(s('1h30m'))).toBe(5_400_000)
    expect(asDuration(s('90'))).toBe(90_000)
    expect(asDuration(s('250ms'))).toBe(250)
    expect(() => asDuration(s('5 minutes'))).toThrow(UsageError)
    expect(() => asDuration(s('0s'))).toThrow(UsageError)
  })
  it('shards', () => {
    expect(asShard(s('2/3'))).toEqual({ index: 2, count: 3 })
    for (const bad of ['0/3', '4/3', '1/0', '1-3', '']) expect(() => asShard(s(bad)), bad).toThrow(UsageError)
  })
  it('shards partition the selection, with --only applied first', () => {
    const all = [1, 2, 3].flatMap((i) => selectProperties(undefined, { index: i, count: 3 }).map((p) => p.id))
    expect([...all].sort()).toEqual([...PROPERTY_IDS].sort())
    expect(selectProperties(['delete', 'immutability', 'pagination'], { index: 2, count: 2 }).map((p) => p.id)).toEqual(
      ['pagination'],
    )
  })
})

describe('subprocess: env and config file reach the run', () => {
  it('seed from CONFORMANCE_SEED, report formats and runs from --config', async () => {
    const out = tempDir()
    const file = configFile({ report: 'json', runs: 2, only: ['immutability'], seed: 99 })
    const r = await runCli(['run', '--config', file, '--out', out], { env: { CONFORMANCE_SEED: '4242' } })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Seed:\s+4242\s/)
    expect(r.stdout).toMatch(/Sequences:\s+2 generated/)
    expect(existsSync(join(out, 'report.json'))).toBe(true)
    expect(existsSync(join(out, 'junit.xml'))).toBe(false)
  })
})
