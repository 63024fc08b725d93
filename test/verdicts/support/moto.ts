// moto's server (Python), the public emulator with some Connect support, for the tests that run against an
// incomplete emulator: started on a free loopback port, with a Connect instance created through its own
// CreateInstance (moto generates the id), as an emulator job would. Skipped, with the reason, where moto is
// not installed.
import { spawn, spawnSync } from 'node:child_process'
import { ConnectClient, CreateInstanceCommand } from '@aws-sdk/client-connect'
import { freePort } from '../../cli/support/cli'

export const motoMissing =
  spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' }).status !== 0
    ? 'moto is not installed (pip install "moto[server]")'
    : undefined

export interface Moto {
  url: string
  instanceId: string
  stop(): void
}

async function waitForHttp(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms
  for (;;) {
    try {
      await fetch(url)
      return
    } catch (e) {
      if (Date.now() > until) throw new Error(`moto did not start at ${url}: ${(e as Error).message}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
  try {
    await waitForHttp(url, 20_000)
    const client = new ConnectClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    const instance = await client.send(
      new CreateInstanceCommand({
        IdentityManagementType: 'CONNECT_MANAGED',
        InstanceAlias: `cvc-${port}`,
        InboundCallsEnabled: true,
        OutboundCallsEnabled: true,
      }),
    )
    client.destroy()
    return { url, instanceId: instance.Id!, stop: () => void moto.kill('SIGTERM') }
  } catch (e) {
    moto.kill('SIGTERM')
    throw e
  }
}

/** `conformance run` against moto with a time budget (what an emulator job runs), and any extra flags. */
export function motoRunArgs(moto: Moto, seed: number, out: string, extra: readonly string[] = []): string[] {
  return [
    'run',
    '--target',
    moto.url,
    '--instance-id',
    moto.instanceId,
    '--seed',
    String(seed),
    '--time-budget',
    '30s',
    '--out',
    out,
    ...extra,
  ]
}
