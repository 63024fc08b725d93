// Small helpers for checks that look at what the target itself answered.
import type { CheckContext } from '../../harness/property-types'
import type { Step } from '../../harness/session'

type Obj = Record<string, unknown>

export function targetView(step: Step): Obj | undefined {
  const o = step.target.outcome
  return o.ok ? (o.output.View as Obj | undefined) : undefined
}

export function modelView(step: Step): Obj | undefined {
  const o = step.model.outcome
  return o.ok ? (o.output.View as Obj | undefined) : undefined
}

/** Template + Actions as one comparable string. */
export function contentKey(view: Obj | undefined): string {
  const c = (view?.Content ?? {}) as Obj
  return JSON.stringify([c.Template ?? null, c.Actions ?? null])
}

export function remember<T>(ctx: CheckContext, key: string, init: () => T): T {
  let v = ctx.memory.get(key) as T | undefined
  if (v === undefined) ctx.memory.set(key, (v = init()))
  return v
}
