import { writeState } from '../store/transaction.js'
import type { Io } from './io.js'

/**
 * Ctrl-C during a write rolls it back or lets it finish, and says which. With a write
 * transaction open and not yet committing, the statement is interrupted and the transaction
 * rolls back; once COMMIT is under way it is left to finish. Outside a write, or at a second
 * Ctrl-C, the process stops at once — which is safe too: a write is all or nothing whatever
 * stops it (see DuckdbStore's file settings).
 */
export function handleInterrupts(io: Io): void {
  process.on('SIGINT', () => {
    const active = writeState.active
    // A command with its own way to stop (serve closes its server) keeps it.
    if (!active && process.listenerCount('SIGINT') > 1) return
    if (!active || writeState.interrupted) {
      io.err('\nmiernik: interrupted')
      process.exit(130)
    }
    writeState.interrupted = true
    if (active.committing) {
      io.err(
        '\nmiernik: interrupted while committing: letting the write finish (Ctrl-C again to stop now)',
      )
    } else {
      io.err('\nmiernik: interrupted: rolling back (Ctrl-C again to stop now)')
      active.store.interrupt()
    }
  })
}

/** What became of an interrupted write, and the exit code: 130, as for any interrupt. */
export function interruptOutcome(io: Io, code: number): number {
  if (!writeState.interrupted) return code
  io.err(
    code === 0
      ? 'miernik: the write had been committed when interrupted: it landed whole'
      : 'miernik: rolled back: nothing of this write was saved',
  )
  return 130
}
