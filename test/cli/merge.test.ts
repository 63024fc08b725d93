// --shard i/n partitions the property set, and `report merge` of the shards gives back the unsharded run's
// rule and property verdicts; merging a second target adds a matrix column.
import { OWN_VIEW_PROBE_CALLS } from '../../src/targets/implementation-probe'
import { cpSync, existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { PROPERTY_IDS } from '../../src/engine/property-registry'
import { reportMergeCommand } from '../../src/cli/report-command'
import { consoleSummary } from '../../src/report/console-summary'
import { mergeReports, readReportFile } from '../../src/report/merge'
import { reportSchemaErrors } from '../../src/report/report-schema'
import { writeReports } from '../../src/report/write-reports'
import type { ConformanceReport, TargetReport } from '../../src/report/report-types'
import { runCli, runCliInProcess, tempDir, type CliResult } from './support/cli'
import { descendants, parseXml } from './support/xml'

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ConformanceReport
const verdicts = (t: TargetReport) => ({
  rules: t.rules.map((r) => [r.id, r.status, [...r.checkedBy].sort().join(',')]),
  properties: t.properties.map((p) => [p.id, p.status, p.numRuns, p.commandsExecuted, p.failure?.rule]),
})

const dirs = { full: tempDir(), s1: tempDir(), s2: tempDir(), quirky: tempDir(), merged: tempDir(), matrix: tempDir() }
let merge: CliResult

// the runs call the CLI's main in this process; the merge runs as a real process
beforeAll(async () => {
  const common = ['run', '--target', 'stub', '--runs', '3', '--seed', '11', '--report', 'json']
  const runs = await Promise.all([
    runCliInProcess([...common, '--out', dirs.full]),
    runCliInProcess([...common, '--shard', '1/2', '--out', dirs.s1]),
    runCliInProcess([...common, '--shard', '2/2', '--out', dirs.s2]),
    runCliInProcess([
      ...common,
      '--quirk',
      'checksum-not-checked',
      '--only',
      'checksum-conflict',
      '--out',
      dirs.quirky,
    ]),
  ])
  expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 1])
  merge = await runCli([
    'report',
    'merge',
    join(dirs.s1, 'report.json'),
    join(dirs.s2, 'report.json'),
    '--out',
    dirs.merged,
  ])
})

describe('--shard', () => {
  it('splits the property set round-robin by index, each property in exactly one shard', () => {
    const a = read(dirs.s1).targets[0]!.properties.map((p) => p.id)
    const b = read(dirs.s2).targets[0]!.properties.map((p) => p.id)
    expect(a).toEqual(PROPERTY_IDS.filter((_id, i) => i % 2 === 0))
    expect(b).toEqual(PROPERTY_IDS.filter((_id, i) => i % 2 === 1))
  })
})

describe('report merge', () => {
  it('merging shards 1/2 and 2/2 gives the same rule set and property set as the unsharded run', () => {
    expect(merge.code, merge.stderr).toBe(0)
    const merged = read(dirs.merged)
    expect(reportSchemaErrors(merged)).toEqual([])
    expect(merged.targets).toHaveLength(1)
    const m = merged.targets[0]!
    const full = read(dirs.full).targets[0]!
    expect(m.shards).toEqual(['1/2', '2/2'])
    expect(verdicts(m)).toEqual(verdicts(full))
    expect(m.totals.sequences).toBe(full.totals.sequences)
    // every shard starts with the implementation probe (on a view of its own here)
    expect(m.stats.calls).toBe(full.stats.calls + OWN_VIEW_PROBE_CALLS)
  })

  it('regenerates every format for the merged matrix', () => {
    for (const f of ['report.json', 'junit.xml', 'matrix.md', 'matrix.html'])
      expect(existsSync(join(dirs.merged, f)), f).toBe(true)
    // one case per property, but the contracts' Pact interactions are a case each
    const junit = parseXml(readFileSync(join(dirs.merged, 'junit.xml'), 'utf8'))
    expect(Number(junit.attrs.tests)).toBeGreaterThan(PROPERTY_IDS.length)
    expect(junit.attrs.tests).toBe(String(descendants(junit, 'testcase').length))
    expect(merge.stdout).toContain('RESULT: PASSED')
  })

  // in process from here on: the subprocess path is covered above, and every spawn costs a second
  it('two targets become two matrix columns, and failing bundles keep a path valid from the merged folder', () => {
    const { report } = mergeReports(
      [readReportFile(join(dirs.full, 'report.json')), readReportFile(join(dirs.quirky, 'report.json'))],
      dirs.matrix,
      { order: PROPERTY_IDS },
    )
    writeReports(dirs.matrix, report, ['json', 'md'])
    const r = read(dirs.matrix)
    expect(r.targets.map((t) => t.id)).toEqual(['stub', 'stub +checksum-not-checked'])
    const md = readFileSync(join(dirs.matrix, 'matrix.md'), 'utf8')
    expect(md).toContain('| Rule | Confidence | Statement | stub | stub +checksum-not-checked |')
    expect(md).toMatch(/\| R12 \| documented \| .* \| ✔ pass \| ✘ FAIL \|/)
    const bundle = r.targets[1]!.properties[0]!.failure!.bundle!
    expect(existsSync(join(dirs.matrix, bundle))).toBe(true)
    expect(consoleSummary(report, { reports: [] })).toContain(
      'RESULT: FAILED — 1 rule broken on stub +checksum-not-checked',
    )
  })

  it('refuses (exit 2, one line) a re-run of the same shard, as the nightly merge would download after "re-run failed jobs"', async () => {
    const rerun = tempDir()
    cpSync(join(dirs.s1, 'report.json'), join(rerun, 'report.json'))
    const r = await runCliInProcess([
      'report',
      'merge',
      join(dirs.s1, 'report.json'),
      join(dirs.s2, 'report.json'),
      join(rerun, 'report.json'),
      '--out',
      tempDir(),
    ])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^conformance: report merge: .*shard 1\/2.* and .*shard 1\/2.* both hold stub results/)
  })

  it('refuses a merged report together with its inputs, an unsharded run with a shard of it, a file twice, shards of two splits', () => {
    const attempt = (files: string[]) => () =>
      reportMergeCommand(files, { out: tempDir(), reports: ['json'] }, { out: () => {}, warn: () => {} })
    const [s1, s2, full, merged] = [dirs.s1, dirs.s2, dirs.full, dirs.merged].map((d) => join(d, 'report.json')) as [
      string,
      string,
      string,
      string,
    ]
    expect(attempt([merged, s1])).toThrow(/shard 1\/2, 2\/2\) and .* \(shard 1\/2\) both hold stub results/)
    expect(attempt([full, s2])).toThrow(/an unsharded run\) and .* both hold stub results/)
    expect(attempt([s1, s1])).toThrow(/is given twice/)
    const other = JSON.parse(readFileSync(s1, 'utf8')) as ConformanceReport
    other.targets[0]!.shards = ['2/3']
    const thirds = join(tempDir(), 'report.json')
    writeReports(dirname(thirds), other, ['json'])
    expect(attempt([s1, thirds])).toThrow(/both hold stub results/)
    // different targets never clash, whatever their shards
    expect(attempt([full, join(dirs.quirky, 'report.json')])).not.toThrow()
  })

  it('refuses a file that is not a report', () => {
    expect(() =>
      reportMergeCommand(
        [join(dirs.full, 'report.json'), 'package.json'],
        { out: tempDir(), reports: ['json'] },
        { out: () => {}, warn: () => {} },
      ),
    ).toThrow(/^package\.json: not a conformance report \(/)
  })
})
