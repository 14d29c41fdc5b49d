/**
 * Answers computed for a data version, least recently used first out: a dashboard full of
 * people asking for the same home page costs one computation per write of the data. The
 * same question asked while it is being computed waits for that computation, which is
 * stopped only when every client waiting for it has gone.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(private readonly size = 200) {}

  get(
    version: string,
    key: string,
    compute: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const id = `${version}\u0001${key}`
    let entry = this.entries.get(id)
    if (entry) this.entries.delete(id)
    else {
      const controller = new AbortController()
      const created: Entry<T> = {
        controller,
        waiting: 0,
        settled: false,
        promise: compute(controller.signal),
      }
      created.promise.then(
        () => (created.settled = true),
        () => {
          created.settled = true
          if (this.entries.get(id) === created) this.entries.delete(id)
        },
      )
      entry = created
    }
    this.entries.set(id, entry)
    this.wait(id, entry, signal)
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
    return entry.promise
  }

  /** Counts a waiting client; the last one to leave stops an unfinished computation. */
  private wait(id: string, entry: Entry<T>, signal: AbortSignal | undefined): void {
    if (!signal || entry.settled) return
    entry.waiting++
    signal.addEventListener(
      'abort',
      () => {
        entry.waiting--
        if (entry.waiting > 0 || entry.settled) return
        entry.controller.abort()
        if (this.entries.get(id) === entry) this.entries.delete(id)
      },
      { once: true },
    )
  }
}

interface Entry<T> {
  promise: Promise<T>
  controller: AbortController
  waiting: number
  settled: boolean
}
