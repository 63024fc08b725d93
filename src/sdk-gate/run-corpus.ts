// Runs the corpus through one SDK version and records, per case, the serialised request(s) and what the
// SDK made of the canned response, both in a normalised, JSON-comparable form.
import { CapturingHandler, type CapturedRequest } from './capturing-handler'
import type { GateCase } from './corpus'
import type { SdkUnderTest } from './sdk-under-test'

/** What a command returned or threw, reduced to what callers can observe and rely on. */
export type Outcome =
  | { readonly ok: true; readonly output: unknown; readonly $metadata: Readonly<Record<string, unknown>> }
  | {
      readonly ok: false
      readonly error: {
        /** constructor.name: the class callers catch (`instanceof`). */
        readonly class: string
        readonly serviceException: boolean
        readonly name: string
        readonly message: string
        readonly $fault?: unknown
        readonly $retryable?: unknown
        /** Modelled members (ResourceType, Reason, …) and anything else the SDK attached. */
        readonly members: Readonly<Record<string, unknown>>
        readonly $metadata?: Readonly<Record<string, unknown>>
      }
    }

export interface CaseRecord {
  readonly id: string
  readonly op: string
  readonly kind: GateCase['kind']
  readonly requests: readonly CapturedRequest[]
  readonly outcome: Outcome
}

/** Dates become `Date(<iso>)` so a Date and an ISO string stay distinguishable; undefined members vanish. */
export function normalizeValue(v: unknown): unknown {
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'Invalid' : v.toISOString()})`
  if (v instanceof Uint8Array) return `Bytes(${Buffer.from(v).toString('base64')})`
  if (Array.isArray(v)) return v.map(normalizeValue)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k]
      if (x !== undefined) out[k] = normalizeValue(x)
    }
    return out
  }
  if (typeof v === 'bigint') return `BigInt(${v})`
  return v
}

/**
 * $metadata members that follow from the canned response and the client config. extendedRequestId/cfId
 * are absent (undefined) here; totalRetryDelay is 0 with maxAttempts 1.
 */
function metadataOf(m: unknown): Record<string, unknown> | undefined {
  if (typeof m !== 'object' || m === null) return undefined
  const { httpStatusCode, requestId, attempts } = m as Record<string, unknown>
  return normalizeValue({ httpStatusCode, requestId, attempts }) as Record<string, unknown>
}

const ERROR_BOOKKEEPING = new Set(['$fault', '$retryable', '$metadata', '$response', 'name', 'message', 'stack'])

export function describeError(e: unknown, sdk: SdkUnderTest['sdk']): Outcome {
  if (!(e instanceof Error))
    return {
      ok: false,
      error: { class: typeof e, serviceException: false, name: 'non-Error', message: String(e), members: {} },
    }
  const rec = e as unknown as Record<string, unknown>
  const members: Record<string, unknown> = {}
  for (const k of Object.keys(e).sort())
    if (!ERROR_BOOKKEEPING.has(k) && rec[k] !== undefined) members[k] = normalizeValue(rec[k])
  const base = sdk.ConnectServiceException
  const metadata = metadataOf(rec.$metadata)
  return {
    ok: false,
    error: {
      class: e.constructor?.name ?? 'unknown',
      serviceException: typeof base === 'function' && e instanceof base,
      name: e.name,
      message: e.message,
      ...(rec.$fault !== undefined ? { $fault: rec.$fault } : {}),
      ...(rec.$retryable !== undefined ? { $retryable: normalizeValue(rec.$retryable) } : {}),
      members,
      ...(metadata ? { $metadata: metadata } : {}),
    },
  }
}

/** Static fake credentials: signing runs (the SDK's real pipeline) but the signature is never checked. */
const CREDENTIALS = { accessKeyId: 'CVCGATEACCESSKEY0000', secretAccessKey: 'gate/secret/not/real' }

export async function runCorpus(sut: SdkUnderTest, corpus: readonly GateCase[]): Promise<CaseRecord[]> {
  const capture = new CapturingHandler()
  const client = new sut.sdk.ConnectClient({
    region: 'us-east-1',
    credentials: CREDENTIALS,
    // One attempt: retries would add backoff time and make throttling/5xx cases depend on retry jitter.
    maxAttempts: 1,
    requestHandler: sut.wrapHandler ? sut.wrapHandler(capture) : capture,
  })
  const records: CaseRecord[] = []
  try {
    for (const c of corpus) {
      const Command = sut.sdk[`${c.op}Command`] as (new (input: unknown) => unknown) | undefined
      let outcome: Outcome
      capture.respondWith(c.response)
      if (typeof Command !== 'function') {
        outcome = {
          ok: false,
          error: {
            class: 'missing-command',
            serviceException: false,
            name: 'missing-command',
            message: `the SDK exports no ${c.op}Command`,
            members: {},
          },
        }
      } else {
        try {
          // structuredClone: the SDK must not be able to alter the shared corpus between the two runs
          const out = (await client.send(new Command(structuredClone(c.input)))) as Record<string, unknown>
          const { $metadata, ...rest } = out
          outcome = { ok: true, output: normalizeValue(rest), $metadata: metadataOf($metadata) ?? {} }
        } catch (e) {
          outcome = describeError(e, sut.sdk)
        }
      }
      records.push({ id: c.id, op: c.op, kind: c.kind, requests: capture.take(), outcome })
    }
  } finally {
    client.destroy()
  }
  return records
}
