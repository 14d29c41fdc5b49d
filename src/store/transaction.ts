import type { Store } from './store.js'

/**
 * BEGIN, `fn`, COMMIT; ROLLBACK if it throws. Both engines speak this; a failed ROLLBACK
 * (a lost connection) must not hide the error that caused it.
 */
export async function inTransaction<T>(
  store: Pick<Store, 'run'>,
  fn: () => Promise<T>,
): Promise<T> {
  await store.run('BEGIN')
  try {
    const result = await fn()
    await store.run('COMMIT')
    return result
  } catch (e) {
    await store.run('ROLLBACK').catch(() => {})
    throw e
  }
}
