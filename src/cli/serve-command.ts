// `conformance serve`: the wire stub as a local emulator over HTTP (`npm run serve` is the same command), so any
// SDK, the AWS CLI, or `conformance run --target http://…` can talk to it. Runs until SIGINT/SIGTERM.
import { DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../model'
import { STUB_CREDENTIALS, startStubServer, type StubCoreOptions } from '../stub'
import { UsageError } from './exit-codes'

export interface ServeSettings {
  port: number
  host: string
  region?: string
  verifySigv4: boolean
  quirks: string[]
  throttleRate?: number
  serverErrorRate?: number
  latencyMs?: number
}

export async function serveCommand(s: ServeSettings, out: (line: string) => void): Promise<number> {
  const region = s.region ?? DEFAULT_REGION
  const coreOptions: StubCoreOptions = {
    modelOptions: { region, quirks: s.quirks },
    faults: { throttleRate: s.throttleRate ?? 0, serverErrorRate: s.serverErrorRate ?? 0, latencyMs: s.latencyMs ?? 0, seed: 1 },
    verifySigV4: s.verifySigv4 ? { credentials: { ...STUB_CREDENTIALS }, region } : undefined,
  }
  let server: Awaited<ReturnType<typeof startStubServer>>
  try {
    server = await startStubServer({ port: s.port, host: s.host, coreOptions })
  } catch (e) {
    throw new UsageError(`serve: cannot listen on ${s.host}:${s.port} (${(e as Error).message})`)
  }
  out(`Connect Views stub listening on ${server.url}
  region ${region} · instance id ${DEFAULT_INSTANCE_ID} · quirks: ${s.quirks.join(', ') || 'none'}
  SigV4 check: ${s.verifySigv4 ? `on (access key ${STUB_CREDENTIALS.accessKeyId}, secret '${STUB_CREDENTIALS.secretAccessKey}')` : 'off (any credentials are accepted)'}
  run against it:  npm run conformance -- run --target ${server.url} --tps 200
  Ctrl-C stops the server.`)
  return new Promise<number>((resolve) => {
    const stop = (sig: string) => {
      out(`${sig}: closing (${server.core.counters.requests} requests served)`)
      server.close().finally(() => resolve(0))
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
}
