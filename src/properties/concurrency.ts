// Property 10 (R10 under concurrency): publishes and content updates fired in parallel at one view must be
// linearizable against the reference model — some sequential order, consistent with real time, explains
// every answer. A read-modify-write publish that loses an update shows up as one version number issued
// twice with different content, or as a publish whose answer no order can produce.
//
// Runs are rounds of calls sent together (src/arbitraries/rounds.ts), executed and checked for
// linearizability by the concurrent strategy (src/engine/runners/concurrent.ts).
import type { Cmd, ContentSpec } from '../harness/commands'

export const concurrencyProperty = {
  id: 'concurrency',
  title: 'Concurrent publishes and content updates are linearizable',
  rules: ['R10'],
  numRuns: 40,
  maxRounds: 5,
} as const

/** The view every run starts from; generated contents (smallContent) never equal it, so the first publish is a real change. */
export const INITIAL_CONTENT: ContentSpec = { Template: '{"Head":{"Title":"t"},"Body":[]}', Actions: ['Submit'] }
export const CREATE: Cmd = {
  op: 'CreateView',
  slot: 0,
  status: 'PUBLISHED',
  content: INITIAL_CONTENT,
  name: 'concurrency',
}
