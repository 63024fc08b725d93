// Property 9: the model-based differential run. fc.commands over every operation, views addressed by bare
// id, ARN and qualified forms, metadata and tag changes mixed in; every answer, normalised, must match
// the reference model as far as the rule catalogue asserts it in this mode.
import { checkAgainstModel, type Failure } from '../harness/checks'
import type { CheckContext } from '../harness/property-types'
import type { Step } from '../harness/session'
import { remember, targetView } from './support/observations'
import fc from 'fast-check'
import type { Cmd } from '../harness/commands'
import type { SequentialProperty } from '../harness/property-types'
import {
  anySha,
  contentWithEdges,
  createView,
  deleteVersion,
  deleteView,
  describe,
  listTags,
  listVersions,
  listViews,
  publish,
  retryCreate,
  searchViews,
  tagView,
  untagView,
  updateContent,
  updateMetadata,
} from '../arbitraries/commands'

/**
 * R15's tolerance on top of one tick of the target's clock: two answers must be this much further apart in
 * the harness's wall time than one tick before a LastModifiedTime that did not move is a failure. It covers the
 * harness's timer resolution and the drift between the harness's clock and the target's over a few seconds.
 */
export const R15_TOLERANCE_MS = 5

/** The tick of a timestamp's clock as far as `seconds` shows it: 1000 ms for whole seconds, down to 1 ms. */
export function tickShownBy(seconds: number): number {
  const ms = Math.round(seconds * 1000)
  if (ms % 1000 === 0) return 1000
  if (ms % 100 === 0) return 100
  if (ms % 10 === 0) return 10
  return 1
}

interface LastModifiedState {
  /** Per view id: the highest LastModifiedTime an accepted answer showed, and when (harness clock) the first such answer arrived. */
  seen: Map<string, { lmt: number; at: number }>
  /** The finest tick any timestamp of the target has shown so far (ms); 1000 until one shows more. */
  tickMs: number
  /** Per slot: the version numbers the model's publishes answered (to tell a version-creating publish from R11's no-change one). */
  modelVersions: Map<number, Set<number>>
}

/**
 * Whether the step is a write R15 says moves LastModifiedTime: an UpdateViewContent, or a CreateViewVersion
 * that created a version (the model answered a number it had not answered for the slot before; R11's
 * no-change publish and R38's choices are left alone).
 */
function mustMove(step: Step, st: LastModifiedState): boolean {
  const cmd = step.cmd
  if (cmd.op === 'DeleteViewVersion' && step.model.outcome.ok) st.modelVersions.get(cmd.slot)?.delete(cmd.version)
  if (cmd.op === 'UpdateViewContent') return step.model.outcome.ok
  if (cmd.op !== 'CreateViewVersion' || !step.model.outcome.ok) return false
  const n = (step.model.outcome.output.View as { Version?: unknown } | undefined)?.Version
  if (typeof n !== 'number') return false
  let versions = st.modelVersions.get(cmd.slot)
  if (!versions) st.modelVersions.set(cmd.slot, (versions = new Set()))
  const created = !versions.has(n)
  versions.add(n)
  return created
}

/**
 * R15: LastModifiedTime moves on UpdateViewContent and on a version-creating publish. Judged on the write's
 * own answer (it carries the view), against the latest LastModifiedTime an answer the checks accepted showed
 * before (a read included: a stale read only shows an older time, which makes the check weaker, never wrong):
 * - it never goes back, and is never before CreatedTime;
 * - it is strictly later once the write was sent more than one tick of the target's clock (as its timestamps
 *   show it) plus R15_TOLERANCE_MS after that earlier answer arrived, both on the harness's clock: the earlier
 *   time was set before that answer arrived, the write happened after it was sent, so no tick can hide the
 *   move. Closer than that, an equal time is legitimate (two calls within one tick).
 * A ClientToken retry's answer is no observation: it may be the first call's answer (R6a).
 */
export function checkLastModifiedMovesForward(step: Step, ctx: CheckContext): Failure | undefined {
  const st = remember<LastModifiedState>(ctx, 'lastModified', () => ({
    seen: new Map(),
    tickMs: 1000,
    modelVersions: new Map(),
  }))
  const move = mustMove(step, st)
  const v = targetView(step)
  if (step.cmd.op === 'RetryCreateView' || !v || typeof v.LastModifiedTime !== 'number' || typeof v.Id !== 'string')
    return undefined
  const lmt = v.LastModifiedTime
  for (const t of [lmt, v.CreatedTime]) if (typeof t === 'number') st.tickMs = Math.min(st.tickMs, tickShownBy(t))
  const before = st.seen.get(v.Id)
  const at = step.target.answeredAt ?? Number.POSITIVE_INFINITY
  if (!before || lmt > before.lmt) st.seen.set(v.Id, { lmt, at })
  if (typeof v.CreatedTime === 'number') {
    ctx.assert('R15')
    if (lmt < v.CreatedTime)
      return { rule: 'R15', message: `${step.cmd.op}: LastModifiedTime ${lmt} is before CreatedTime ${v.CreatedTime}` }
  }
  const write = step.cmd.op === 'UpdateViewContent' || step.cmd.op === 'CreateViewVersion'
  // a read may legally show an older state under eventual consistency; under strong consistency it never goes back
  const readHeld = !write && ctx.mode?.consistency?.model === 'strong'
  if ((!write && !readHeld) || !before) return undefined
  ctx.assert('R15')
  if (lmt < before.lmt)
    return { rule: 'R15', message: `${step.cmd.op}: LastModifiedTime went back from ${before.lmt} to ${lmt}` }
  if (!write) return undefined
  const gapMs = (step.target.sentAt ?? Number.NEGATIVE_INFINITY) - before.at
  if (move && lmt === before.lmt && gapMs > st.tickMs + R15_TOLERANCE_MS) {
    const what =
      step.cmd.op === 'UpdateViewContent' ? 'UpdateViewContent' : 'a CreateViewVersion that created a version'
    return {
      rule: 'R15',
      message: `${step.cmd.op}: LastModifiedTime did not move after ${what}: still ${lmt}, already seen in an answer that arrived ${gapMs.toFixed(1)} ms before this call was sent (more than one ${st.tickMs} ms tick of the target's clock + ${R15_TOLERANCE_MS} ms tolerance)`,
    }
  }
  return undefined
}

export const differential: SequentialProperty = {
  id: 'differential',
  title: 'Every answer matches the reference model (documented fields)',
  // documented rules, then the inferred ones it compares in strict mode
  rules: [
    'R1',
    'R2',
    'R3',
    'R5',
    'R6',
    'R7',
    'R8',
    'R10',
    'R11',
    'R12',
    'R13',
    'R15',
    'R16',
    'R17',
    'R18',
    'R25',
    'R21',
    'R31',
    'R37',
    'R40',
    'R41',
    'R42',
    'R43',
    'R46',
  ],
  // two views exist from the start, so generated commands rarely fall on empty slots
  prelude: [
    {
      op: 'CreateView',
      slot: 0,
      status: 'PUBLISHED',
      content: { Template: '{"Head":{"Title":"a"},"Body":[]}', Actions: ['Submit'] },
      name: 'first',
      clientToken: 'token-0',
      tags: { team: 'x' },
    },
    {
      op: 'CreateView',
      slot: 1,
      status: 'SAVED',
      content: { Template: '{"Head":{"Title":"b"},"Body":[]}', Actions: [] },
      name: 'second',
    },
  ],
  maxCommands: 25,
  numRuns: 60,
  commands: () => [
    createView({ withExtras: true, content: contentWithEdges }),
    retryCreate(),
    updateContent({ content: contentWithEdges }),
    updateMetadata(),
    publish({ sha: anySha, description: true }),
    describe(),
    deleteVersion(),
    deleteView(),
    listViews(),
    listVersions(),
    tagView(),
    untagView(),
    listTags(),
    searchViews(),
    fc.constant<Cmd>({ op: 'DescribeAwsManagedView' }),
  ],
  check: (step, ctx) =>
    checkAgainstModel(step, ctx.session, ctx.refs, ctx.mode, ctx.assert) ?? checkLastModifiedMovesForward(step, ctx),
}
