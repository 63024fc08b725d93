// Contract verification as one more property of a run: the committed Pact interactions are verified against
// the run's target, and every interaction's verdict goes to the reports (one JUnit case each). The embedded
// stub is served over HTTP with the same options for the verifier; endpoints and AWS are verified directly
// (states arranged through the API on run-tagged views, requests re-signed with SigV4).
//
// The verification runs in a child process (scripts/verify-contracts.ts --json): Pact's native verifier
// prints its whole report straight to file descriptor 1, which would bury the run's own progress and
// summary. The child's console output is dropped (its last lines are shown if it fails to run at all); the
// verdicts, with every mismatch, come back as JSON.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packageScriptArgs } from '../package-files'
import type { InteractionVerdict, PropertyResult } from '../harness/property'
import { startStubServer } from '../stub'
import type { Target } from '../targets/target'
import type { SetupFailure } from './state-arranger'

export const CONTRACTS_PROPERTY = {
  id: 'contracts',
  title: 'Pact contracts of every view operation verify against the target',
  rules: ['R1', 'R2', 'R3', 'R5', 'R10', 'R11', 'R12', 'R16', 'R17', 'R18', 'R21', 'R25', 'R27', 'R32', 'R33'],
} as const


interface ChildAnswer { passed: boolean; results: InteractionVerdict[]; stateFailures: SetupFailure[] }

function verifyInChild(args: string[]): Promise<ChildAnswer> {
  const dir = mkdtempSync(join(tmpdir(), 'cvc-contracts-'))
  const json = join(dir, 'results.json')
  const child = spawn(process.execPath, [...packageScriptArgs('verify-contracts'), ...args, '--json', json], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
  let log = ''
  child.stdout.on('data', (d: Buffer) => { log += d.toString() })
  child.stderr.on('data', (d: Buffer) => { log += d.toString() })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      try {
        if (!existsSync(json)) throw new Error(`contract verification did not run (exit ${code}):\n${log.split('\n').slice(-15).join('\n')}`)
        resolve(JSON.parse(readFileSync(json, 'utf8')) as ChildAnswer)
      } catch (e) {
        reject(e)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}

async function verify(target: Target): Promise<ChildAnswer> {
  const common = ['--instance-id', target.instanceId, '--region', target.region]
  if (target.kind === 'stub') {
    const server = await startStubServer({ coreOptions: { ...target.stubOptions } })
    try {
      return await verifyInChild(['--target', server.url, ...common, '--tps', '10000'])
    } finally {
      await server.close()
    }
  }
  const rate = target.rateLimit ? ['--tps', String(target.rateLimit.tps)] : []
  const where = target.endpoint ? ['--target', target.endpoint] : ['--target', 'aws', ...(target.profile ? ['--profile', target.profile] : [])]
  return verifyInChild([...where, ...common, ...rate])
}

export async function runContractProperty(target: Target, opts: { seed: number }): Promise<PropertyResult> {
  const started = Date.now()
  const report = await verify(target)
  const interactions = report.results.map((r) => ({ ...r }))
  const base = {
    property: CONTRACTS_PROPERTY.id, title: CONTRACTS_PROPERTY.title, rules: CONTRACTS_PROPERTY.rules, seed: opts.seed,
    numRuns: interactions.length, commandsExecuted: interactions.length, durationMs: Date.now() - started, interactions,
  }
  const failed = interactions.filter((i) => i.status === 'failed')
  if (report.passed && failed.length === 0) return { ...base, status: 'passed' }
  const first = failed[0]
  const rule = /\((R\d+[a-z]?)\)/.exec(first?.interaction ?? '')?.[1] ?? 'R32'
  const setup = report.stateFailures.map((f) => `provider state ${f.action} failed for "${f.state}": ${f.message}`)
  const message = [
    `${failed.length}/${interactions.length} Pact interactions failed`,
    ...failed.map((i) => `- ${i.interaction} [given ${i.state}]\n    ${(i.mismatch ?? '').split('\n').join('\n    ')}`),
    ...setup,
  ].join('\n')
  return { ...base, status: 'failed', failure: { rule, message, step: 0, commands: [], transcript: [] } }
}
