import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * One write transaction at a time on a store with one connection (DuckDB, PGlite), and no
 * statement from outside it slipped in. Every caller shares that connection, so a write
 * issued meanwhile by other work (a sign-in's session, an API token's last use, an audit
 * entry, a saved review) would run inside the open transaction: lost if it rolls back, or
 * an error for a second BEGIN. The transaction's own statements are known by their async
 * context (AsyncLocalStorage follows them through awaits); any other write waits for it to
 * end. Reads are not held: a computation during a long import keeps answering.
 */
export class TransactionGate {
  private readonly inside = new AsyncLocalStorage<true>()
  private open: Promise<void> | null = null

  /** Whether the caller runs inside the open transaction. */
  get within(): boolean {
    return this.inside.getStore() === true
  }

  /** Resolves once no transaction other than the caller's own is open. */
  async clear(): Promise<void> {
    while (this.open && !this.within) await this.open
  }

  /**
   * Runs `fn` as the one open transaction, after any other has ended; inside one, `fn`
   * joins it (as a nested transaction on PostgreSQL does).
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.within) return fn()
    // Checked and taken in one step (no await between): two waiters never both go in.
    while (this.open) await this.open
    let end = () => {}
    this.open = new Promise((resolve) => (end = resolve))
    try {
      return await this.inside.run(true, fn)
    } finally {
      this.open = null
      end()
    }
  }
}
