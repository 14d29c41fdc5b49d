import type { Store } from '../store/store.js'
import { verifyPassword } from './passwords.js'
import { readTime, sqlTime } from './secrets.js'
import { findUser, normaliseEmail, type User } from './users.js'

/** After this many wrong passwords in a row the account waits LOCK_MINUTES. */
export const MAX_FAILURES = 5
export const LOCK_MINUTES = 15

/** A hash to verify against when the e-mail is unknown: the answer takes as long either way. */
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'locked'; until: Date }

/**
 * Checks an e-mail and password. Wrong ones say only that (never which of the two);
 * MAX_FAILURES in a row lock the account for LOCK_MINUTES, said with the time it opens.
 */
export async function signIn(
  store: Store,
  emailInput: string,
  password: string,
  now: Date,
): Promise<SignInResult> {
  let email: string
  try {
    email = normaliseEmail(emailInput)
  } catch {
    await verifyPassword(password, DUMMY_HASH)
    return { ok: false, reason: 'bad_credentials' }
  }
  const [row] = await store.query(
    'SELECT password_hash, failed_sign_ins, CAST(locked_until AS VARCHAR) AS locked_until FROM users WHERE email = $1',
    [email],
  )
  if (!row) {
    await verifyPassword(password, DUMMY_HASH)
    return { ok: false, reason: 'bad_credentials' }
  }
  const lockedUntil = readTime(row.locked_until)
  if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
    return { ok: false, reason: 'locked', until: lockedUntil }
  }
  if (await verifyPassword(password, String(row.password_hash))) {
    await store.run('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE email = $1', [
      email,
    ])
    const user = await findUser(store, email)
    return user ? { ok: true, user } : { ok: false, reason: 'bad_credentials' }
  }
  // Counted in the database, not from the count read above: attempts made at the same time
  // (the password check takes a while) each add one, so none is lost to the lockout.
  await store.run('UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE email = $1', [
    email,
  ])
  const [counted] = await store.query('SELECT failed_sign_ins FROM users WHERE email = $1', [email])
  if (Number(counted?.failed_sign_ins ?? 0) >= MAX_FAILURES) {
    const until = new Date(now.getTime() + LOCK_MINUTES * 60_000)
    await store.run(
      'UPDATE users SET failed_sign_ins = 0, locked_until = CAST($1 AS TIMESTAMP) WHERE email = $2',
      [sqlTime(until), email],
    )
    return { ok: false, reason: 'locked', until }
  }
  return { ok: false, reason: 'bad_credentials' }
}
