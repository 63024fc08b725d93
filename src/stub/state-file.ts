// Persistence for the stub as an emulator (`conformance serve --state-file F`): the file format and how it is
// read. The file is JSON Lines: its first line is a snapshot of the model's whole state (instances, views with
// $SAVED/$LATEST, every numbered version, tags, AWS-managed views, ghosts, ClientTokens of deleted views), each
// later line one acknowledged change (a journal entry: the views it touched, as differences). Contents are
// stored once each (a table of ids), since $SAVED, $LATEST and the versions published from them share them.
// A content's definition is its record ({"template","actions"}) or, as a journaling server writes it, the
// request that brought it ({"request": <the CreateView or UpdateViewContent body, verbatim>}: its Content is
// the content), which spares serialising a template of up to 400 KB that the request already holds as JSON.
// Writing (appending an entry, compacting the file into a new snapshot) is src/stub/state-journal.ts.
//
// A file that is not a state document for this region and account is an error naming the file, never
// silently replaced. Only the last line may be incomplete (a process killed or a machine losing power while
// appending): that change was never acknowledged, so it is dropped and reported, not refused. Files of the
// earlier formats are still read (and compacted into this one before anything is appended): `stub-state@1`,
// one JSON document, and `stub-state@2`, this one without request bodies as definitions (the format's number
// changed with them so that a version reading only @2 refuses a newer file instead of misreading it).
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
  writevSync,
} from 'node:fs'
import type { ViewsModel } from '../model'
import { contentFromInput } from '../model/content'
import type { ModelState, VersionRecord, ViewContentRecord, ViewRecord } from '../model/state'

export const STATE_FILE_FORMAT = 'connect-views-conformance/stub-state@3'
const FORMAT_V1 = 'connect-views-conformance/stub-state@1'
/** As 3, without request bodies as content definitions: a version that reads only 2 must refuse the file, not misread it. */
const FORMAT_V2 = 'connect-views-conformance/stub-state@2'

export class StateFileError extends Error {}

/** Where a view lives in the state: an instance's customer views, the AWS-managed views by name, or the ghosts. */
export type ViewKey = ['views', instanceId: string, viewId: string] | ['aws', name: string] | ['ghosts', viewId: string]

/** A view record without its versions, contents replaced by their ids in the content table. */
export type JsonHead = Omit<ViewRecord, 'versions' | 'saved' | 'latest'> & {
  saved: { content: number; status: 'SAVED' | 'PUBLISHED' }
  latest?: number
}
export type JsonVersion = Omit<VersionRecord, 'content'> & { content: number }
type JsonView = JsonHead & { versions: JsonVersion[] }

interface SnapshotDocument {
  format: typeof STATE_FILE_FORMAT
  savedAt: string
  /** ARNs in the state embed these: a restart must use the same ones. */
  region: string
  accountId: string
  instances: string[]
  contents: Record<string, ContentDefinition>
  views: JsonView[]
  awsManaged: JsonView[]
  ghosts: JsonView[]
  /** ClientTokens of deleted views (whether they may be reused is a choice: clientTokenAfterDelete). */
  deletedTokens: string[]
}

/** A content as the file defines it: the record, or the request whose Content it is (written verbatim). */
export type ContentDefinition = ViewContentRecord | { request: { Content?: unknown } }

/** One operation of a journal entry; an entry (one line) holds every operation of one acknowledged change. */
export type JournalOp =
  | { c: number; x: ContentDefinition }
  | { put: ViewKey; head?: JsonHead; vp?: JsonVersion[]; vd?: number[] }
  | { drop: ViewKey }
  | { instance: string }
  | { token: string }

export interface JournalEntry {
  ops: JournalOp[]
}

/** Assigns each content record one id per file generation (a WeakMap: contents are immutable and shared). */
export class ContentIds {
  private ids = new WeakMap<ViewContentRecord, number>()
  private next = 1

  /** The id of `c`, and whether it is new (its definition still has to be written). */
  of(c: ViewContentRecord): [id: number, isNew: boolean] {
    const known = this.ids.get(c)
    if (known !== undefined) return [known, false]
    const id = this.next++
    this.ids.set(c, id)
    return [id, true]
  }

  /** The id of `c` when it has one (no new id is assigned). */
  idOf(c: ViewContentRecord): number | undefined {
    return this.ids.get(c)
  }

  /** Contents a file already defines (after reading it). */
  adopt(c: ViewContentRecord, id: number): void {
    this.ids.set(c, id)
    if (id >= this.next) this.next = id + 1
  }
}

/** The content a definition stands for (a record as it is; a request's Content converted as the model does). */
export function definedContent(x: unknown): ViewContentRecord {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new Error('a content definition is not an object')
  if (!('request' in x)) return x as ViewContentRecord
  const request = (x as { request: unknown }).request
  if (typeof request !== 'object' || request === null)
    throw new Error("a content definition's request is not an object")
  // as the stub decodes a body: a null member is an absent one
  const c = (request as { Content?: { Template?: unknown; Actions?: unknown } | null }).Content
  return contentFromInput({ Template: c?.Template ?? undefined, Actions: c?.Actions ?? undefined })
}

export function headOf(v: ViewRecord, content: (c: ViewContentRecord) => number): JsonHead {
  const { versions: _versions, saved, latest, ...rest } = v
  return {
    ...rest,
    saved: { content: content(saved.content), status: saved.status },
    ...(latest ? { latest: content(latest) } : {}),
  }
}

export const versionOf = (r: VersionRecord, content: (c: ViewContentRecord) => number): JsonVersion => ({
  ...r,
  content: content(r.content),
})

/**
 * The whole state as a snapshot line without its content table: `head` is the line up to the table's first
 * entry, `contents` the table's entries in order (numbered afresh into `ids`); the line is `head`, then
 * `"id":definition` for each content, comma separated, then SNAPSHOT_END.
 */
export function snapshotHead(
  model: ViewsModel,
  ids: ContentIds,
  now = new Date(),
): { head: string; contents: [id: number, content: ViewContentRecord][] } {
  const s = model.liveState
  const contents: [number, ViewContentRecord][] = []
  const content = (c: ViewContentRecord) => {
    const [id, isNew] = ids.of(c)
    if (isNew) contents.push([id, c])
    return id
  }
  const view = (v: ViewRecord): JsonView => ({
    ...headOf(v, content),
    versions: [...v.versions.values()].map((r) => versionOf(r, content)),
  })
  const doc: Omit<SnapshotDocument, 'contents'> = {
    format: STATE_FILE_FORMAT,
    savedAt: now.toISOString(),
    region: model.options.region,
    accountId: model.options.accountId,
    instances: [...s.instances],
    views: [...s.views.values()].flatMap((byId) => [...byId.values()].map(view)),
    awsManaged: [...s.awsManaged.values()].map(view),
    ghosts: [...s.ghosts.values()].map(view),
    deletedTokens: [...s.deletedTokens],
  }
  return { head: `${JSON.stringify(doc).slice(0, -1)},"contents":{`, contents }
}
export const SNAPSHOT_END = '}}\n'

/** The whole state as the snapshot line of a state file (contents numbered afresh into `ids`). */
export function snapshotLine(model: ViewsModel, ids: ContentIds, now = new Date()): string {
  const { head, contents } = snapshotHead(model, ids, now)
  return `${head}${contents.map(([id, c]) => `"${id}":${JSON.stringify(c)}`).join(',')}${SNAPSHOT_END}`
}

/** Writes `text` to `file` atomically (a temp file beside it, then rename); `sync` fsyncs before the rename. */
/**
 * Writes `text` (a string, or its parts: written as they are, with no copy of the whole) to `file` atomically
 * (a temp file beside it, then rename); `sync` fsyncs before the rename.
 */
export function replaceFile(file: string, text: string | readonly Uint8Array[], sync?: (temp: string) => void): void {
  const temp = `${file}.${process.pid}.tmp`
  try {
    if (typeof text === 'string') writeFileSync(temp, text)
    else writeParts(temp, text)
    sync?.(temp)
    renameSync(temp, file)
  } catch (e) {
    rmSync(temp, { force: true })
    throw new StateFileError(
      `state file ${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    )
  }
}

/** At most this many buffers per writev(2) (Linux's IOV_MAX is 1024). */
const WRITEV_BATCH = 512

function writeParts(path: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(path, 'w')
  try {
    for (let i = 0; i < parts.length; i += WRITEV_BATCH) {
      const batch = parts.slice(i, i + WRITEV_BATCH)
      let written = writevSync(fd, batch)
      // a short write (rare): the rest of the batch one buffer at a time
      for (const part of batch) {
        if (written >= part.length) {
          written -= part.length
          continue
        }
        for (let at = written; at < part.length; ) at += writeSync(fd, part, at)
        written = 0
      }
    }
  } finally {
    closeSync(fd)
  }
}

/** Writes the model's whole state to `file` atomically, as a snapshot with an empty journal. */
export function saveStateFile(file: string, model: ViewsModel, now = new Date()): void {
  replaceFile(file, snapshotLine(model, new ContentIds(), now))
}

// ---- reading ----

function isHead(v: unknown, v1: boolean): v is JsonHead {
  const r = v as Partial<JsonHead> | null
  return (
    !!r &&
    typeof r.id === 'string' &&
    typeof r.arn === 'string' &&
    typeof r.name === 'string' &&
    typeof r.type === 'string' &&
    typeof r.saved === 'object' &&
    r.saved !== null &&
    (v1 ? typeof r.saved.content === 'object' : typeof r.saved.content === 'number') &&
    typeof r.tags === 'object'
  )
}

function isView(v: unknown, v1: boolean): v is JsonView {
  const versions = (v as { versions?: unknown } | null)?.versions
  return (
    isHead(v, v1) &&
    Array.isArray(versions) &&
    versions.every(
      (x: JsonVersion) =>
        typeof x?.version === 'number' && (v1 ? typeof x.content === 'object' : typeof x.content === 'number'),
    )
  )
}

export interface StateFileContents {
  state: ModelState
  /** The content ids the file uses (a writer appending to it goes on with them). */
  ids: ContentIds
  /** Bytes of the snapshot line and of the journal after it. */
  snapshotBytes: number
  journalBytes: number
  journalEntries: number
  /** The last line was incomplete or unreadable: a change that was never acknowledged, dropped. */
  droppedTail: boolean
  /** Written in an older format: a writer compacts it before appending. */
  oldFormat: boolean
}

/**
 * Reads a state file (snapshot plus journal); undefined when it does not exist. Throws StateFileError when it
 * is unreadable, not a state document, or written for another region or account.
 */
export function readStateFile(
  file: string,
  expect: { region: string; accountId: string },
): StateFileContents | undefined {
  if (!existsSync(file)) return undefined
  const bad = (why: string) =>
    new StateFileError(`state file ${file}: ${why}; fix or remove it (it is never overwritten while unreadable)`)
  // bytes, not one string: lines are decoded one at a time, and sizes need no re-encoding
  const bytes = readFileSync(file)
  const firstEnd = bytes.indexOf(10)
  const first = bytes.toString('utf8', 0, firstEnd < 0 ? bytes.length : firstEnd)
  let doc: Omit<Partial<SnapshotDocument>, 'format'> & { format?: string }
  try {
    doc = JSON.parse(first) as Partial<SnapshotDocument>
  } catch (e) {
    throw bad(`not readable JSON (${(e as Error).message.split('\n')[0]})`)
  }
  const v1 = doc?.format === FORMAT_V1
  const v2 = doc?.format === FORMAT_V2
  if (doc?.format !== STATE_FILE_FORMAT && !v1 && !v2)
    throw bad(`not a stub state file (format ${JSON.stringify(doc?.format)}, expected ${STATE_FILE_FORMAT})`)
  if (!Array.isArray(doc.instances) || !doc.instances.every((i) => typeof i === 'string'))
    throw bad('"instances" is not a list of ids')
  for (const key of ['views', 'awsManaged', 'ghosts'] as const) {
    const list = doc[key]
    if (!Array.isArray(list) || !list.every((v) => isView(v, v1)))
      throw bad(`"${key}" holds something that is not a view record`)
  }
  if (!v1 && (typeof doc.contents !== 'object' || doc.contents === null)) throw bad('"contents" is not a table')
  if (doc.region !== expect.region || doc.accountId !== expect.accountId) {
    throw bad(
      `written for region ${doc.region} and account ${doc.accountId}, not ${expect.region} and ${expect.accountId} (ARNs embed both)`,
    )
  }
  const ids = new ContentIds()
  const table = new Map<number, ViewContentRecord>()
  for (const [id, x] of Object.entries(doc.contents ?? {})) {
    let c: ViewContentRecord
    try {
      c = definedContent(x)
    } catch (e) {
      throw bad(`content ${id}: ${(e as Error).message}`)
    }
    table.set(Number(id), c)
    ids.adopt(c, Number(id))
  }
  const contentAt = (id: number | ViewContentRecord, where: string): ViewContentRecord => {
    if (typeof id === 'object') return id // format 1: contents inline
    const c = table.get(id)
    if (!c) throw bad(`${where} names content ${id}, which the file does not define`)
    return c
  }
  const recordOf = (h: JsonHead, versions: Map<number, VersionRecord>, where: string): ViewRecord => {
    const { latest, ...rest } = h
    return {
      ...rest,
      saved: { content: contentAt(h.saved.content, where), status: h.saved.status },
      ...(latest !== undefined ? { latest: contentAt(latest, where) } : {}),
      versions,
    }
  }
  const versionRecord = (r: JsonVersion, where: string): VersionRecord => ({
    ...r,
    content: contentAt(r.content, where),
  })
  const fromJson = (v: JsonView): ViewRecord => {
    const { versions, ...head } = v
    return recordOf(head, new Map(versions.map((r) => [r.version, versionRecord(r, `view ${v.id}`)])), `view ${v.id}`)
  }
  const state: ModelState = {
    instances: new Set(doc.instances),
    views: new Map(doc.instances.map((i) => [i, new Map()])),
    awsManaged: new Map(doc.awsManaged!.map((v) => [v.name.toLowerCase(), fromJson(v)])),
    ghosts: new Map(doc.ghosts!.map((v) => [v.id, fromJson(v)])),
    // files written before tokens of deleted views were kept have none
    deletedTokens: new Set(
      Array.isArray(doc.deletedTokens) ? doc.deletedTokens.filter((t): t is string => typeof t === 'string') : [],
    ),
  }
  for (const v of doc.views!) {
    if (!v.instanceId || !state.views.has(v.instanceId))
      throw bad(`view ${v.id} belongs to an instance the file does not list`)
    state.views.get(v.instanceId)!.set(v.id, fromJson(v))
  }
  // the journal: one entry per line, applied in order; text after the last newline is an incomplete entry
  const lastEnd = bytes.lastIndexOf(10)
  let droppedTail = firstEnd >= 0 && lastEnd < bytes.length - 1
  let entries = 0
  for (let start = firstEnd + 1, line = 2; firstEnd >= 0 && start <= lastEnd; line++) {
    const end = bytes.indexOf(10, start)
    let entry: JournalEntry
    try {
      entry = JSON.parse(bytes.toString('utf8', start, end)) as JournalEntry
      if (!Array.isArray(entry?.ops)) throw new Error('no "ops" list')
    } catch (e) {
      // only the last line may be damaged: it was being written when the process or machine stopped
      if (end === lastEnd && !droppedTail) {
        droppedTail = true
        break
      }
      throw bad(`journal line ${line} is not an entry (${(e as Error).message.split('\n')[0]})`)
    }
    try {
      applyEntry(state, entry, table, ids, recordOf, versionRecord)
    } catch (e) {
      throw bad(`journal line ${line}: ${(e as Error).message}`)
    }
    entries++
    start = end + 1
  }
  return {
    state,
    ids,
    snapshotBytes: firstEnd < 0 ? bytes.length : firstEnd + 1,
    journalBytes: firstEnd < 0 ? 0 : bytes.length - firstEnd - 1,
    journalEntries: entries,
    droppedTail,
    oldFormat: v1 || v2,
  }
}

function applyEntry(
  state: ModelState,
  entry: JournalEntry,
  table: Map<number, ViewContentRecord>,
  ids: ContentIds,
  recordOf: (h: JsonHead, versions: Map<number, VersionRecord>, where: string) => ViewRecord,
  versionRecord: (r: JsonVersion, where: string) => VersionRecord,
): void {
  const mapOf = (key: ViewKey): Map<string, ViewRecord> => {
    if (key[0] === 'aws') return state.awsManaged
    if (key[0] === 'ghosts') return state.ghosts
    const byId = state.views.get(key[1])
    if (!byId) throw new Error(`a view of instance ${key[1]}, which the file does not list`)
    return byId
  }
  for (const op of entry.ops) {
    if ('c' in op) {
      const c = definedContent(op.x)
      table.set(op.c, c)
      ids.adopt(c, op.c)
    } else if ('instance' in op) {
      state.instances.add(op.instance)
      if (!state.views.has(op.instance)) state.views.set(op.instance, new Map())
    } else if ('token' in op) state.deletedTokens.add(op.token)
    else if ('drop' in op) mapOf(op.drop).delete(op.drop[op.drop.length - 1]!)
    else if ('put' in op) {
      const map = mapOf(op.put)
      const name = op.put[op.put.length - 1]!
      const where = `view ${name}`
      const old = map.get(name)
      if (!old && !op.head) throw new Error(`changes view ${name} before creating it`)
      const versions = new Map(old?.versions)
      for (const n of op.vd ?? []) versions.delete(n)
      for (const r of op.vp ?? []) versions.set(r.version, versionRecord(r, where))
      map.set(name, op.head ? recordOf(op.head, versions, where) : { ...old!, versions })
    } else throw new Error(`unknown operation ${JSON.stringify(op).slice(0, 60)}`)
  }
}

/**
 * Reads a state file written by saveStateFile or a journaling server; undefined when the file does not exist.
 * Throws StateFileError when it is unreadable, not a state document, or written for another region or account.
 */
export function loadStateFile(file: string, expect: { region: string; accountId: string }): ModelState | undefined {
  return readStateFile(file, expect)?.state
}
