// Persistence for the stub as an emulator (`conformance serve --state-file F`): the model's whole state —
// instances, views with $SAVED/$LATEST, every numbered version, tags — as one JSON document. Writes are
// atomic (a temp file beside the target, then rename), so a reader or a restart after a kill sees either
// the previous or the new complete file, never half of one. Not fsync'ed: a killed process loses nothing
// it acknowledged, a power cut may lose the last writes. A file that is not a complete state document is
// an error naming the file, never silently replaced.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { ViewsModel } from '../model'
import type { ModelState, VersionRecord, ViewRecord } from '../model/state'

export const STATE_FILE_FORMAT = 'connect-views-conformance/stub-state@1'

export class StateFileError extends Error {}

type JsonView = Omit<ViewRecord, 'versions'> & { versions: VersionRecord[] }

interface StateDocument {
  format: typeof STATE_FILE_FORMAT
  savedAt: string
  /** ARNs in the state embed these: a restart must use the same ones. */
  region: string
  accountId: string
  instances: string[]
  views: JsonView[]
  awsManaged: JsonView[]
  ghosts: JsonView[]
  /** ClientTokens of deleted views (whether they may be reused is a choice: clientTokenAfterDelete). */
  deletedTokens?: string[]
}

const toJson = (v: ViewRecord): JsonView => ({ ...v, versions: [...v.versions.values()] })
const fromJson = (v: JsonView): ViewRecord => ({ ...v, versions: new Map(v.versions.map((r) => [r.version, r])) })

/** Writes the model's state to `file` atomically. */
export function saveStateFile(file: string, model: ViewsModel, now = new Date()): void {
  const s = model.exportState()
  const doc: StateDocument = {
    format: STATE_FILE_FORMAT,
    savedAt: now.toISOString(),
    region: model.options.region,
    accountId: model.options.accountId,
    instances: [...s.instances],
    views: [...s.views.values()].flatMap((byId) => [...byId.values()].map(toJson)),
    awsManaged: [...s.awsManaged.values()].map(toJson),
    ghosts: [...s.ghosts.values()].map(toJson),
    deletedTokens: [...s.deletedTokens],
  }
  const temp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temp, JSON.stringify(doc))
    renameSync(temp, file)
  } catch (e) {
    rmSync(temp, { force: true })
    throw new StateFileError(
      `state file ${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    )
  }
}

function isView(v: unknown): v is JsonView {
  const r = v as Partial<JsonView> | null
  return (
    !!r &&
    typeof r.id === 'string' &&
    typeof r.arn === 'string' &&
    typeof r.name === 'string' &&
    typeof r.type === 'string' &&
    typeof r.saved === 'object' &&
    r.saved !== null &&
    typeof r.tags === 'object' &&
    Array.isArray(r.versions) &&
    r.versions.every((x) => typeof x?.version === 'number' && typeof x.content === 'object')
  )
}

/**
 * Reads a state file written by saveStateFile; undefined when the file does not exist. Throws
 * StateFileError when it is unreadable, not a state document, or written for another region or account.
 */
export function loadStateFile(file: string, expect: { region: string; accountId: string }): ModelState | undefined {
  if (!existsSync(file)) return undefined
  const bad = (why: string) =>
    new StateFileError(`state file ${file}: ${why}; fix or remove it (it is never overwritten while unreadable)`)
  let doc: Partial<StateDocument>
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateDocument>
  } catch (e) {
    throw bad(`not readable JSON (${(e as Error).message.split('\n')[0]})`)
  }
  if (doc?.format !== STATE_FILE_FORMAT)
    throw bad(`not a stub state file (format ${JSON.stringify(doc?.format)}, expected ${STATE_FILE_FORMAT})`)
  if (!Array.isArray(doc.instances) || !doc.instances.every((i) => typeof i === 'string'))
    throw bad('"instances" is not a list of ids')
  for (const key of ['views', 'awsManaged', 'ghosts'] as const) {
    const list = doc[key]
    if (!Array.isArray(list) || !list.every(isView)) throw bad(`"${key}" holds something that is not a view record`)
  }
  if (doc.region !== expect.region || doc.accountId !== expect.accountId) {
    throw bad(
      `written for region ${doc.region} and account ${doc.accountId}, not ${expect.region} and ${expect.accountId} (ARNs embed both)`,
    )
  }
  const views = new Map<string, Map<string, ViewRecord>>(doc.instances.map((i) => [i, new Map()]))
  for (const v of doc.views!) {
    if (!v.instanceId || !views.has(v.instanceId))
      throw bad(`view ${v.id} belongs to an instance the file does not list`)
    views.get(v.instanceId)!.set(v.id, fromJson(v))
  }
  return {
    instances: new Set(doc.instances),
    views,
    awsManaged: new Map(doc.awsManaged!.map((v) => [v.name.toLowerCase(), fromJson(v)])),
    ghosts: new Map(doc.ghosts!.map((v) => [v.id, fromJson(v)])),
    // files written before tokens of deleted views were kept have none
    deletedTokens: new Set(
      Array.isArray(doc.deletedTokens) ? doc.deletedTokens.filter((t): t is string => typeof t === 'string') : [],
    ),
  }
}
