// Public API of the wire stub: one transport-free core, three thin adapters, and the pieces tests reuse.
export { createStubCore, DEFAULT_MAX_BODY_BYTES, type StubCore, type StubCoreOptions, type StubCounters } from './core'
export { WireError, type WireRequest, type WireResponse, type StubErrorName } from './wire-types'
export { matchRoute, type RouteMatch } from './router'
export { decodeRequest, parseQuery } from './request-decoding'
export { encodeError, encodeSuccess, errorStatus, WIRE_ERROR_STATUS } from './response-encoding'
export {
  FaultInjector,
  seededRandom,
  throttlingErrorOf,
  type FaultOptions,
  type ForcedError,
  type FaultStats,
} from './faults'
export { LiveLikeThrottle, LIVE_LIKE_DEFAULTS, type LiveLikeOptions } from './live-like'
export { TokenBucket } from './token-bucket'
export { createSigV4Checker, type SigV4CheckOptions } from './sigv4-check'
export {
  StubHttpHandler,
  createStubClient,
  toWireRequest,
  buildRawQuery,
  STUB_CREDENTIALS,
  type StubClientOptions,
} from './in-process-handler'
export { createStubHandlers, DEFAULT_CONNECT_URL, type StubHandlersOptions } from './msw-handlers'
export { startStubServer, HEALTH_PATH, type StubServer, type StubServerOptions } from './http-server'
export { saveStateFile, loadStateFile, readStateFile, StateFileError, STATE_FILE_FORMAT } from './state-file'
export { StateJournal, touchedViews, type StateJournalOptions } from './state-journal'
