import type { ErrorName, RuleId } from '../spec'

/** Error classes only the wire layer produces (malformed requests); not declared by any operation. */
export type WireErrorName =
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'RequestEntityTooLargeException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'MissingAuthenticationTokenException'
  | 'SignatureDoesNotMatchException'
  | 'ValidationException'

/** A modelled API error: the class AWS would answer with, its message, and the rule that decided it. */
export class ModelError extends Error {
  constructor(
    readonly errorName: ErrorName | WireErrorName,
    message: string,
    /** Rule id from src/spec/rules.ts that produced this error (lets the harness know how sure we are of the class). */
    readonly rule: RuleId,
    /** Extra modelled members, e.g. ResourceType/ResourceId of ResourceInUseException. */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
    this.name = errorName
  }
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError
}
