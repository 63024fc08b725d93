// Quirk yield per property: written by `npm run bench:quirk-yield -- --seeds 5 --cap 150` (bench/quirk-yield.ts) on 2026-11-30; do not edit,
// re-run it. Per property: kills of catalogue quirks per 100 API calls against the in-process stub, over
// 20 quirks × 5 seeds, each attempt ending at the first failure or after 150 calls.
import type { QuirkYieldTable } from './exploration-weight'

export const QUIRK_YIELD: QuirkYieldTable = {
  measuredAt: '2026-11-30',
  command: 'npm run bench:quirk-yield -- --seeds 5 --cap 150',
  seeds: 5,
  callCap: 150,
  quirks: 20,
  byProperty: {
    'coverage-plan': { killsPer100Calls: 4.58, kills: 90, attempts: 100, calls: 1965, medianCallsToKill: 19, deterministic: true, quirksKilled: ['checksum-not-checked', 'client-token-ignored', 'delete-view-leaves-versions', 'describe-unqualified-returns-saved', 'iso-timestamps', 'list-versions-ascending', 'missing-view-wrong-class', 'mutable-versions', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'reuse-version-numbers', 'saved-update-changes-latest', 'server-error-on-long-name', 'skip-version-numbers', 'tags-lost-on-metadata-update', 'unknown-enum-value'] },
    'immutability': { killsPer100Calls: 0.11, kills: 14, attempts: 100, calls: 13138, medianCallsToKill: 10, deterministic: false, quirksKilled: ['iso-timestamps', 'mutable-versions', 'unknown-enum-value'] },
    'monotonic-versions': { killsPer100Calls: 0.19, kills: 23, attempts: 100, calls: 12093, medianCallsToKill: 9, deterministic: false, quirksKilled: ['iso-timestamps', 'mutable-versions', 'no-change-publish-creates-version', 'reuse-version-numbers', 'skip-version-numbers'] },
    'saved-vs-latest': { killsPer100Calls: 0.36, kills: 38, attempts: 100, calls: 10570, medianCallsToKill: 24, deterministic: false, quirksKilled: ['checksum-of-saved', 'describe-unqualified-returns-saved', 'iso-timestamps', 'missing-view-wrong-class', 'mutable-versions', 'saved-update-changes-latest', 'skip-version-numbers', 'unknown-enum-value'] },
    'checksum-conflict': { killsPer100Calls: 0.11, kills: 14, attempts: 100, calls: 13333, medianCallsToKill: 11, deterministic: false, quirksKilled: ['checksum-not-checked', 'iso-timestamps', 'mutable-versions', 'no-change-publish-creates-version'] },
    'no-change-publish': { killsPer100Calls: 0.25, kills: 29, attempts: 100, calls: 11398, medianCallsToKill: 13, deterministic: false, quirksKilled: ['checksum-of-saved', 'iso-timestamps', 'mutable-versions', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'saved-update-changes-latest', 'unknown-enum-value'] },
    'pagination': { killsPer100Calls: 0.38, kills: 40, attempts: 100, calls: 10550, medianCallsToKill: 46, deterministic: false, quirksKilled: ['iso-timestamps', 'list-versions-ascending', 'mutable-versions', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'skip-version-numbers'] },
    'delete': { killsPer100Calls: 0.29, kills: 33, attempts: 100, calls: 11328, medianCallsToKill: 14, deterministic: false, quirksKilled: ['delete-view-leaves-versions', 'iso-timestamps', 'list-versions-ascending', 'missing-view-wrong-class', 'mutable-versions', 'next-token-ignored', 'no-change-publish-creates-version', 'pagination-drops-item', 'pagination-repeats-item', 'skip-version-numbers'] },
    'validation': { killsPer100Calls: 0.11, kills: 15, attempts: 100, calls: 13140, medianCallsToKill: 27, deterministic: false, quirksKilled: ['iso-timestamps', 'server-error-on-long-name', 'unknown-enum-value'] },
    'differential': { killsPer100Calls: 0.35, kills: 37, attempts: 100, calls: 10641, medianCallsToKill: 21, deterministic: false, quirksKilled: ['checksum-not-checked', 'checksum-of-saved', 'client-token-ignored', 'describe-unqualified-returns-saved', 'iso-timestamps', 'missing-view-wrong-class', 'mutable-versions', 'saved-update-changes-latest', 'skip-version-numbers', 'tags-lost-on-metadata-update', 'unknown-enum-value'] },
    'concurrency': { killsPer100Calls: 0.27, kills: 30, attempts: 100, calls: 10995, medianCallsToKill: 11, deterministic: false, quirksKilled: ['iso-timestamps', 'lost-update-race', 'mutable-versions', 'no-change-publish-creates-version', 'saved-update-changes-latest', 'skip-version-numbers'] },
  },
}
