// Generated rounds of concurrent calls at one view (the concurrency property): publishes and content
// updates, sent together within a round; rounds run one after another.
import fc from 'fast-check'
import type { Cmd } from '../harness/commands'
import { smallContent } from './content'

export type ConcurrentCmd = Extract<Cmd, { op: 'CreateViewVersion' | 'UpdateViewContent' }>
/** Calls sent together; rounds run one after another. */
export type Round = ConcurrentCmd[]

const publishCmd: fc.Arbitrary<ConcurrentCmd> = fc.constant({
  op: 'CreateViewVersion',
  slot: 0,
  sha: 'none',
  ref: 'id',
})
const updateCmd = (status: 'SAVED' | 'PUBLISHED'): fc.Arbitrary<ConcurrentCmd> =>
  smallContent.map((content) => ({ op: 'UpdateViewContent', slot: 0, status, content, ref: 'id' }))

// Publishes first: fast-check shrinks oneof towards its first branch, so counterexamples read "publish, …".
export const concurrentCmdArb: fc.Arbitrary<ConcurrentCmd> = fc.oneof(
  { weight: 4, arbitrary: publishCmd },
  { weight: 4, arbitrary: updateCmd('PUBLISHED') },
  { weight: 1, arbitrary: updateCmd('SAVED') },
)
// minLength 0 + filter rather than minLength 2/1: fast-check's array shrinker cannot drop the LAST
// element of an array that sits at its minLength, so a counterexample like [publish, update, publish,
// update] would never lose its trailing update. The filter keeps generated and shrunk runs in range.
export const roundArb: fc.Arbitrary<Round> = fc
  .array(concurrentCmdArb, { minLength: 0, maxLength: 6 })
  .filter((r) => r.length >= 2)
export const roundsArb = (maxRounds: number): fc.Arbitrary<Round[]> =>
  fc.array(roundArb, { minLength: 0, maxLength: maxRounds }).filter((rs) => rs.length >= 1)
