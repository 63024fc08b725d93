export * from './service-model.generated'
export type * from './spec-types'
export * from './rules'
export * from './choices'
