// `conformance serve`: the wire stub as a local emulator over HTTP (`npm run serve` is the same command), so any
// SDK, the AWS CLI, or `conformance run --target http://…` can talk to it. Runs until SIGINT/SIGTERM.
// What it answers: the 13 Views API operations (views, versions, tags of view ARNs) for the instances it
// was given (or any well-formed id with --any-instance), and GET /_conformance/health for readiness
// probes. Connect's instance API (CreateInstance, ListInstances, DescribeInstance) is not served.
// With --state-file the state is restored at start and every change is appended to the file's journal before
// it is acknowledged (src/stub/state-journal.ts: the cost of a change is the change's, not the state's); the
// file is compacted now and then and on shutdown. --state-fsync also fsyncs each change (group commit).
// Adding an option: one .option() line in defineServeCommand, one field in ServeSettings, one line in
// serveSettings, and its use in serveCommand.
import type { Command } from 'commander'
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_INSTANCE_ID,
  DEFAULT_QUOTAS,
  DEFAULT_REGION,
  QUIRK_NAMES,
  ViewsModel,
  type Quotas,
} from '../model'
import { CLI_COMMAND } from '../package-files'
import {
  HEALTH_PATH,
  LIVE_LIKE_DEFAULTS as L,
  STUB_CREDENTIALS,
  StateFileError,
  StateJournal,
  startStubServer,
  type StubCoreOptions,
} from '../stub'
import { profileChoices } from '../choices/profile'
import { loadProfile } from '../choices/run-mode'
import {
  asDuration,
  asInteger,
  asList,
  asPositiveNumber,
  asQuirks,
  asSeed,
  asString,
  flagSource,
  type RawSettings,
} from '../settings'
import { EXIT, UsageError } from '../exit-codes'

export interface ServeSettings {
  port: number
  host: string
  region?: string
  accountId?: string
  /** Instances that exist from the start (default: the stub's one, DEFAULT_INSTANCE_ID). */
  instanceIds?: string[]
  /** Accept any well-formed instance id, creating the instance on first use. */
  anyInstance?: boolean
  /** Restore from and persist to this file (a snapshot plus a journal of changes). */
  stateFile?: string
  /** fsync every change before acknowledging it (durable against power loss; group commit). */
  stateFsync?: boolean
  verifySigv4: boolean
  quirks: string[]
  throttleRate?: number
  serverErrorRate?: number
  latencyMs?: number
  /** A choices profile (`conformance calibrate`) whose settled values the stub serves. */
  choices?: string
  /** Per-API token buckets and jittered latency like the real service (src/stub/live-like.ts defaults). */
  liveLike?: boolean
  /** Eventual consistency (src/stub/eventual.ts): reads see states up to this many ms old. */
  eventualMs?: number
  /** With eventualMs: the share of calls on a view younger than the window that answer ResourceNotFoundException. */
  eventualNotFound?: number
  /** With eventualMs: the seed of the choice of stale states. */
  eventualSeed?: number
  /** Quotas the model enforces (R22: 402 ServiceQuotaExceededException beyond them); the rest keep their defaults. */
  quotas?: Partial<Quotas>
}

const QUOTA_NAMES: Record<string, keyof Quotas> = { views: 'viewsPerInstance', versions: 'versionsPerView' }

/** `views=20 versions=5` (or comma-separated) → the model's quotas. */
function asQuotaList(v: Parameters<typeof asList>[0]): Partial<Quotas> {
  const out: Partial<Quotas> = {}
  for (const item of asList(v)) {
    const [name, value] = item.split('=')
    const key = QUOTA_NAMES[name ?? '']
    if (!key || value === undefined) throw new UsageError(`${v.source}: "${item}" is not views=<n> or versions=<n>`)
    out[key] = asInteger({ value, source: v.source }, 1, 1_000_000)
  }
  return out
}

const ACCOUNT_ID = /^\d{12}$/

/** Parses the commander options of `serve` (flags only: serve reads no env or config file, so AWS_REGION in a shell does not move the stub). */
export function serveSettings(o: RawSettings): ServeSettings {
  const src = flagSource(o)
  const rate = (name: string) => src.parsed(name, (v) => Math.min(1, asPositiveNumber(v)))
  const accountId = src.parsed('accountId', asString)
  if (accountId !== undefined && !ACCOUNT_ID.test(accountId))
    throw new UsageError(`--account-id: ${JSON.stringify(accountId)} is not a 12-digit AWS account id`)
  return {
    port: asInteger(src.get('port')!, 0, 65535),
    host: asString(src.get('host')!),
    region: src.parsed('region', asString),
    accountId,
    instanceIds: src.parsed('instanceId', (v) => [...new Set(asList(v))]),
    anyInstance: !!o.anyInstance,
    stateFile: src.parsed('stateFile', asString),
    stateFsync: !!o.stateFsync,
    verifySigv4: !!o.verifySigv4,
    quirks: src.parsed('quirk', asQuirks) ?? [],
    throttleRate: rate('throttleRate'),
    serverErrorRate: rate('serverErrorRate'),
    latencyMs: src.parsed('latencyMs', (v) => asInteger(v, 0, 60_000)),
    choices: src.parsed('choices', asString),
    liveLike: !!o.liveLike,
    quotas: src.parsed('quota', asQuotaList),
    ...eventualSettings(src),
  }
}

function eventualSettings(
  src: ReturnType<typeof flagSource>,
): Pick<ServeSettings, 'eventualMs' | 'eventualNotFound' | 'eventualSeed'> {
  const eventualMs = src.parsed('eventual', asDuration)
  const eventualNotFound = src.parsed('eventualNotFound', (v) => {
    const n = asPositiveNumber(v)
    if (n > 1) throw new UsageError(`${v.source}: ${JSON.stringify(v.value)} is not a share within 0..1`)
    return n
  })
  const eventualSeed = src.parsed('eventualSeed', asSeed)
  if (eventualMs === undefined && (eventualNotFound !== undefined || eventualSeed !== undefined))
    throw new UsageError(
      `${src.get(eventualNotFound !== undefined ? 'eventualNotFound' : 'eventualSeed')!.source}: needs --eventual <window>`,
    )
  return {
    ...(eventualMs !== undefined ? { eventualMs } : {}),
    ...(eventualNotFound !== undefined ? { eventualNotFound } : {}),
    ...(eventualSeed !== undefined ? { eventualSeed } : {}),
  }
}

export function defineServeCommand(
  root: Command,
  setCode: (code: number) => void,
  out: (line: string) => void,
): Command {
  return root
    .command('serve')
    .description('serve the stub over HTTP as a local emulator')
    .option('--port <n>', 'port (0 = any free one)', '8700')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--region <region>', `region the stub pretends to be (default ${DEFAULT_REGION})`)
    .option('--account-id <id>', `account id in ARNs (default ${DEFAULT_ACCOUNT_ID})`)
    .option('--instance-id <id...>', `instance(s) that exist, repeatable (default ${DEFAULT_INSTANCE_ID})`)
    .option('--any-instance', 'accept any well-formed (UUID) instance id, creating it on first use')
    .option('--state-file <file>', 'restore state from this file and journal every change to it before answering')
    .option(
      '--state-fsync',
      'with --state-file: fsync each change before answering (survives power loss; group commit)',
    )
    .option('--verify-sigv4', 'reject requests not signed with the stub credentials')
    .option('--quirk <name...>', `switch on named deviations: ${QUIRK_NAMES.join(', ')}`)
    .option('--throttle-rate <p>', 'fraction of calls answered 429')
    .option('--server-error-rate <p>', 'fraction of calls answered 500')
    .option('--latency-ms <ms>', 'delay added to every call')
    .option('--choices <file>', 'serve the choice values a profile settled (conformance calibrate)')
    .option(
      '--quota <name=n...>',
      `quotas the stub enforces, 402 ServiceQuotaExceededException beyond (views=<per instance>, versions=<per view>; default views=${DEFAULT_QUOTAS.viewsPerInstance} versions=${DEFAULT_QUOTAS.versionsPerView})`,
    )
    .option(
      '--live-like',
      'answer like the rationed service: per-API token buckets of 2 requests/s, burst 5 (429 beyond), 60±20 ms latency',
    )
    .option(
      '--eventual <window>',
      'eventually consistent reads, as Connect documents: each read sees a view as of one of its states written within this window (e.g. 2s), or the newest older one',
    )
    .option(
      '--eventual-not-found <share>',
      'with --eventual: the share of calls on a view younger than the window that answer ResourceNotFoundException (e.g. 0.25)',
    )
    .option('--eventual-seed <n>', 'with --eventual: seed of the choice of stale states (default 1)')
    .action(async (o: RawSettings) => setCode(await serveCommand(serveSettings(o), out)))
}

/** The model with its instances, restored from the state file when there is one, and the journal that keeps it. */
function buildModel(
  s: ServeSettings,
  region: string,
  accountId: string,
): { model: ViewsModel; journal?: StateJournal; restoredNote?: string } {
  const choices = s.choices ? profileChoices(loadProfile(s.choices, '--choices')) : undefined
  const model = new ViewsModel({
    region,
    accountId,
    instances: s.instanceIds ?? [DEFAULT_INSTANCE_ID],
    anyInstance: s.anyInstance,
    quirks: s.quirks,
    choices,
    ...(s.quotas ? { quotas: s.quotas } : {}),
  })
  if (!s.stateFile) return { model }
  try {
    // opening writes the file (or opens it for appending): fails now, not at the first change, when it cannot be written
    const { journal, restored } = StateJournal.open(s.stateFile, model, { fsync: !!s.stateFsync })
    const named = (s.instanceIds ?? []).filter((id) => !model.instances.includes(id))
    for (const id of named) model.addInstance(id) // named on this start: exist whatever the file holds
    if (named.length) journal.compact()
    const restoredNote = restored
      ? `restored ${restored.journalEntries} journal entries after the snapshot${restored.droppedTail ? '; dropped an incomplete last entry (a change that was never acknowledged)' : ''}`
      : undefined
    return { model, journal, restoredNote }
  } catch (e) {
    if (e instanceof StateFileError) throw new UsageError(`serve: ${e.message}`)
    throw e
  }
}

export async function serveCommand(s: ServeSettings, out: (line: string) => void): Promise<number> {
  const region = s.region ?? DEFAULT_REGION
  const accountId = s.accountId ?? DEFAULT_ACCOUNT_ID
  const { model, journal, restoredNote } = buildModel(s, region, accountId)
  const persist = journal
    ? (
        op: Parameters<StateJournal['afterChange']>[0],
        input: Record<string, unknown>,
        output: Record<string, unknown>,
        body: string,
      ) => journal.afterChange(op, input, output, body)
    : undefined
  const coreOptions: StubCoreOptions = {
    model,
    faults: {
      throttleRate: s.throttleRate ?? 0,
      serverErrorRate: s.serverErrorRate ?? 0,
      latencyMs: s.latencyMs ?? 0,
      seed: 1,
      liveLike: !!s.liveLike,
      ...(s.eventualMs !== undefined
        ? {
            eventual: {
              windowMs: s.eventualMs,
              notFoundRate: s.eventualNotFound ?? 0,
              seed: s.eventualSeed ?? 1,
            },
          }
        : {}),
    },
    verifySigV4: s.verifySigv4 ? { credentials: { ...STUB_CREDENTIALS }, region } : undefined,
    ...(persist ? { onChange: persist } : {}),
  }
  let server: Awaited<ReturnType<typeof startStubServer>>
  try {
    server = await startStubServer({ port: s.port, host: s.host, coreOptions })
  } catch (e) {
    throw new UsageError(`serve: cannot listen on ${s.host}:${s.port} (${(e as Error).message})`)
  }
  out(`Connect Views stub listening on ${server.url}
  region ${region} · account ${accountId} · instance ids ${model.instances.join(', ')}${s.anyInstance ? ' (+ any UUID on first use)' : ''} · quirks: ${s.quirks.join(', ') || 'none'}${s.choices ? ` · choices: ${s.choices}` : ''}
  answers the 13 Views API operations and GET ${HEALTH_PATH}; not Connect's instance API (CreateInstance, ListInstances, DescribeInstance)
  state: ${s.stateFile ? `${s.stateFile} (restored at start, every change journaled before it is answered${s.stateFsync ? ', fsync with group commit' : ''})${restoredNote ? `\n  ${restoredNote}` : ''}` : 'in memory only'} · quotas: ${model.options.quotas.viewsPerInstance} views per instance, ${model.options.quotas.versionsPerView} versions per view
  ${s.eventualMs !== undefined ? `eventually consistent: reads see states up to ${s.eventualMs} ms old${s.eventualNotFound ? `, ${s.eventualNotFound} of calls on views younger than that answer ResourceNotFoundException` : ''} (seed ${s.eventualSeed ?? 1})\n  ` : ''}${s.liveLike ? `live-like: per-API token buckets of ${L.ratePerSecond} requests/s, burst ${L.burst} (429 beyond), latency ${L.latencyMs}±${L.jitterMs} ms\n  ` : ''}SigV4 check: ${s.verifySigv4 ? `on (access key ${STUB_CREDENTIALS.accessKeyId}, secret '${STUB_CREDENTIALS.secretAccessKey}')` : 'off (any credentials are accepted)'}
  run against it:  ${CLI_COMMAND} run --target ${server.url} --instance-id ${model.instances[0] ?? DEFAULT_INSTANCE_ID} ${s.liveLike ? `--tps ${L.ratePerSecond} --burst ${L.burst}` : '--tps 200'}
  Ctrl-C stops the server.`)
  return new Promise<number>((resolve) => {
    const stop = (sig: string) => {
      out(`${sig}: closing (${server.core.counters.requests} requests served)`)
      server
        .close()
        .catch(() => {}) // connections that would not close: the journal is closed all the same
        .then(() => journal?.close())
        .then(
          () => resolve(EXIT.ok),
          (e) => {
            process.stderr.write(`conformance: ${(e as Error).message}\n`)
            resolve(EXIT.internal)
          },
        )
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
}
