// The two things every command runs against: the target (through the real SDK) and the reference model
// (directly). Both answer with the same CallOutcome shape so results compare field by field.
import { isRuleId, OPERATIONS, SHAPES, type OperationName, type RuleId } from '../spec'
import { ModelError } from '../model/errors'
import { customerViewArn } from '../model/view-ref'
import type { ViewsModel } from '../model/views-model'
import type { CallOutcome } from '../targets/sdk-call'
import type { Target } from '../targets/target'

export interface Side {
  readonly name: 'target' | 'model'
  readonly instanceId: string
  send(op: OperationName, input: Record<string, unknown>): Promise<CallOutcome>
  /** The ARN this side would give a view of its instance: its own partition, region and account. */
  viewArn(viewId: string): string
  /** Runs a walk over every page of ListViews with no other lane's view changes between its pages (Target.whileListing). */
  whileListing?<T>(walk: () => Promise<T>): Promise<T>
  /** The reference model behind a model side (consistency.ts answers as of its older states). */
  readonly model?: ViewsModel
}

export function targetSide(target: Target): Side {
  return {
    name: 'target',
    instanceId: target.instanceId,
    send: (op, input) => target.send(op, input),
    viewArn: (viewId) => target.viewArn(viewId),
    whileListing: (walk) => target.whileListing(walk),
  }
}

function statusOf(errorName: string): number | undefined {
  const s = SHAPES[errorName]
  return s?.type === 'structure' ? s.error?.httpStatus : undefined
}

export function modelSide(model: ViewsModel, instanceId: string): Side {
  const { partition, region, accountId: account } = model.options
  return {
    name: 'model',
    instanceId,
    model,
    viewArn: (viewId) => customerViewArn({ partition, region, account, instanceId, viewId }),
    async send(op, input) {
      try {
        // JSON round trip: the model must never share objects with the caller
        return { ok: true, output: JSON.parse(JSON.stringify(model.invoke(op, structuredClone(input)))) }
      } catch (e) {
        if (!(e instanceof ModelError)) throw e
        return {
          ok: false,
          error: {
            name: e.errorName,
            message: e.message,
            status: statusOf(e.errorName),
            fields: { ...e.fields },
            rule: e.rule,
          } as never,
        }
      }
    },
  }
}

/** The rule a model error came from (modelSide attaches it), for the rule catalogue's confidence. */
export function ruleOfModelError(o: CallOutcome): RuleId | undefined {
  const r = o.ok ? undefined : (o.error as { rule?: string }).rule
  return r !== undefined && isRuleId(r) ? r : undefined
}

export function declaredErrors(op: OperationName): readonly string[] {
  return OPERATIONS[op].errors
}
