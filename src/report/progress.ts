// Progress while a run goes. On a TTY: one live line (property, runs, calls, failures so far) redrawn in
// place, and a permanent line per finished property. Elsewhere (CI logs): plain lines only, plus a heartbeat
// every 30 s so a slow live run never looks hung.
import type { PropertyReport, RegressionVerdict } from './report-types'

export interface ProgressCounters {
  /** fast-check runs started in the current property (shrink attempts included). */
  runs: number
  /** API calls made in the current property. */
  calls: number
}

export interface Progress {
  note(line: string): void
  regression(file: string, verdict: RegressionVerdict, detail: string): void
  propertyStarted(id: string, index: number, total: number, poll: () => ProgressCounters): void
  propertyFinished(p: PropertyReport): void
  /** Stops the live line (safe to call twice). */
  stop(): void
}

export interface ProgressStream {
  write(s: string): unknown
  isTTY?: boolean
  columns?: number
}

const LIVE_EVERY_MS = 120
const HEARTBEAT_EVERY_MS = 30_000

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

export function finishedLine(p: PropertyReport): string {
  const stats = `${p.numRuns} runs, ${p.commandsExecuted} commands, ${seconds(p.durationMs)}`
  if (p.status === 'passed') return `  ✔ ${p.id.padEnd(20)} passed   (${stats})`
  if (p.status === 'failed')
    return `  ✘ ${p.id.padEnd(20)} FAILED   ${p.failure?.rule ?? ''}: ${(p.failure?.message ?? '').split('\n')[0]!.slice(0, 120)} (${stats})`
  return `  - ${p.id.padEnd(20)} ${p.status}`
}

export function createProgress(stream: ProgressStream, opts: { live?: boolean } = {}): Progress {
  const live = opts.live ?? !!stream.isTTY
  let timer: NodeJS.Timeout | undefined
  let failures = 0
  let drawn = false
  let current: { id: string; index: number; total: number; poll: () => ProgressCounters; started: number } | undefined

  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K')
    drawn = false
  }
  const status = () => {
    if (!current) return ''
    const c = current.poll()
    return `[${current.index + 1}/${current.total}] ${current.id}  runs ${c.runs} · calls ${c.calls} · failures so far ${failures}  (${seconds(Date.now() - current.started)})`
  }
  const draw = () => {
    const line = status()
    const width = (stream.columns ?? 100) - 1
    stream.write(`\r\x1b[2K${line.length > width ? line.slice(0, width) : line}`)
    drawn = true
  }
  const stopTimer = () => {
    if (timer) clearInterval(timer)
    timer = undefined
  }
  const println = (line: string) => {
    clear()
    stream.write(line + '\n')
    if (live && current) draw()
  }

  return {
    note: println,
    regression(file, verdict, detail) {
      println(
        `  ${verdict === 'FIXED' ? '✔' : verdict === 'STILL FAILING' ? '✘' : '?'} regression ${file}: ${verdict}${verdict === 'FIXED' ? '' : ` (${detail.split('\n')[0]})`}`,
      )
    },
    propertyStarted(id, index, total, poll) {
      stopTimer()
      current = { id, index, total, poll, started: Date.now() }
      if (live) {
        draw()
        timer = setInterval(draw, LIVE_EVERY_MS)
      } else {
        stream.write(`[${index + 1}/${total}] ${id} …\n`)
        timer = setInterval(() => stream.write(`      still running: ${status()}\n`), HEARTBEAT_EVERY_MS)
      }
      timer.unref()
    },
    propertyFinished(p) {
      stopTimer()
      if (p.status === 'failed') failures++
      current = undefined
      println(finishedLine(p))
    },
    stop() {
      stopTimer()
      current = undefined
      clear()
    },
  }
}
