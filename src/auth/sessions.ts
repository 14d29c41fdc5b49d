import type { Store } from '../store/store.js'
import { newSecret, readTime, secretHash, sqlTime } from './secrets.js'
import { findUser, type User } from './users.js'

/** A session lasts a working day and a half; signing in again starts a new one. */
export const SESSION_HOURS = 12

/**
 * A new session for a user who just signed in: a fresh secret every time (a session id
 * planted before sign-in is never the one used after it), kept hashed.
 */
export async function createSession(
  store: Store,
  email: string,
  now: Date,
): Promise<{ token: string; expires: Date }> {
  const token = newSecret()
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000)
  await store.run(
    'INSERT INTO sessions (token_hash, email, created_at, expires_at) VALUES ($1, $2, CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP))',
    [secretHash(token), email, sqlTime(now), sqlTime(expires)],
  )
  return { token, expires }
}

/** The user of a live session; an expired one is removed and gives nobody. */
export async function sessionUser(store: Store, token: string, now: Date): Promise<User | null> {
  const hash = secretHash(token)
  const [row] = await store.query(
    'SELECT email, CAST(expires_at AS VARCHAR) AS expires_at FROM sessions WHERE token_hash = $1',
    [hash],
  )
  if (!row) return null
  const expires = readTime(row.expires_at)
  if (!expires || expires.getTime() <= now.getTime()) {
    await store.run('DELETE FROM sessions WHERE token_hash = $1', [hash])
    return null
  }
  return findUser(store, String(row.email))
}

export async function endSession(store: Store, token: string): Promise<void> {
  await store.run('DELETE FROM sessions WHERE token_hash = $1', [secretHash(token)])
}
