import { randomUUID, randomBytes } from 'node:crypto'
import { resolveChoices, type Choices } from '../choices/catalogue'
import { parseQuirks, type QuirkName } from './quirks'

export const DEFAULT_REGION = 'us-east-1'
export const DEFAULT_ACCOUNT_ID = '123456789012'
/** The instance every stub starts with, so zero-setup runs have somewhere to create views. */
export const DEFAULT_INSTANCE_ID = '11111111-2222-4333-8444-555555555555'

export interface Quotas {
  /** Customer-managed views per instance (R22; real value undocumented). */
  viewsPerInstance: number
  /** Existing numbered versions per view (R22; real value undocumented). */
  versionsPerView: number
}
export const DEFAULT_QUOTAS: Readonly<Quotas> = { viewsPerInstance: 500, versionsPerView: 100 }

export interface ModelOptions {
  region?: string
  accountId?: string
  partition?: string
  /** Instance ids that exist. Default: [DEFAULT_INSTANCE_ID]. */
  instances?: readonly string[]
  quotas?: Partial<Quotas>
  /** Overrides of the undocumented choices (src/choices/catalogue.ts). */
  choices?: Partial<Record<string, string>>
  quirks?: Iterable<string>
  /** Epoch milliseconds. Injected so the model stays deterministic in tests. */
  now?: () => number
  /** New view ids. Injected for determinism; default random UUIDs. */
  newId?: () => string
  /** Key that signs NextTokens (tamper evidence). Default: random per model. */
  tokenSecret?: string
  /** Seed the AWS-managed views (R8). Default true. */
  awsManagedViews?: boolean
  /** Accept any well-formed instance id (a lowercase UUID), creating the instance on first use. Default false. */
  anyInstance?: boolean
}

export interface ResolvedOptions {
  region: string
  accountId: string
  partition: string
  instances: readonly string[]
  quotas: Quotas
  choices: Choices
  quirks: ReadonlySet<QuirkName>
  now: () => number
  newId: () => string
  tokenSecret: string
  awsManagedViews: boolean
  anyInstance: boolean
}

export function resolveOptions(o: ModelOptions = {}): ResolvedOptions {
  return {
    region: o.region ?? DEFAULT_REGION,
    accountId: o.accountId ?? DEFAULT_ACCOUNT_ID,
    partition: o.partition ?? 'aws',
    instances: o.instances ?? [DEFAULT_INSTANCE_ID],
    quotas: { ...DEFAULT_QUOTAS, ...o.quotas },
    choices: resolveChoices(o.choices),
    quirks: parseQuirks(o.quirks ?? []),
    now: o.now ?? Date.now,
    newId: o.newId ?? randomUUID,
    tokenSecret: o.tokenSecret ?? randomBytes(16).toString('hex'),
    awsManagedViews: o.awsManagedViews ?? true,
    anyInstance: o.anyInstance ?? false,
  }
}

/** Deterministic clock and ids for tests and replays: time advances 1 s per call, ids count up. */
export function deterministicOptions(
  start = Date.UTC(2026, 0, 1),
): Pick<ModelOptions, 'now' | 'newId' | 'tokenSecret'> {
  let t = start
  let n = 0
  return {
    now: () => (t += 1000),
    newId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
    tokenSecret: 'deterministic',
  }
}
