// Cleanup of a guarded target: deletes the views a run created, between sequences (a lane's reset) and at the
// end. A view that cannot be deleted is reported, never silently forgotten (cleanupFailures), and tried again
// by the final cleanup; one already gone counts as deleted.
import type { OperationName } from '../spec'
import { isNotFoundPage, type ImplementationLedger } from './implementation'
import type { CallOutcome } from './sdk-call'

/** What cleanup reads and changes of a target or lane. */
export interface CleanupScope {
  readonly instanceId: string
  /** Views created and not yet deleted: id → ARN. */
  readonly owned: Map<string, string>
  readonly implementation: ImplementationLedger
  /** Deletes that failed: view → why. */
  readonly cleanupFailures: Map<string, string>
  send(op: OperationName, input: Record<string, unknown>): Promise<CallOutcome>
}

/** Deletes every view in `t.owned` (each is then no longer owned); `onDeleted` counts each one deleted. */
export async function deleteOwnedViews(
  t: CleanupScope,
  onDeleted: () => void,
): Promise<{ deleted: string[]; failed: string[] }> {
  const deleted: string[] = []
  const failed: string[] = []
  for (const [id] of [...t.owned]) {
    const o = await t.send('DeleteView', { InstanceId: t.instanceId, ViewId: id })
    const gone = o.ok || o.error.name === 'ResourceNotFoundException'
    // a 404 page from a DeleteView that answered before: the view is gone (R25 judges the page, not cleanup)
    if (gone || (isNotFoundPage(o) && t.implementation.answered.has('DeleteView'))) {
      deleted.push(id)
      onDeleted()
      t.cleanupFailures.delete(id)
    } else {
      failed.push(id)
      t.cleanupFailures.set(id, `${o.error.name}: ${o.error.message.split('\n')[0]}`)
    }
    // a view that resisted deletion is not retried before the final cleanup (each retry costs live calls)
    t.owned.delete(id)
  }
  return { deleted, failed }
}
