import { MiernikError } from '../errors.js'
import type { Store } from '../store/store.js'
import { hashPassword } from './passwords.js'
import { sqlTime } from './secrets.js'

export const roles = ['admin', 'manager', 'rep'] as const
export type Role = (typeof roles)[number]

/** A user as the server and the CLI see them (never the password hash). */
export interface User {
  email: string
  name: string | null
  role: Role
}

/** E-mails compare as people type them: trimmed, case ignored. */
export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+$/.test(e)) {
    throw new MiernikError('USAGE', `'${email}' is not an e-mail address`)
  }
  return e
}

export function parseRole(role: string): Role {
  if (!(roles as readonly string[]).includes(role)) {
    throw new MiernikError('USAGE', `unknown role '${role}': use admin, manager or rep`)
  }
  return role as Role
}

const toUser = (r: Record<string, unknown>): User => ({
  email: String(r.email),
  name: r.name === null || r.name === undefined ? null : String(r.name),
  role: parseRole(String(r.role)),
})

export async function findUser(store: Store, email: string): Promise<User | null> {
  const [row] = await store.query('SELECT email, name, role FROM users WHERE email = $1', [
    normaliseEmail(email),
  ])
  return row ? toUser(row) : null
}

export async function listUsers(store: Store): Promise<User[]> {
  const rows = await store.query('SELECT email, name, role FROM users ORDER BY email')
  return rows.map(toUser)
}

export async function countUsers(store: Store): Promise<number> {
  const [row] = await store.query('SELECT COUNT(*) AS n FROM users')
  return Number(row?.n ?? 0)
}

export async function addUser(
  store: Store,
  user: { email: string; name?: string | undefined; role: Role; password: string },
  now: Date,
): Promise<User> {
  const email = normaliseEmail(user.email)
  if (await findUser(store, email)) {
    throw new MiernikError(
      'USAGE',
      `${email} is a user already (miernik user passwd to change the password)`,
    )
  }
  const hash = await hashPassword(user.password)
  await store.run(
    'INSERT INTO users (email, name, role, password_hash, created_at, failed_sign_ins) VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP), 0)',
    [email, user.name ?? null, user.role, hash, sqlTime(now)],
  )
  return { email, name: user.name ?? null, role: user.role }
}

/** Removes a user with their sessions and tokens, in one transaction: nothing of theirs opens. */
export async function removeUser(store: Store, email: string): Promise<boolean> {
  const e = normaliseEmail(email)
  return store.transaction(async () => {
    const existed = (await findUser(store, e)) !== null
    await store.run('DELETE FROM sessions WHERE email = $1', [e])
    await store.run('DELETE FROM api_tokens WHERE email = $1', [e])
    await store.run('DELETE FROM users WHERE email = $1', [e])
    return existed
  })
}

/** A new password; every session of the user ends (a stolen one with it). */
export async function setPassword(store: Store, email: string, password: string): Promise<void> {
  const e = normaliseEmail(email)
  if (!(await findUser(store, e))) throw new MiernikError('USAGE', `no user ${e}`)
  const hash = await hashPassword(password)
  await store.transaction(async () => {
    await store.run(
      'UPDATE users SET password_hash = $1, failed_sign_ins = 0, locked_until = NULL WHERE email = $2',
      [hash, e],
    )
    await store.run('DELETE FROM sessions WHERE email = $1', [e])
  })
}
