// Progress on the console while a run goes (src/report/progress.ts draws it): the run's heading, each
// regression verdict, each property as it starts and finishes, and notes such as a signal received.
import { createProgress, type ProgressStream } from '../report/progress'
import type { EventHandler } from '../engine/events'

export function progressHandler(stream: ProgressStream): EventHandler {
  const progress = createProgress(stream)
  return {
    RunStarted: ({ run: s, target, properties, registered }) =>
      progress.note(
        `conformance run: ${target.label}${s.quirks.length ? ` +${s.quirks.join(' +')}` : ''} · seed ${s.seed} · mode ${s.strict ? 'strict' : 'default'} · ` +
          `${properties.length} of ${registered} properties${s.shard ? ` (shard ${s.shard})` : ''}` +
          `${s.timeBudgetMs ? ` · time budget ${(s.timeBudgetMs / 1000).toFixed(0)} s` : s.runs ? ` · ${s.runs} runs each` : ''}` +
          (target.kind === 'stub' ? '' : ` · rates in force: ${target.rates}`),
      ),
    RunNote: ({ line }) => progress.note(line),
    RegressionReplayed: ({ regression: r }) => progress.regression(r.file, r.verdict, r.detail),
    PropertyStarted: ({ property, index, total, counters }) =>
      progress.propertyStarted(property.id, index, total, counters),
    PropertyFinished: ({ report }) => progress.propertyFinished(report),
    RunFinished: () => progress.stop(),
  }
}
