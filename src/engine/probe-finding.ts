// What the implementation probe found wrong, as a line of the report like a property's: operations that
// answer an existing view like the service but a view that does not exist with a non-JSON 404 page break R25
// once, with the calls that showed it. (Operations that lack their route are not a failure of any rule: they
// are "not implemented", in the coverage.) The line is reported first, and never replayed from a bundle:
// every run probes again.
import type { Cmd } from '../harness/commands'
import type { ProbeResult } from '../targets/implementation-probe'
import { CLI_COMMAND } from '../package-files'
import { targetArgs } from './open-target'
import type { PropertyResult } from '../harness/property-types'
import type { PropertyStrategy } from './property-registry'
import type { RunSettings } from './run-settings'

export const PROBE_ID = 'implementation-probe'

/** The probe as the engine's events and reports name it (it is not selectable: every run probes). */
export const probeStrategy: PropertyStrategy = {
  id: PROBE_ID,
  title: 'Every operation answers an existing view, and a view that does not exist, like the service',
  rules: ['R25'],
  sequential: false,
  replaysPath: false,
  rerunReplays: true,
  bundles: false,
  run: () => {
    throw new Error('the implementation probe runs before the properties (engine/run.ts), not as one')
  },
}

/** The probe's R25 finding as a failed result, or undefined when it found none. */
export function probeFinding(probe: ProbeResult, seed: number, durationMs: number): PropertyResult | undefined {
  const f = probe.notFoundPages
  if (!f) return undefined
  const e = f.evidence
  const how = [
    e.status !== undefined ? `HTTP ${e.status}` : '',
    e.contentType ?? '',
    e.firstBytes ? `body starts ${JSON.stringify(e.firstBytes)}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  const n = f.operations.length
  const commands: Cmd[] = f.calls.map((c) => ({ op: 'Raw', operation: c.op, input: c.input }))
  return {
    property: PROBE_ID,
    title: probeStrategy.title,
    rules: probeStrategy.rules,
    status: 'failed',
    seed,
    numRuns: 1,
    commandsExecuted: f.calls.length,
    durationMs,
    assertions: { R25: n },
    failure: {
      rule: 'R25',
      message:
        `${f.operations[0]} and ${n - 1} other operation${n === 2 ? '' : 's'} answer a view that does not exist with a page that is not JSON (${how}) instead of ResourceNotFoundException, ` +
        `though they answer an existing view: ${f.operations.join(', ')}. They are implemented: the rest of the run reads such an answer as ResourceNotFoundException and checks everything else they do.`,
      step: 0,
      commands,
      transcript: f.calls.map((c, index) => ({ index, cmd: commands[index]!, target: c.outcome, model: undefined })),
    },
  }
}

/** Any run reproduces the probe: it comes first in every one. */
export function probeReproduceLine(s: RunSettings): string {
  return `${CLI_COMMAND} run ${targetArgs(s)} --only coverage-plan`
}
