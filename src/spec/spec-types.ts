// Types of the data that scripts/generate-spec.ts writes into service-model.generated.ts.
// Hand-written (not generated) so the generator's output can be checked against them by tsc.

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE'
export type Location = 'uri' | 'querystring' | 'header' | 'body'

export interface MemberSpec {
  readonly shape: string
  readonly location: Location
  /** Name on the wire: path label, query key or JSON key. */
  readonly locationName: string
}

export interface StringShape {
  readonly type: 'string'
  readonly min?: number
  readonly max?: number
  readonly pattern?: string
  /** RegExp flags the pattern needs in JavaScript ('u' when it uses \p{…}). */
  readonly patternFlags?: string
  readonly enum?: readonly string[]
  readonly sensitive?: boolean
}
export interface NumberShape {
  readonly type: 'integer' | 'long'
  readonly min?: number
  readonly max?: number
}
export interface TimestampShape {
  readonly type: 'timestamp'
}
export interface BooleanShape {
  readonly type: 'boolean'
}
export interface ListShape {
  readonly type: 'list'
  readonly member: string
  readonly min?: number
  readonly max?: number
}
export interface MapShape {
  readonly type: 'map'
  readonly key: string
  readonly value: string
  readonly min?: number
  readonly max?: number
}
export interface StructureShape {
  readonly type: 'structure'
  readonly required: readonly string[]
  readonly members: Readonly<Record<string, MemberSpec>>
  readonly union?: boolean
  /** Present on error shapes. */
  readonly error?: { readonly httpStatus: number; readonly fault: 'client' | 'server' }
}
export type ShapeSpec =
  | StringShape
  | NumberShape
  | TimestampShape
  | BooleanShape
  | ListShape
  | MapShape
  | StructureShape

export interface OperationSpec {
  readonly name: string
  readonly method: HttpMethod
  /** URI template exactly as in the model, e.g. /views/{InstanceId}/{ViewId}/versions */
  readonly uri: string
  readonly input: string
  readonly output: string | null
  /** Declared errors, in model order. */
  readonly errors: readonly string[]
  readonly idempotent: boolean
}
