// `npm run serve -- --port 8700 [--host H] [--verify-sigv4] [--quirk name ...]`
// Runs the wire stub as a real HTTP server so boto3, the AWS CLI or any SDK can talk to it via an endpoint URL.
import { Command, InvalidArgumentError } from 'commander'
import { DEFAULT_INSTANCE_ID, DEFAULT_REGION, QUIRK_NAMES } from '../src/model'
import { STUB_CREDENTIALS, startStubServer, type StubCoreOptions } from '../src/stub'

function number(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v)
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number in ${min}..${max}`)
    return n
  }
}

const program = new Command()
  .name('serve')
  .description('Serve the Amazon Connect Views API stub over HTTP')
  .option('--port <n>', 'port to listen on (0 = any free port)', number('port', 0, 65535), 8700)
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option('--region <region>', 'region the stub pretends to be', DEFAULT_REGION)
  .option('--verify-sigv4', 'reject requests not signed with the stub credentials', false)
  .option('--access-key-id <id>', 'access key id accepted with --verify-sigv4', STUB_CREDENTIALS.accessKeyId)
  .option('--secret-access-key <key>', 'secret key accepted with --verify-sigv4', STUB_CREDENTIALS.secretAccessKey)
  .option('--quirk <name...>', `switch on named deviations (${QUIRK_NAMES.join(', ')})`, [] as string[])
  .option('--throttle-rate <p>', 'fraction of calls answered 429', number('throttle-rate', 0, 1), 0)
  .option('--server-error-rate <p>', 'fraction of calls answered 500', number('server-error-rate', 0, 1), 0)
  .option('--latency-ms <ms>', 'delay added to every call', number('latency-ms', 0, 60_000), 0)
  .option('--seed <n>', 'seed of the fault PRNG', number('seed', 0, 2 ** 32 - 1), 1)
  .parse()

const o = program.opts<{
  port: number; host: string; region: string; verifySigv4: boolean; accessKeyId: string; secretAccessKey: string
  quirk: string[]; throttleRate: number; serverErrorRate: number; latencyMs: number; seed: number
}>()

const credentials = { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey }
const coreOptions: StubCoreOptions = {
  // Unknown quirk names fail here, inside resolveOptions, with the list of known ones.
  modelOptions: { region: o.region, quirks: o.quirk },
  faults: { throttleRate: o.throttleRate, serverErrorRate: o.serverErrorRate, latencyMs: o.latencyMs, seed: o.seed },
  verifySigV4: o.verifySigv4 ? { credentials, region: o.region } : undefined,
}

let server: Awaited<ReturnType<typeof startStubServer>>
try {
  server = await startStubServer({ port: o.port, host: o.host, coreOptions })
} catch (e) {
  console.error(`serve: ${(e as Error).message}`)
  process.exit(1)
}

console.log(`Connect Views stub listening on ${server.url}
  region:       ${o.region}
  instance id:  ${DEFAULT_INSTANCE_ID}
  sigv4 check:  ${o.verifySigv4 ? `on (access key ${credentials.accessKeyId})` : 'off (any credentials are accepted)'}
  quirks:       ${o.quirk.length ? o.quirk.join(', ') : 'none'}

AWS CLI:
  AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY='${credentials.secretAccessKey}' \\
  aws connect list-views --endpoint-url ${server.url} --region ${o.region} --instance-id ${DEFAULT_INSTANCE_ID}

boto3:
  boto3.client('connect', endpoint_url='${server.url}', region_name='${o.region}',
               aws_access_key_id='${credentials.accessKeyId}', aws_secret_access_key='${credentials.secretAccessKey}')

JS SDK v3:
  new ConnectClient({ endpoint: '${server.url}', region: '${o.region}', credentials: { accessKeyId: '${credentials.accessKeyId}', secretAccessKey: '${credentials.secretAccessKey}' } })

Ctrl-C stops the server.`)

let closing = false
async function shutdown(signal: string): Promise<void> {
  if (closing) return
  closing = true
  console.log(`\n${signal}: closing (${server.core.counters.requests} requests served)`)
  await server.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
