// Operation × declared error coverage: for every operation, which of its declared
// errors a target actually produced, and for those never produced, why. Errors that no correct service
// can be made to answer on demand go into an "ineligible" ledger with a reason (Kubernetes-style), so a
// gap in the table is either explained or a real hole in the generators.
import type { OperationCoverage, TargetStats } from './report-types'

/** Declared errors a run cannot be expected to produce against a correct service, and why. */
export const INELIGIBLE_ERRORS: Readonly<Record<string, string>> = {
  InternalServiceException: 'server fault: not inducible against a correct service',
  AccessDeniedException:
    "needs a principal without permission: not inducible against a correct service with the run's credentials",
  TooManyRequestsException:
    'only under load: the harness stays under the rate limit (retried 429s are counted in stats)',
  ThrottlingException: 'only under load: the harness stays under the rate limit (retried 429s are counted in stats)',
  ServiceQuotaExceededException:
    'needs a quota exhausted (views per instance, versions per view; values undocumented): not attempted by the default suites',
  ResourceInUseException: 'no documented trigger for views',
}

export const NOT_TRIGGERED = "not triggered by this run's sequences"

export function reasonNeverProduced(error: string): string {
  return INELIGIBLE_ERRORS[error] ?? NOT_TRIGGERED
}

export function errorCoverage(
  operations: readonly { name: string; declaredErrors: string[] }[],
  stats: TargetStats,
): OperationCoverage[] {
  return operations.map((op) => {
    const produced = stats.errorsByOperation[op.name] ?? {}
    const declared = op.declaredErrors.map((error) => {
      const count = produced[error] ?? 0
      return count > 0 ? { error, count } : { error, count, reason: reasonNeverProduced(error) }
    })
    const undeclared = Object.entries(produced)
      .filter(([error]) => !op.declaredErrors.includes(error))
      .map(([error, count]) => ({ error, count }))
      .sort((a, b) => a.error.localeCompare(b.error))
    const calls = stats.byOperation[op.name] ?? 0
    const evidence = stats.notImplemented?.[op.name]
    const implementation = evidence
      ? ('not-implemented' as const)
      : calls > 0
        ? ('implemented' as const)
        : ('not-exercised' as const)
    return {
      operation: op.name,
      calls,
      succeeded: stats.succeededByOperation?.[op.name] ?? 0,
      implementation,
      ...(evidence ? { evidence } : {}),
      declared,
      undeclared,
    }
  })
}
