// The transport-free heart of the stub: (method, raw path, query, headers, body) → (status, headers, body).
// Every adapter (in-process SDK handler, msw, node:http) only converts to and from WireRequest/WireResponse;
// all wire behaviour lives here and in the modules it calls.
//
// Order of checks, each answering before the next runs:
//   1. body size (413)          — cheapest, and a huge body should not be hashed for the signature
//   2. SigV4 (opt-in, 403)      — AWS authenticates before it routes or parses
//   3. routing (404/405)
//   4. faults (latency, forced errors, throttling, 500) — before decoding and the model, so they never change state
//   5. decoding (400 SerializationException)
//   6. the model (200 or its ModelError), then the output-side wire quirks; with faults.eventual (or the
//      never-converges quirk) reads are answered from the states they may still see (eventual.ts)
// handle() never throws: an unexpected exception becomes 500 InternalServiceException and is counted in
// counters.unexpectedErrors, so tests can assert that none happened.
import { setImmediate as nextMacrotask } from 'node:timers/promises'
import type { OperationName } from '../spec'
import { ViewsModel, isModelError, type ModelOptions } from '../model'
import { profileChoices, type ChoicesProfile } from '../choices/profile'
import { EventualReads, READ_OPERATIONS } from './eventual'
import { FaultInjector, type FaultOptions } from './faults'
import { decodeRequest } from './request-decoding'
import { encodeError, encodeSuccess, newRequestId } from './response-encoding'
import { matchRoute } from './router'
import { createSigV4Checker, type SigV4Checker, type SigV4CheckOptions } from './sigv4-check'
import { applyOutputQuirks, notFoundPage } from './wire-quirks'
import { WireError, type WireRequest, type WireResponse } from './wire-types'

/** 1 MiB: a 400 KB view (R20) fits even when JSON escaping doubles it; AWS's API front ends cap bodies similarly. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

export interface StubCoreOptions {
  /** Use this model (shared state); otherwise a new ViewsModel(modelOptions) is created. */
  model?: ViewsModel
  modelOptions?: ModelOptions
  /** Serve the values a calibration settled (`conformance calibrate`); modelOptions.choices win over it; unused with `model`. */
  choicesProfile?: Pick<ChoicesProfile, 'settled'> & Partial<Pick<ChoicesProfile, 'unsettled'>>
  faults?: FaultOptions
  /** Verify SigV4 signatures with these credentials; off when absent. */
  verifySigV4?: SigV4CheckOptions
  /** Bodies larger than this many UTF-8 bytes get 413. Default 1 MiB. */
  maxBodyBytes?: number
  /** Request id generator (injectable for golden tests). Default random UUIDs. */
  requestId?: () => string
  /**
   * Called after an operation that changes state succeeded in the model, synchronously (nothing else runs
   * between the change and the call) and before its answer is returned; a promise it returns is awaited before
   * answering (so persisting the state, e.g. a group fsync, happens before the client sees the success). If it
   * throws or rejects, the call is answered 500 and counted in counters.unexpectedErrors. `body` is the
   * request's body as received (the state file writes a content from it instead of serialising it again).
   */
  onChange?: (
    op: OperationName,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    body: string,
  ) => void | Promise<void>
  /**
   * Answer these operations like an emulator that lacks them: an HTML 404 page (what moto's server answers
   * for the view routes) or UnknownOperationException. For testing how a harness reports an incomplete target.
   */
  missingOperations?: readonly OperationName[]
  missingAs?: 'html-404' | 'unknown-operation'
}

function missingOperationAnswer(op: OperationName, as: StubCoreOptions['missingAs'], id: string): WireResponse {
  if (as === 'unknown-operation') {
    return encodeError(
      new WireError('UnknownOperationException', `Operation ${op} is not supported by this emulator`),
      id,
      404,
    )
  }
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html>\n<html><title>404 Not Found</title><h1>Not Found</h1></html>\n',
  }
}

/** Operations that only read: everything else may change the model's state. */
const READ_ONLY = READ_OPERATIONS

export interface StubCounters {
  requests: number
  /** Answers by HTTP status. */
  byStatus: Record<number, number>
  /** Routed calls by operation (counted before faults and decoding). */
  byOperation: Partial<Record<OperationName, number>>
  /** Error answers by x-amzn-errortype. */
  byError: Record<string, number>
  /** Exceptions that were neither ModelError nor WireError: stub or model bugs answered with 500. Should stay 0. */
  unexpectedErrors: number
}

export interface StubCore {
  /** Answers one request. Never throws. */
  handle(req: WireRequest): Promise<WireResponse>
  readonly model: ViewsModel
  readonly faults: FaultInjector
  /** Bodies above this many bytes are answered 413 (adapters stop buffering just past it). */
  readonly maxBodyBytes: number
  readonly counters: Readonly<StubCounters>
  /** The last few unexpected exceptions (newest last), for debugging a non-zero counters.unexpectedErrors. */
  readonly unexpectedErrorLog: readonly unknown[]
  /** Model state back to its initial contents, counters zeroed, faults re-armed from their current configuration. */
  reset(): void
}

const UNEXPECTED_LOG_SIZE = 10

function freshCounters(): StubCounters {
  return { requests: 0, byStatus: {}, byOperation: {}, byError: {}, unexpectedErrors: 0 }
}

/** UTF-8 length without allocating: only pays for Buffer.byteLength when the string could be too long. */
function exceedsBytes(s: string, max: number): boolean {
  return s.length * 3 > max && (s.length > max || Buffer.byteLength(s) > max)
}

export function createStubCore(opts: StubCoreOptions = {}): StubCore {
  const modelOptions = opts.choicesProfile
    ? { ...opts.modelOptions, choices: { ...profileChoices(opts.choicesProfile), ...opts.modelOptions?.choices } }
    : opts.modelOptions
  const model = opts.model ?? new ViewsModel(modelOptions)
  const faults = new FaultInjector(opts.faults)
  const eventualOptions = opts.faults?.eventual
  const eventual =
    eventualOptions || model.options.quirks.has('never-converges')
      ? new EventualReads(
          model,
          eventualOptions && { ...eventualOptions, seed: eventualOptions.seed ?? opts.faults?.seed ?? 1 },
        )
      : undefined
  const checkSignature: SigV4Checker | undefined = opts.verifySigV4 ? createSigV4Checker(opts.verifySigV4) : undefined
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const requestId = opts.requestId ?? newRequestId
  let counters = freshCounters()
  const unexpectedErrorLog: unknown[] = []

  /** The change is handed to onChange in the same synchronous stretch that made it: no other request sees it first. */
  function changed(op: OperationName, input: Record<string, unknown>, output: Record<string, unknown>, body: string) {
    return opts.onChange && !READ_ONLY.has(op) ? opts.onChange(op, input, output, body) : undefined
  }

  async function invokeModel(
    op: OperationName,
    input: Record<string, unknown>,
    body: string,
  ): Promise<Record<string, unknown>> {
    if (op === 'CreateViewVersion' && model.options.quirks.has('lost-update-race')) {
      // The quirk: read, yield to other requests, then write what was decided from the stale read.
      const plan = model.planCreateViewVersion(input)
      await nextMacrotask()
      const output = plan.commit()
      await changed(op, input, output, body)
      return output
    }
    const output = model.invoke(op, input)
    await changed(op, input, output, body)
    return output
  }

  async function dispatch(req: WireRequest, id: string): Promise<WireResponse> {
    if (exceedsBytes(req.body, maxBodyBytes)) {
      throw new WireError('RequestEntityTooLargeException', `Request body exceeds the maximum of ${maxBodyBytes} bytes`)
    }
    if (checkSignature) {
      const failure = await checkSignature(req)
      if (failure) throw failure
    }
    const route = matchRoute(req.method, req.path)
    counters.byOperation[route.op] = (counters.byOperation[route.op] ?? 0) + 1
    if (opts.missingOperations?.includes(route.op)) return missingOperationAnswer(route.op, opts.missingAs, id)
    const fault = faults.decide(route.op)
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs))
    if (fault.error) throw fault.error
    const input = decodeRequest(route.op, { labels: route.labels, query: req.query, body: req.body })
    const output = eventual
      ? await eventual.invoke(route.op, input, () => invokeModel(route.op, input, req.body))
      : await invokeModel(route.op, input, req.body)
    return encodeSuccess(applyOutputQuirks(route.op, output, model.options.quirks), id)
  }

  function answerError(e: unknown, id: string): WireResponse {
    if (e instanceof WireError) return encodeError(e, id, e.status)
    if (isModelError(e)) return notFoundPage(model.options.quirks, e.errorName) ?? encodeError(e, id)
    counters.unexpectedErrors++
    unexpectedErrorLog.push(e)
    if (unexpectedErrorLog.length > UNEXPECTED_LOG_SIZE) unexpectedErrorLog.shift()
    return encodeError({ errorName: 'InternalServiceException', message: 'Internal service error' }, id)
  }

  async function handle(req: WireRequest): Promise<WireResponse> {
    counters.requests++
    const id = requestId()
    let res: WireResponse
    try {
      res = await dispatch(req, id)
    } catch (e) {
      try {
        res = answerError(e, id)
      } catch (encodingFailure) {
        // e.g. a ModelError whose name has no known status: still answer (500), still count it.
        res = answerError(new Error(`cannot encode ${String(e)}: ${String(encodingFailure)}`, { cause: e }), id)
      }
    }
    counters.byStatus[res.status] = (counters.byStatus[res.status] ?? 0) + 1
    const type = res.headers['x-amzn-errortype']
    if (type !== undefined) counters.byError[type] = (counters.byError[type] ?? 0) + 1
    return res
  }

  return {
    handle,
    model,
    faults,
    maxBodyBytes,
    get counters() {
      return counters
    },
    unexpectedErrorLog,
    reset() {
      model.reset()
      faults.reset()
      eventual?.reset()
      counters = freshCounters()
      unexpectedErrorLog.length = 0
    },
  }
}
