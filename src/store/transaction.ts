import type { Store } from './store.js'

/**
 * The write transaction this process has open, if any: whether it has reached COMMIT, and
 * whether the user asked to stop (Ctrl-C). The CLI reads it to roll back or let the commit
 * finish, and to say which.
 */
export const writeState: {
  active: { store: Pick<Store, 'interrupt'>; committing: boolean } | null
  interrupted: boolean
} = { active: null, interrupted: false }

/**
 * BEGIN, `fn`, COMMIT; ROLLBACK if it throws. Both engines speak this; a failed ROLLBACK
 * (a lost connection) must not hide the error that caused it.
 */
export async function inTransaction<T>(
  store: Pick<Store, 'run' | 'interrupt'>,
  fn: () => Promise<T>,
): Promise<T> {
  await store.run('BEGIN')
  const mine = { store, committing: false }
  writeState.active = mine
  try {
    const result = await fn()
    mine.committing = true
    await store.run('COMMIT')
    return result
  } catch (e) {
    await store.run('ROLLBACK').catch(() => {})
    throw e
  } finally {
    if (writeState.active === mine) writeState.active = null
  }
}
