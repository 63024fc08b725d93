// The three ways a ConnectClient reaches the stub core, behind one interface so the scenario table runs
// unchanged on each: the in-process HttpHandler, msw's setupServer, and the node:http server via `endpoint`.
import { ConnectClient } from '@aws-sdk/client-connect'
import { setupServer } from 'msw/node'
import {
  STUB_CREDENTIALS,
  createStubClient,
  createStubHandlers,
  startStubServer,
  type StubCore,
} from '../../../src/stub'

export interface Connection {
  readonly client: ConnectClient
  close(): Promise<void>
}

export interface Transport {
  readonly name: string
  /** Once per transport, before its scenarios. */
  setup(): Promise<void>
  teardown(): Promise<void>
  /** A client whose calls reach `core`. */
  connect(core: StubCore): Promise<Connection>
}

const REGION = 'us-east-1'

export const inProcessTransport: Transport = {
  name: 'in-process HttpHandler',
  setup: async () => {},
  teardown: async () => {},
  connect: async (core) => {
    const { client } = createStubClient({ core })
    return { client, close: async () => client.destroy() }
  },
}

const mswServer = setupServer()
export const mswTransport: Transport = {
  name: 'msw setupServer',
  // 'error': a request the stub handlers do not claim is a test bug, not something to pass to the network.
  setup: async () => mswServer.listen({ onUnhandledRequest: 'error' }),
  teardown: async () => mswServer.close(),
  connect: async (core) => {
    mswServer.use(...createStubHandlers(core))
    const client = new ConnectClient({ region: REGION, credentials: STUB_CREDENTIALS, maxAttempts: 1 })
    return {
      client,
      close: async () => {
        client.destroy()
        mswServer.resetHandlers()
      },
    }
  },
}

export const httpServerTransport: Transport = {
  name: 'node:http server via endpoint',
  setup: async () => {},
  teardown: async () => {},
  connect: async (core) => {
    const server = await startStubServer({ core })
    const client = new ConnectClient({
      region: REGION,
      credentials: STUB_CREDENTIALS,
      endpoint: server.url,
      maxAttempts: 1,
    })
    return {
      client,
      close: async () => {
        client.destroy()
        await server.close()
      },
    }
  },
}

export const TRANSPORTS: readonly Transport[] = [inProcessTransport, mswTransport, httpServerTransport]
