/**
 * Work that must not overlap, run one at a time in arrival order: imports and forwarded CLI
 * commands stage files into tables of fixed names on the store's one connection, so two at
 * once would read each other's rows.
 */
export class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work)
    this.tail = next.catch(() => {})
    return next
  }
}
