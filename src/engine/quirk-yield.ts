// Quirk yield per property: written by `npm run bench:quirk-yield -- --seeds 5 --cap 150` (bench/quirk-yield.ts) on 2026-12-07; do not edit,
// re-run it. Per property: kills of catalogue quirks per 100 API calls against the in-process stub, over
// 25 quirks × 5 seeds, each attempt ending at the first failure or after 150 calls.
import type { QuirkYieldTable } from './exploration-weight'

export const QUIRK_YIELD: QuirkYieldTable = {
  measuredAt: '2026-12-07',
  command: 'npm run bench:quirk-yield -- --seeds 5 --cap 150',
  seeds: 5,
  callCap: 150,
  quirks: 25,
  byProperty: {
    'coverage-plan': { killsPer100Calls: 2.64, kills: 110, attempts: 125, calls: 4159, medianCallsToKill: 29, deterministic: true, quirksKilled: ['checksum-not-checked', 'client-token-ignored', 'delete-view-leaves-versions', 'describe-unqualified-returns-saved', 'iso-timestamps', 'last-modified-frozen', 'list-versions-ascending', 'missing-view-wrong-class', 'mutable-versions', 'never-converges', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'retry-creates-second-view', 'reuse-version-numbers', 'saved-update-changes-latest', 'server-error-on-long-name', 'skip-version-numbers', 'tags-lost-on-metadata-update', 'unknown-enum-value', 'untag-ignored'] },
    'immutability': { killsPer100Calls: 0.1, kills: 17, attempts: 125, calls: 16466, medianCallsToKill: 9, deterministic: false, quirksKilled: ['html-404-for-unknown-ids', 'iso-timestamps', 'mutable-versions', 'unknown-enum-value'] },
    'monotonic-versions': { killsPer100Calls: 0.15, kills: 23, attempts: 125, calls: 15843, medianCallsToKill: 9, deterministic: false, quirksKilled: ['iso-timestamps', 'mutable-versions', 'no-change-publish-creates-version', 'reuse-version-numbers', 'skip-version-numbers'] },
    'saved-vs-latest': { killsPer100Calls: 0.33, kills: 45, attempts: 125, calls: 13433, medianCallsToKill: 24, deterministic: false, quirksKilled: ['checksum-of-saved', 'describe-unqualified-returns-saved', 'html-404-for-unknown-ids', 'iso-timestamps', 'missing-view-wrong-class', 'mutable-versions', 'never-converges', 'saved-update-changes-latest', 'skip-version-numbers', 'unknown-enum-value'] },
    'checksum-conflict': { killsPer100Calls: 0.11, kills: 19, attempts: 125, calls: 16754, medianCallsToKill: 18, deterministic: false, quirksKilled: ['checksum-not-checked', 'iso-timestamps', 'mutable-versions', 'never-converges', 'no-change-publish-creates-version'] },
    'no-change-publish': { killsPer100Calls: 0.23, kills: 34, attempts: 125, calls: 14598, medianCallsToKill: 16, deterministic: false, quirksKilled: ['checksum-of-saved', 'iso-timestamps', 'mutable-versions', 'never-converges', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'saved-update-changes-latest', 'unknown-enum-value'] },
    'pagination': { killsPer100Calls: 0.34, kills: 46, attempts: 125, calls: 13700, medianCallsToKill: 46, deterministic: false, quirksKilled: ['html-404-for-unknown-ids', 'iso-timestamps', 'list-versions-ascending', 'mutable-versions', 'never-converges', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'skip-version-numbers'] },
    'delete': { killsPer100Calls: 0.31, kills: 43, attempts: 125, calls: 13934, medianCallsToKill: 19, deterministic: false, quirksKilled: ['delete-view-leaves-versions', 'html-404-for-unknown-ids', 'iso-timestamps', 'list-versions-ascending', 'missing-view-wrong-class', 'mutable-versions', 'never-converges', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'skip-version-numbers'] },
    'validation': { killsPer100Calls: 0.09, kills: 15, attempts: 125, calls: 16890, medianCallsToKill: 27, deterministic: false, quirksKilled: ['iso-timestamps', 'server-error-on-long-name', 'unknown-enum-value'] },
    'tags': { killsPer100Calls: 0.13, kills: 21, attempts: 125, calls: 16120, medianCallsToKill: 10, deterministic: false, quirksKilled: ['describe-unqualified-returns-saved', 'html-404-for-unknown-ids', 'iso-timestamps', 'unknown-enum-value', 'untag-ignored'] },
    'differential': { killsPer100Calls: 0.42, kills: 53, attempts: 125, calls: 12608, medianCallsToKill: 22, deterministic: false, quirksKilled: ['checksum-not-checked', 'client-token-ignored', 'describe-unqualified-returns-saved', 'html-404-for-unknown-ids', 'iso-timestamps', 'last-modified-frozen', 'missing-view-wrong-class', 'mutable-versions', 'never-converges', 'retry-creates-second-view', 'skip-version-numbers', 'tags-lost-on-metadata-update', 'unknown-enum-value'] },
    'concurrency': { killsPer100Calls: 0.2, kills: 30, attempts: 125, calls: 14745, medianCallsToKill: 11, deterministic: false, quirksKilled: ['iso-timestamps', 'lost-update-race', 'mutable-versions', 'no-change-publish-creates-version', 'saved-update-changes-latest', 'skip-version-numbers'] },
  },
}
