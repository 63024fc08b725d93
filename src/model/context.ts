// What every operation handler gets: the state and the resolved options.
import type { ResolvedOptions } from './options'
import type { ModelState } from './state'

export interface ModelContext {
  readonly state: ModelState
  readonly opts: ResolvedOptions
}
