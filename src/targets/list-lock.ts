// Lanes (target.lane()) run sequences concurrently against one instance, and ListViews lists the whole
// instance: while one lane walks the pages of a ListViews, another lane's CreateView, DeleteView or rename
// changes the list under it. The model's keyset pagination shrugs that off, but nothing documents how the
// service pages under concurrent writes (R27's source, botocore's paginators-1.json, names the token keys
// only; src/spec/rules.ts): an offset-based paginator would skip or repeat one of the sequence's own views
// when a view of another lane sorted before it disappears, and R27/R18 would blame a correct service. So the two kinds of work exclude each other: any number of paginated listings
// at once, or any number of list-changing calls at once, never both.
export type ListWork = 'listing' | 'changing'

interface Waiter {
  kind: ListWork
  start: () => void
}

export class ListLock {
  private holding: ListWork | undefined
  private holders = 0
  private readonly queue: Waiter[] = []

  /** Runs `fn` once no work of the other kind is under way (first come, first served between the kinds). */
  async run<T>(kind: ListWork, fn: () => Promise<T>): Promise<T> {
    await this.acquire(kind)
    try {
      return await fn()
    } finally {
      this.release()
    }
  }

  /** What holds the lock now, and how many calls of it (for tests and diagnostics). */
  get state(): { holding: ListWork | undefined; holders: number; waiting: number } {
    return { holding: this.holding, holders: this.holders, waiting: this.queue.length }
  }

  private acquire(kind: ListWork): Promise<void> {
    // joins the current holders only if nobody waits: a waiting listing is not starved by a stream of writes
    if (this.holders === 0 || (this.holding === kind && this.queue.length === 0)) {
      this.holding = kind
      this.holders++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.queue.push({ kind, start: resolve }))
  }

  private release(): void {
    this.holders--
    if (this.holders > 0) return
    this.holding = undefined
    const next = this.queue[0]
    if (!next) return
    // admit the head of the queue and every waiter of the same kind right behind it
    this.holding = next.kind
    while (this.queue[0]?.kind === next.kind) {
      this.holders++
      this.queue.shift()!.start()
    }
  }
}
