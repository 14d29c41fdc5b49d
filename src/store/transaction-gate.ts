import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * One write transaction at a time on a store with one connection (DuckDB, PGlite), and no
 * write from outside it slipped in. Every caller shares that connection, so a write issued
 * meanwhile by other work (a sign-in's session, an audit entry, a saved review) would run
 * inside the open transaction: lost if it rolls back, or an error for a second BEGIN.
 *
 * A readers-writer lock: writes from outside a transaction share the connection with each
 * other; a transaction waits for the writes under way to finish, then holds it alone, and
 * writes issued meanwhile wait for it to end. The transaction's own statements are known by
 * their async context (AsyncLocalStorage follows them through awaits), keyed to that
 * transaction: work it started and left running does not pass for a later one's. Reads are
 * not held: a computation during a long import keeps answering (and sees its rows).
 */
export class TransactionGate {
  private readonly context = new AsyncLocalStorage<object>()
  /** The open transaction's key, and the promise that settles when it ends. */
  private owner: object | null = null
  private open: Promise<void> | null = null
  /** Writes from outside a transaction under way, and who waits for them to finish. */
  private writing = 0
  private drained: (() => void)[] = []

  /** Whether the caller runs inside the open transaction. */
  get within(): boolean {
    return this.owner !== null && this.context.getStore() === this.owner
  }

  /** Runs a write: at once inside the open transaction, else once none is open. */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    if (this.within) return fn()
    while (this.open) await this.open
    this.writing++
    try {
      return await fn()
    } finally {
      if (--this.writing === 0) for (const done of this.drained.splice(0)) done()
    }
  }

  /** Resolves once nothing is being written: no transaction open, no write under way. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.open) await this.open
      else if (this.writing > 0) await new Promise<void>((resolve) => this.drained.push(resolve))
      else return
    }
  }

  /**
   * Runs `fn` as the one open transaction, once any other has ended and the writes under
   * way have finished; inside the open one, `fn` joins it (as on PostgreSQL).
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.within) return fn()
    // Checked and taken in one step (no await between): two waiters never both go in.
    while (this.open) await this.open
    const key = {}
    let end = () => {}
    this.owner = key
    this.open = new Promise((resolve) => (end = resolve))
    try {
      if (this.writing > 0) await new Promise<void>((resolve) => this.drained.push(resolve))
      return await this.context.run(key, fn)
    } finally {
      this.owner = null
      this.open = null
      end()
    }
  }
}
