// The stub's HTTP server as a Pact provider: SigV4 checking ON with credentials only the provider side
// knows, and a Target on it that arranges provider states through the API (guarded, run-tagged, cleaned up).
import { DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../../src/model/options'
import { startStubServer, type StubServer } from '../../src/stub'
import { createTarget } from '../../src/targets/create-target'
import type { Target } from '../../src/targets/target'

/** Provider-side credentials (the stub accepts only these); deliberately unlike the consumer's CVCPACTKEY. */
export const PROVIDER_CREDENTIALS = {
  accessKeyId: 'CVCPROVIDERKEY',
  secretAccessKey: 'cvc-provider-secret-not-real',
} as const

export interface StubProvider {
  server: StubServer
  target: Target
  close(): Promise<void>
}

export interface StubProviderOptions {
  /** Planted deviations (src/model/quirks.ts). */
  quirks?: string[]
  /** Answers to undocumented behaviour (src/choices/catalogue.ts). */
  choices?: Partial<Record<string, string>>
}

export async function startStubProvider(o: StubProviderOptions = {}): Promise<StubProvider> {
  const server = await startStubServer({
    port: 0,
    coreOptions: {
      modelOptions: { quirks: o.quirks ?? [], choices: o.choices ?? {} },
      verifySigV4: { credentials: PROVIDER_CREDENTIALS, region: DEFAULT_REGION },
    },
  })
  const target = await createTarget({
    target: server.url,
    instanceId: DEFAULT_INSTANCE_ID,
    region: DEFAULT_REGION,
    credentials: PROVIDER_CREDENTIALS,
    rate: { tps: 10_000, burst: 10_000 },
  })
  return {
    server,
    target,
    async close() {
      try {
        await target.close()
      } finally {
        await server.close()
      }
    },
  }
}

/** Customer-managed views left in the stub (read straight from the reference model, no request). */
export function customerViewsLeft(p: StubProvider): number {
  const out = p.server.core.model.invoke('ListViews', { InstanceId: p.target.instanceId, Type: 'CUSTOMER_MANAGED' })
  return (out.ViewsSummaryList as unknown[]).length
}
