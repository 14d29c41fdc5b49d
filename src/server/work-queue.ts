/**
 * Work that must not overlap, run one at a time in arrival order: imports and forwarded CLI
 * commands stage files into tables of fixed names, so two at once would read each other's
 * rows. `around` wraps each piece of work, e.g. in `store.session` so a pooled PostgreSQL
 * store runs all of an import (its temporary tables, its transaction) on one connection.
 */
export class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly around: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
  ) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(() => this.around(work))
    this.tail = next.catch(() => {})
    return next
  }
}
