// A stub HTTP server and an endpoint target on it, closed after every test of the file that asks for them:
// the target first, since its clean-up still calls the server.
import { afterEach } from 'vitest'
import { startStubServer, type StubServer, type StubServerOptions } from '../../../src/stub'
import { createTarget, type TargetConfig } from '../../../src/targets/create-target'
import type { Target } from '../../../src/targets/target'

export interface EndpointFixture {
  server?: StubServer
  target?: Target
  /** Starts a server and opens an endpoint target on it (both closed after the test). */
  open(
    serverOptions?: StubServerOptions,
    targetConfig?: Omit<TargetConfig, 'target'>,
  ): Promise<{ server: StubServer; target: Target }>
  /** Closes the target now (its final clean-up), keeping the server up for inspection. */
  closeTarget(): Promise<void>
}

export function endpointFixture(): EndpointFixture {
  const fx: EndpointFixture = {
    async open(serverOptions, targetConfig) {
      const server = (fx.server = await startStubServer(serverOptions))
      const target = (fx.target = await createTarget({ ...targetConfig, target: server.url }))
      return { server, target }
    },
    async closeTarget() {
      await fx.target?.close()
      fx.target = undefined
    },
  }
  afterEach(async () => {
    await fx.closeTarget()
    await fx.server?.close()
    fx.server = undefined
  })
  return fx
}
