// What `serve --state-file` costs, side by side with a server that keeps its state in memory only:
// 1. creates/s of 20 KB views at 0, 200 and 400 views already held, through the HTTP server (each server a
//    `conformance serve` child process, driven by the same SDK clients; windows alternate between servers, in a
//    rotating order, so background load hits all of them alike; the median window counts), and the server's
//    own CPU time per create (from /proc: what the rate would be on an idle core, less sensitive to a busy
//    machine than wall-clock rates; summed over the windows). A window's views are deleted after it (not
//    timed), so the level holds;
// 2. restart time with 500 views × 20 KB × 5 versions (distinct contents): reading the file into the model in
//    process (wall and CPU), and `serve --state-file` from spawn to its first answer, beside an empty state:
//    the CLI run from source through tsx (as in a clone: seconds of compiling before any state is read) and,
//    when `npm run build` has made dist/cli.js, the built CLI (as installed from npm).
// Usage: npx tsx bench/persistence.ts [--window 100] [--rounds 5] [--workers 4] [--json out/bench/persistence.json] [--md out/bench/persistence.md]
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConnectClient, CreateViewCommand, DeleteViewCommand } from '@aws-sdk/client-connect'
import { ViewsModel } from '../src/model'
import { createStubCore, HEALTH_PATH, readStateFile, STUB_CREDENTIALS, StateJournal } from '../src/stub'
import { benchArgs } from './support/bench-args'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
const args = benchArgs(['window', 'rounds', 'workers', 'json', 'md'])
const WINDOW = args.int('window', 100)
const ROUNDS = args.int('rounds', 5)
const WORKERS = args.int('workers', 4)
const LEVELS = [0, 200, 400]
const REPO = fileURLToPath(new URL('..', import.meta.url))
const FILL_INSTANCE = '11111111-2222-4333-8444-555555555555'
const dir = mkdtempSync(join(tmpdir(), 'cvc-persistence-'))

/** A 20 KB template, distinct per call. */
let serial = 0
function content(): { Template: string; Actions: string[] } {
  const n = serial++
  return { Template: JSON.stringify({ Head: { Title: `t${n}` }, Body: 'x'.repeat(20_000 - 40) }), Actions: [`A${n}`] }
}

interface Server {
  name: string
  url: string
  child: ChildProcess
  client: ConnectClient
}

/** How the CLI is started: from source through tsx, or the build in dist/. */
type Cli = 'tsx' | 'built'
const CLI_ARGS: Record<Cli, string[]> = { tsx: ['--import', 'tsx', 'src/cli.ts'], built: ['dist/cli.js'] }
const BUILT = existsSync(join(REPO, 'dist', 'cli.js'))

function spawnServe(flags: string[], cli: Cli = 'tsx'): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [...CLI_ARGS[cli], 'serve', '--port', '0', ...flags], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = new Promise<string>((resolve, reject) => {
    let seen = ''
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString()
      const m = /listening on (http:\/\/\S+)/.exec(seen)
      if (m) resolve(m[1]!)
    })
    child.on('exit', () => reject(new Error(`serve exited: ${seen}`)))
  })
  return { child, url }
}

async function start(name: string, flags: string[]): Promise<Server> {
  const { child, url } = spawnServe(['--any-instance', ...flags])
  const u = await url
  return {
    name,
    url: u,
    child,
    // 3 attempts: a keep-alive socket the server closed while idle between windows is retried, not fatal
    client: new ConnectClient({ endpoint: u, region: 'us-east-1', credentials: STUB_CREDENTIALS, maxAttempts: 3 }),
  }
}

/** Creates `count` views; the rate, and their ids. */
async function creates(s: Server, instance: string, count: number): Promise<{ rate: number; ids: string[] }> {
  let next = 0
  const ids: string[] = []
  const started = performance.now()
  const worker = async () => {
    while (next < count) {
      next++
      const out = await s.client.send(
        new CreateViewCommand({ InstanceId: instance, Name: `v${serial}`, Status: 'PUBLISHED', Content: content() }),
      )
      ids.push(out.View!.Id!)
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
  return { rate: count / ((performance.now() - started) / 1000), ids }
}

async function remove(s: Server, instance: string, ids: string[]): Promise<void> {
  const worker = async () => {
    for (let id = ids.pop(); id !== undefined; id = ids.pop())
      await s.client.send(new DeleteViewCommand({ InstanceId: instance, ViewId: id }))
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
}

/** CPU time (user + system) of a child process so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ 100)
}

const uuid = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function throughput() {
  const servers = [
    await start('in memory', []),
    await start('--state-file', ['--state-file', join(dir, 'file.jsonl')]),
    await start('--state-file --state-fsync', ['--state-file', join(dir, 'fsync.jsonl'), '--state-fsync']),
  ]
  const rows: { level: number; rates: Record<string, number>; cpuMsPerCreate: Record<string, number> }[] = []
  let held = 0
  let instance = 0
  try {
    for (const level of LEVELS) {
      // fill every server to the level (in the fill instance; windows create in fresh ones: no quota in the way)
      for (const s of servers) await creates(s, FILL_INSTANCE, level - held)
      held = level
      instance++
      for (const s of servers) await remove(s, uuid(instance), (await creates(s, uuid(instance), WINDOW)).ids) // warm-up
      const samples: Record<string, number[]> = Object.fromEntries(servers.map((s) => [s.name, []]))
      const cpu: Record<string, number> = Object.fromEntries(servers.map((s) => [s.name, 0]))
      for (let r = 0; r < ROUNDS; r++) {
        instance++
        for (let k = 0; k < servers.length; k++) {
          const s = servers[(r + k) % servers.length]!
          const before = cpuMs(s.child.pid!)
          const w = await creates(s, uuid(instance), WINDOW)
          cpu[s.name]! += cpuMs(s.child.pid!) - before
          samples[s.name]!.push(w.rate)
          await remove(s, uuid(instance), w.ids)
        }
      }
      const rates = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
      const cpuMsPerCreate = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / (ROUNDS * WINDOW)]))
      rows.push({ level, rates, cpuMsPerCreate })
      console.log(JSON.stringify({ level, rates, cpuMsPerCreate }))
    }
  } finally {
    for (const s of servers) {
      s.client.destroy()
      s.child.kill('SIGTERM')
    }
  }
  return { rows, sizes: { file: statSync(join(dir, 'file.jsonl')).size } }
}

/** 500 views × 5 versions of distinct 20 KB contents, written through the journal as a server would. */
function buildRestartState(file: string): { views: number; versions: number; bytes: number; journalBytes: number } {
  const model = new ViewsModel({ instances: [FILL_INSTANCE] })
  const { journal } = StateJournal.open(file, model)
  let versions = 0
  const call = (op: Parameters<ViewsModel['invoke']>[0], input: Record<string, unknown>) => {
    const out = model.invoke(op, input)
    void journal.afterChange(op, input, out)
    return out
  }
  for (let i = 0; i < 500; i++) {
    const v = call('CreateView', { InstanceId: FILL_INSTANCE, Name: `r${i}`, Status: 'PUBLISHED', Content: content() })
    const ViewId = (v.View as { Id: string }).Id
    for (let n = 0; n < 5; n++) {
      if (n > 0)
        call('UpdateViewContent', { InstanceId: FILL_INSTANCE, ViewId, Status: 'PUBLISHED', Content: content() })
      call('CreateViewVersion', { InstanceId: FILL_INSTANCE, ViewId })
      versions++
    }
  }
  const read = readStateFile(file, { region: 'us-east-1', accountId: '123456789012' })!
  return { views: 500, versions, bytes: statSync(file).size, journalBytes: read.journalBytes }
}

function loadMs(file: string): { wall: number; cpu: number } {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const model = new ViewsModel({ instances: [FILL_INSTANCE] })
  StateJournal.open(file, model)
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 }
}

function medianLoad(file: string): { wall: number; cpu: number } {
  const runs = [1, 2, 3, 4, 5].map(() => loadMs(file))
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) }
}

/** From spawn to the first answer of the health route. */
async function timeToReady(flags: string[], cli: Cli): Promise<number> {
  const started = performance.now()
  const { child, url } = spawnServe(flags, cli)
  const u = await url
  await fetch(`${u}${HEALTH_PATH}`)
  const ms = performance.now() - started
  child.kill('SIGKILL') // no compaction on the way out: the next start reads the same file
  await new Promise((r) => child.once('exit', r))
  return ms
}

async function restart() {
  const journaled = join(dir, 'restart-journal.jsonl')
  const built = buildRestartState(journaled)
  const compacted = join(dir, 'restart-compacted.jsonl')
  {
    const model = new ViewsModel({ instances: [FILL_INSTANCE] })
    const { journal } = StateJournal.open(journaled, model)
    StateJournal.open(compacted, model) // writes the restored state as one snapshot
    void journal
  }
  const out = {
    built,
    compactedBytes: statSync(compacted).size,
    loadMs: { asWritten: medianLoad(journaled), compacted: medianLoad(compacted) },
    serveReadyMs: {} as Partial<Record<Cli, { empty: number; asWritten: number; compacted: number }>>,
  }
  for (const cli of BUILT ? (['tsx', 'built'] as const) : (['tsx'] as const)) {
    // alternating, so a busy spell on the machine hits each alike
    const ready: Record<'empty' | 'asWritten' | 'compacted', number[]> = { empty: [], asWritten: [], compacted: [] }
    for (let r = 0; r < 3; r++) {
      ready.empty.push(await timeToReady([], cli))
      ready.asWritten.push(await timeToReady(['--state-file', journaled], cli))
      ready.compacted.push(await timeToReady(['--state-file', compacted], cli))
    }
    out.serveReadyMs[cli] = {
      empty: median(ready.empty),
      asWritten: median(ready.asWritten),
      compacted: median(ready.compacted),
    }
  }
  console.log(JSON.stringify(out))
  return out
}

/**
 * The server's own work per create, without HTTP or a client beside it: the stub core answering CreateView wire
 * requests (in process), with and without the journal, rounds alternating, CPU time; the median round counts.
 */
async function coreWork(): Promise<{ level: number; inMemoryMs: number; journalMs: number }[]> {
  const out: { level: number; inMemoryMs: number; journalMs: number }[] = []
  const cores = [false, true].map((journaled) => {
    const model = new ViewsModel({ instances: [FILL_INSTANCE], anyInstance: true })
    const journal = journaled ? StateJournal.open(join(dir, 'core.jsonl'), model).journal : undefined
    return createStubCore({
      model,
      ...(journal ? { onChange: (op, input, output, body) => journal.afterChange(op, input, output, body) } : {}),
    })
  })
  const request = (instance: string) => ({
    method: 'PUT',
    path: `/views/${instance}`,
    query: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Name: `c${serial}`, Status: 'PUBLISHED', Content: content() }),
  })
  let held = 0
  for (const level of LEVELS) {
    for (const core of cores) for (let i = held; i < level; i++) await core.handle(request(FILL_INSTANCE))
    held = level
    const rounds: [number[], number[]] = [[], []]
    for (let r = 0; r < 2 * ROUNDS + 1; r++) {
      for (const [k, core] of cores.entries()) {
        const instance = uuid(1000 + r)
        const cpu = process.cpuUsage()
        for (let i = 0; i < WINDOW; i++) await core.handle(request(instance))
        const used = process.cpuUsage(cpu)
        rounds[k]!.push((used.user + used.system) / 1000 / WINDOW)
      }
    }
    out.push({ level, inMemoryMs: median(rounds[0]), journalMs: median(rounds[1]) })
    console.log(JSON.stringify(out.at(-1)))
  }
  return out
}

async function main() {
  const work = await coreWork()
  const t = await throughput()
  const r = await restart()
  const names = Object.keys(t.rows[0]!.rates)
  const md = [
    'Server work per 20 KB create, in process (the stub core, no HTTP, no client beside it; CPU, median round)',
    '',
    '| views held | in memory | with the journal | in memory / journal (the creates/s ratio a CPU-bound server would reach) |',
    '|---:|---:|---:|---:|',
    ...work.map(
      (w) =>
        `| ${w.level} | ${w.inMemoryMs.toFixed(3)} ms | ${w.journalMs.toFixed(3)} ms | ${((100 * w.inMemoryMs) / w.journalMs).toFixed(0)} % |`,
    ),
    '',
    `Creates/s of 20 KB views through \`conformance serve\` (${WORKERS} concurrent SDK clients, median of ${ROUNDS} windows of ${WINDOW} creates, servers side by side)`,
    '',
    `| views held | ${names.join(' | ')} | --state-file / in memory | server CPU per create: ${names.join(' / ')} | --state-file / in memory, by CPU |`,
    `|---:|${names.map(() => '---:').join('|')}|---:|---:|---:|`,
    ...t.rows.map(
      (row) =>
        `| ${row.level} | ${names.map((n) => row.rates[n]!.toFixed(0)).join(' | ')} | ${((100 * row.rates['--state-file']!) / row.rates['in memory']!).toFixed(0)} % | ${names.map((n) => row.cpuMsPerCreate[n]!.toFixed(2)).join(' / ')} ms | ${((100 * row.cpuMsPerCreate['in memory']!) / row.cpuMsPerCreate['--state-file']!).toFixed(0)} % |`,
    ),
    '',
    `Restart with ${r.built.views} views × 5 versions of distinct 20 KB contents (${r.built.versions} versions): file as the journal left it ${(r.built.bytes / 1e6).toFixed(1)} MB (${(r.built.journalBytes / 1e6).toFixed(1)} MB of it journal), compacted ${(r.compactedBytes / 1e6).toFixed(1)} MB`,
    '',
    '| | as written (snapshot + journal) | compacted | empty state |',
    '|---|---:|---:|---:|',
    `| read into the model (in process), wall | ${r.loadMs.asWritten.wall.toFixed(0)} ms | ${r.loadMs.compacted.wall.toFixed(0)} ms | |`,
    `| read into the model (in process), CPU | ${r.loadMs.asWritten.cpu.toFixed(0)} ms | ${r.loadMs.compacted.cpu.toFixed(0)} ms | |`,
    ...Object.entries(r.serveReadyMs).map(
      ([cli, ms]) =>
        `| \`serve --state-file\` spawn → first answer, ${cli === 'built' ? 'built CLI (dist/)' : 'from source (tsx)'} | ${ms.asWritten.toFixed(0)} ms | ${ms.compacted.toFixed(0)} ms | ${ms.empty.toFixed(0)} ms |`,
    ),
  ].join('\n')
  console.log(md)
  for (const [file, text] of [
    [args.text('json'), JSON.stringify({ coreWork: work, throughput: t, restart: r }, null, 2)],
    [args.text('md'), md],
  ] as const) {
    if (!file) continue
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text + '\n')
  }
  rmSync(dir, { recursive: true, force: true })
}

await main()
