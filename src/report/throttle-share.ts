// The 429 share: how many of a run's calls the target throttled, overall and per API. On a shared account
// every 429 the run draws is one the account's own traffic (agent desktops, flows' Lambda functions) could
// have drawn instead, so reports show it next to the call count.
import type { TargetStats } from './report-types'

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : '0 %')

/** "5 of 1,540 calls (0.3 %): ListViews 3 of 40, UpdateViewContent 2 of 300", or undefined for a report without the figure. */
export function throttleShareLine(s: TargetStats): string | undefined {
  if (s.throttled === undefined) return undefined
  const perApi = Object.entries(s.throttledByOperation ?? {})
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([op, n]) => `${op} ${n} of ${(s.byOperation[op] ?? 0).toLocaleString('en-US')}`)
  return `${s.throttled.toLocaleString('en-US')} of ${s.calls.toLocaleString('en-US')} calls (${percent(s.throttled, s.calls)})${perApi.length ? `: ${perApi.join(', ')}` : ''}`
}
