// Writing the emulator's state file (format: src/stub/state-file.ts) at a cost that does not grow with the
// state: after each change the journal appends one line holding only what the change touched — the views it
// names, as differences from what the file already says (head fields, versions added or removed, contents
// not yet in the file) — and every so often compacts the file into a fresh snapshot.
//
// Durability: the line is written (one write(2) on a file opened for appending) before the change is
// acknowledged, so a killed process loses nothing it acknowledged; the kernel holds it. With `fsync` the
// change is also on the disk before it is acknowledged (power loss), with group commit: the changes appended
// while one fsync runs wait for the next one, which covers them all, so N concurrent writers pay for about
// one fsync each round instead of N.
//
// Serialising a 20 KB template costs more than the rest of a change (JSON.stringify escapes it char by char),
// so a content is serialised at most once: a content that a request brought (CreateView, UpdateViewContent)
// is written as that request's body, verbatim (it is JSON already: nothing to escape), and the journal
// remembers where in the file each content's definition lies, so a compaction copies those bytes into the
// new snapshot instead of serialising every template again. Only contents whose bytes it does not know (read
// from the file at start, or changed by no request) are serialised, once per compaction.
//
// Compaction rewrites the whole state (a temp file, fsynced in fsync mode, then renamed over the file), so
// its cost is the state's; it runs when the journal has grown past COMPACT_FACTOR times the last snapshot
// (and at least COMPACT_MIN_BYTES), which keeps the amortised cost per change proportional to the change, and
// a restart reads at most about three times the state. It runs synchronously between two changes: nothing
// is appended while it writes, so the new snapshot holds every line of the old journal.
//
// Why a journal and not SQLite: Node 20 has no built-in sqlite, and the npm packages that embed it download
// or compile a native binary at install time; the state is small enough (hundreds of views) to live in memory,
// so only the log needs to be on disk.
import { close, closeSync, fsync, fsyncSync, openSync, readSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { OperationName } from '../spec'
import type { ViewsModel } from '../model'
import { contentFromInput, sameContent } from '../model/content'
import type { ModelState, VersionRecord, ViewContentRecord, ViewRecord } from '../model/state'
import { parseViewRef, type ViewRef } from '../model/view-ref'
import {
  ContentIds,
  headOf,
  readStateFile,
  replaceFile,
  SNAPSHOT_END,
  snapshotHead,
  StateFileError,
  versionOf,
  type JournalOp,
  type StateFileContents,
  type ViewKey,
} from './state-file'

/** Compact when the journal exceeds this many times the last snapshot … */
export const COMPACT_FACTOR = 2
/** … and this many bytes (a small state is not rewritten every few changes). */
export const COMPACT_MIN_BYTES = 4 * 1024 * 1024

export interface StateJournalOptions {
  /** fsync every acknowledged change (group commit); default false (durable against a killed process only). */
  fsync?: boolean
  compactFactor?: number
  compactMinBytes?: number
}

/** A content definition's bytes in the file. */
interface ByteRange {
  pos: number
  len: number
}

/** A content definition about to be written: the record (serialised), or the request body that brought it. */
type PendingDefinition = { c: number; x: ViewContentRecord } | { c: number; body: string }
type OutgoingOp = Exclude<JournalOp, { c: number }> | PendingDefinition
const LINE_OPEN = '{"ops":['
const LINE_CLOSE = ']}\n'
const REQUEST_OPEN = '{"request":'

type WellFormedCheck = string & { isWellFormed(): boolean }

/**
 * The body of the request that made a change, when it can stand for `content` in the file: it brought that
 * content (its decoded Content is the stored one), and it is one line of well-formed text (JSON Lines; a lone
 * surrogate would not survive UTF-8). It is JSON: the stub decoded `input` from it. Not parsed again to check:
 * that costs as much as the serialising it spares.
 */
function bodyFor(
  content: ViewContentRecord,
  request: { input: Record<string, unknown>; body?: string },
): string | undefined {
  const { input, body } = request
  if (body === undefined || input.Content === undefined) return undefined
  if (!sameContent(content, contentFromInput(input.Content))) return undefined
  // isWellFormed: ES2024, in every Node this package supports (>= 20), not yet in the compiler's lib
  if (body.includes('\n') || body.includes('\r') || !(body as WellFormedCheck).isWellFormed()) return undefined
  return body
}

/** What the file says about one view: its head (as written) and its versions (by record identity). */
interface Shadow {
  head: string
  versions: Map<number, VersionRecord>
}

const keyString = (k: ViewKey) => k.join('\u0000')

function viewAt(state: Readonly<ModelState>, k: ViewKey): ViewRecord | undefined {
  if (k[0] === 'views') return state.views.get(k[1])?.get(k[2])
  return (k[0] === 'aws' ? state.awsManaged : state.ghosts).get(k[1])
}

function allKeys(state: Readonly<ModelState>): ViewKey[] {
  const keys: ViewKey[] = []
  for (const [instanceId, byId] of state.views) for (const id of byId.keys()) keys.push(['views', instanceId, id])
  for (const name of state.awsManaged.keys()) keys.push(['aws', name])
  for (const id of state.ghosts.keys()) keys.push(['ghosts', id])
  return keys
}

function refOf(s: unknown): ViewRef | undefined {
  try {
    return typeof s === 'string' ? parseViewRef(s) : undefined
  } catch {
    return undefined
  }
}

/**
 * The views a successful operation can have changed, from its input and answer; undefined when they cannot
 * be told (the journal then compares every view, which is correct and only slower).
 */
export function touchedViews(
  op: OperationName,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): ViewKey[] | undefined {
  const instanceId = input.InstanceId as string
  if (op === 'CreateView') {
    const id = (output.View as { Id?: unknown } | undefined)?.Id
    return typeof id === 'string' ? [['views', instanceId, id]] : undefined
  }
  const ref = refOf(op === 'TagResource' || op === 'UntagResource' ? input.resourceArn : input.ViewId)
  if (!ref) return undefined
  if (ref.kind === 'aws-managed-arn') return [['aws', ref.name.toLowerCase()]]
  const inInstance = ref.kind === 'customer-arn' && !('InstanceId' in input) ? ref.instanceId : instanceId
  return [
    ['views', inInstance, ref.viewId],
    ['ghosts', ref.viewId],
  ]
}

export class StateJournal {
  private fd: number
  private ids: ContentIds
  private shadows = new Map<string, Shadow>()
  private instances = new Set<string>()
  private tokens = new Set<string>()
  private snapshotBytes = 0
  private journalBytes = 0
  /** Where the file holds each content's definition (by content id), for compaction to copy. */
  private ranges = new Map<number, ByteRange>()
  private syncing: Promise<void> | null = null
  private queued: Promise<void> | null = null
  /** Descriptors replaced by a compaction while an fsync on them was running: closed once it ends. */
  private retired: number[] = []
  /** Counters for benches and the serve banner. */
  readonly stats = {
    entries: 0,
    bytes: 0,
    compactions: 0,
    fsyncs: 0,
    /** Contents serialised (their templates escaped): the ones no request body or earlier bytes stood for. */
    serialised: 0,
  }

  private constructor(
    readonly file: string,
    private readonly model: ViewsModel,
    private readonly opts: StateJournalOptions,
    loaded: StateFileContents | undefined,
  ) {
    this.ids = loaded?.ids ?? new ContentIds()
    if (!loaded || loaded.droppedTail || loaded.oldFormat) {
      this.fd = -1
      this.compact() // nothing yet, a damaged last line, or the old format: start from a clean file
    } else {
      this.fd = this.openAppend()
      this.snapshotBytes = loaded.snapshotBytes
      this.journalBytes = loaded.journalBytes
      this.rebuildShadows()
    }
  }

  /**
   * Restores `model` from `file` (when it exists) and returns the journal that persists its later changes.
   * Throws StateFileError when the file is unreadable, of another region or account, or cannot be written.
   */
  static open(
    file: string,
    model: ViewsModel,
    opts: StateJournalOptions = {},
  ): { journal: StateJournal; restored?: StateFileContents } {
    const restored = readStateFile(file, { region: model.options.region, accountId: model.options.accountId })
    if (restored) model.importState(restored.state)
    return { journal: new StateJournal(file, model, opts, restored), restored }
  }

  private openAppend(): number {
    try {
      return openSync(this.file, 'a')
    } catch (e) {
      throw new StateFileError(
        `state file ${this.file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      )
    }
  }

  private rebuildShadows(): void {
    const state = this.model.liveState
    this.shadows.clear()
    for (const k of allKeys(state)) this.shadows.set(keyString(k), this.shadowOf(viewAt(state, k)!))
    this.instances = new Set(state.instances)
    this.tokens = new Set(state.deletedTokens)
  }

  private contentId = (c: ViewContentRecord): number => this.ids.of(c)[0]

  private shadowOf(v: ViewRecord): Shadow {
    return { head: JSON.stringify(headOf(v, this.contentId)), versions: new Map(v.versions) }
  }

  /**
   * Records the change an operation just made (call after it succeeded, before answering) and returns a
   * promise that settles when the change is durable: at once without fsync, after the next group fsync with it.
   * `body`: the text `input` was decoded from (the stub's request body); when the request brought a content
   * the model stored, the file takes the body as its definition (and reads it back as the stub decodes it).
   */
  afterChange(
    op: OperationName,
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    body?: string,
  ): Promise<void> {
    const ops = this.diff(touchedViews(op, input, output), { input, body })
    if (ops.length > 0) this.append(ops)
    if (
      this.journalBytes >
      Math.max(
        this.opts.compactMinBytes ?? COMPACT_MIN_BYTES,
        (this.opts.compactFactor ?? COMPACT_FACTOR) * this.snapshotBytes,
      )
    )
      this.compact()
    return ops.length > 0 && this.opts.fsync ? this.durable() : Promise.resolve()
  }

  /** Journal operations that bring the file up to the model's state, looking only at `keys` (all views when undefined). */
  private diff(keys: ViewKey[] | undefined, request?: { input: Record<string, unknown>; body?: string }): OutgoingOp[] {
    const state = this.model.liveState
    const ops: OutgoingOp[] = []
    let bodyWritten = false
    if (state.instances.size !== this.instances.size) {
      for (const i of state.instances)
        if (!this.instances.has(i)) {
          this.instances.add(i)
          ops.push({ instance: i })
        }
    }
    // ghosts only ever appear (quirk delete-view-leaves-versions); a new one is found by its view's key
    const scan = keys ?? [
      ...allKeys(state),
      ...[...this.shadows.keys()].map((s) => s.split('\u0000') as ViewKey).filter((k) => !viewAt(state, k)),
    ]
    const seen = new Set<string>()
    for (const key of scan) {
      const ks = keyString(key)
      if (seen.has(ks)) continue
      seen.add(ks)
      const v = viewAt(state, key)
      const shadow = this.shadows.get(ks)
      if (!v) {
        if (shadow) {
          this.shadows.delete(ks)
          ops.push({ drop: key })
        }
        continue
      }
      const defs: PendingDefinition[] = []
      const content = (c: ViewContentRecord) => {
        const [id, isNew] = this.ids.of(c)
        if (isNew) {
          const body = request && !bodyWritten ? bodyFor(c, request) : undefined
          bodyWritten ||= body !== undefined
          defs.push(body !== undefined ? { c: id, body } : { c: id, x: c })
        }
        return id
      }
      const head = headOf(v, content)
      const headText = JSON.stringify(head)
      const vp = [...v.versions.values()].filter((r) => shadow?.versions.get(r.version) !== r)
      const vd = shadow ? [...shadow.versions.keys()].filter((n) => !v.versions.has(n)) : []
      if (shadow && headText === shadow.head && vp.length === 0 && vd.length === 0) continue
      const put: JournalOp = {
        put: key,
        ...(headText !== shadow?.head ? { head } : {}),
        ...(vp.length ? { vp: vp.map((r) => versionOf(r, content)) } : {}),
        ...(vd.length ? { vd } : {}),
      }
      ops.push(...defs, put)
      this.shadows.set(ks, { head: headText, versions: new Map(v.versions) })
    }
    if (state.deletedTokens.size !== this.tokens.size) {
      for (const t of state.deletedTokens)
        if (!this.tokens.has(t)) {
          this.tokens.add(t)
          ops.push({ token: t })
        }
    }
    return ops
  }

  private append(ops: OutgoingOp[]): void {
    // the line, and where in it each content definition lies (bytes; the keys and ids are ASCII)
    const lineStart = this.snapshotBytes + this.journalBytes
    let at = LINE_OPEN.length
    const defined: [number, ByteRange][] = []
    const parts = ops.map((op, i) => {
      const sep = i ? 1 : 0
      if (!('c' in op)) {
        const json = JSON.stringify(op)
        at += sep + Buffer.byteLength(json)
        return json
      }
      const key = `{"c":${op.c},"x":`
      let definition: string
      let len: number
      if ('body' in op) {
        definition = `${REQUEST_OPEN}${op.body}}`
        len = REQUEST_OPEN.length + Buffer.byteLength(op.body) + 1
      } else {
        definition = JSON.stringify(op.x)
        len = Buffer.byteLength(definition)
        this.stats.serialised++
      }
      defined.push([op.c, { pos: lineStart + at + sep + key.length, len }])
      at += sep + key.length + len + 1
      return `${key}${definition}}`
    })
    const text = `${LINE_OPEN}${parts.join(',')}${LINE_CLOSE}`
    let line: Buffer | undefined
    let written = 0
    try {
      // one write(2) of the string; a short write (rare) goes on from the bytes
      const bytes = Buffer.byteLength(text)
      written = writeSync(this.fd, text)
      if (written < bytes) line = Buffer.from(text)
      while (line && written < line.length) written += writeSync(this.fd, line, written)
      // the positions counted above are where compaction copies definitions from: never a guess
      if (bytes === at + LINE_CLOSE.length) for (const [id, range] of defined) this.ranges.set(id, range)
    } catch (e) {
      throw new StateFileError(
        `state file ${this.file}: cannot append (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      )
    }
    this.journalBytes += written
    this.stats.entries++
    this.stats.bytes += written
  }

  /** Resolves once everything appended so far is on the disk (group commit: one fsync serves every waiter). */
  durable(): Promise<void> {
    if (this.queued) return this.queued
    const start = async () => {
      this.queued = null
      const fd = this.fd
      this.stats.fsyncs++
      this.syncing = new Promise<void>((done, fail) => fsync(fd, (e) => (e ? fail(e) : done())))
      try {
        await this.syncing
      } finally {
        this.syncing = null
        for (const old of this.retired.splice(0)) closeInBackground(old)
      }
    }
    this.queued = (this.syncing ?? Promise.resolve()).then(start, start)
    return this.queued
  }

  /**
   * Rewrites the file as one snapshot of the whole state (atomically) and starts an empty journal after it.
   * Content definitions are copied from the file where it holds them, serialised otherwise.
   */
  compact(): void {
    const ids = new ContentIds()
    const { head, contents } = snapshotHead(this.model, ids)
    const parts: Buffer[] = [Buffer.from(head)]
    let at = parts[0]!.length
    const ranges = new Map<number, ByteRange>()
    const source = this.fd >= 0 ? this.openRead() : -1
    try {
      for (const [i, [id, c]] of contents.entries()) {
        const key = Buffer.from(`${i ? ',' : ''}"${id}":`)
        const definition = this.definitionBytes(source, c)
        parts.push(key, definition)
        ranges.set(id, { pos: at + key.length, len: definition.length })
        at += key.length + definition.length
      }
    } finally {
      if (source >= 0) closeSync(source)
    }
    parts.push(Buffer.from(SNAPSHOT_END))
    replaceFile(this.file, parts, this.opts.fsync ? fsyncFile : undefined)
    this.ids = ids
    this.ranges = ranges
    if (this.opts.fsync) fsyncFile(dirname(this.file)) // the rename itself
    if (this.fd >= 0) {
      if (this.syncing) this.retired.push(this.fd)
      else closeInBackground(this.fd)
    }
    this.fd = this.openAppend()
    this.snapshotBytes = at + SNAPSHOT_END.length
    this.journalBytes = 0
    this.stats.compactions++
    this.rebuildShadows()
  }

  /** The file for reading definitions back, or -1 (then every content is serialised). */
  private openRead(): number {
    try {
      return openSync(this.file, 'r')
    } catch {
      return -1
    }
  }

  /** A content's definition: its bytes in the current file when known (the checks are cheap), else serialised. */
  private definitionBytes(source: number, c: ViewContentRecord): Buffer {
    const id = this.ids.idOf(c)
    const range = id === undefined ? undefined : this.ranges.get(id)
    if (range && source >= 0) {
      const bytes = Buffer.allocUnsafe(range.len)
      let got = 0
      for (let n = -1; got < range.len && n !== 0; got += n)
        n = readSync(source, bytes, got, range.len - got, range.pos + got)
      if (got === range.len && bytes[0] === 0x7b && bytes[range.len - 1] === 0x7d) return bytes // { … }
    }
    this.stats.serialised++
    return Buffer.from(JSON.stringify(c))
  }

  /** Compacts (so the next start reads one snapshot) and closes the file. */
  async close(): Promise<void> {
    await this.syncing?.catch(() => {})
    this.compact()
    closeSync(this.fd)
    this.fd = -1
  }
}

/**
 * Closes a descriptor of the file a compaction replaced, off the main thread: the last close of a renamed-over
 * file frees its blocks, milliseconds for a large journal. Nothing is written through it any more.
 */
function closeInBackground(fd: number): void {
  close(fd, () => {})
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
