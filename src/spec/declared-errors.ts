// Which declared error answers a given HTTP status on an operation, read from the generated service model
// (never a hand list): 429 is TooManyRequestsException on the view operations and ThrottlingException on
// tagging and SearchViews (R23); 402 is ServiceQuotaExceededException where CreateView/CreateViewVersion
// declare it (R22).
import { OPERATIONS, SHAPES, type ErrorName, type OperationName } from './service-model.generated'

/** The HTTP status the model gives an error class, if it models one. */
export function httpStatusOfError(name: string): number | undefined {
  const shape = SHAPES[name]
  return shape?.type === 'structure' ? shape.error?.httpStatus : undefined
}

/** The one error `op` declares with HTTP status `status` (undefined if none; a model declaring two would be ambiguous). */
export function declaredErrorWithStatus(op: OperationName, status: number): ErrorName | undefined {
  const errors: readonly ErrorName[] = OPERATIONS[op].errors
  const matches = errors.filter((e) => httpStatusOfError(e) === status)
  if (matches.length > 1)
    throw new Error(`${op} declares ${matches.join(' and ')} with HTTP ${status}: which one answers it is ambiguous`)
  return matches[0]
}

/** The throttling error `op` declares (HTTP 429). */
export function throttlingErrorOf(op: OperationName): ErrorName {
  const e = declaredErrorWithStatus(op, 429)
  if (!e) throw new Error(`${op} declares no throttling error`)
  return e
}
