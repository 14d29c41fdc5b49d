import { randomBytes } from 'node:crypto'
import { MiernikError } from '../errors.js'
import type { Store } from '../store/store.js'
import { newSecret, secretHash, sqlTime } from './secrets.js'
import { findUser, normaliseEmail, type User } from './users.js'

/** What a token may do: read (GET) only, or write too (settings, targets, imports). */
export type TokenScope = 'read' | 'write'

export interface TokenInfo {
  id: string
  email: string
  name: string
  scope: TokenScope
  created_at: string
  last_used_at: string | null
  revoked: boolean
}

/** Tokens start with this, so a leaked one is recognisable (secret scanners look for prefixes). */
export const TOKEN_PREFIX = 'mk_'

export async function createToken(
  store: Store,
  input: { email: string; name: string; scope: TokenScope },
  now: Date,
): Promise<{ id: string; token: string }> {
  const email = normaliseEmail(input.email)
  if (!(await findUser(store, email))) throw new MiernikError('USAGE', `no user ${email}`)
  if (input.scope !== 'read' && input.scope !== 'write') {
    throw new MiernikError(
      'USAGE',
      `unknown token scope '${String(input.scope)}': use read or write`,
    )
  }
  const id = randomBytes(6).toString('hex')
  const token = newSecret(TOKEN_PREFIX)
  await store.run(
    'INSERT INTO api_tokens (id, email, name, token_hash, scope, created_at) VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP))',
    [id, email, input.name, secretHash(token), input.scope, sqlTime(now)],
  )
  return { id, token }
}

/** The user and scope of a live token; a revoked token, or one of a removed user, is nobody's. */
export async function tokenUser(
  store: Store,
  token: string,
  now: Date,
): Promise<{ user: User; scope: TokenScope } | null> {
  const [row] = await store.query(
    'SELECT id, email, scope FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
    [secretHash(token)],
  )
  if (!row) return null
  const user = await findUser(store, String(row.email))
  if (!user) return null
  // Not awaited: on DuckDB a write waits for an import's transaction to end, and the
  // request need not wait with it for a "last used" time.
  store
    .run('UPDATE api_tokens SET last_used_at = CAST($1 AS TIMESTAMP) WHERE id = $2', [
      sqlTime(now),
      String(row.id),
    ])
    .catch(() => {})
  return { user, scope: String(row.scope) === 'write' ? 'write' : 'read' }
}

export async function listTokens(store: Store, email?: string): Promise<TokenInfo[]> {
  const rows = await store.query(
    `SELECT id, email, name, scope, CAST(created_at AS VARCHAR) AS created_at,
            CAST(last_used_at AS VARCHAR) AS last_used_at, revoked_at IS NOT NULL AS revoked
       FROM api_tokens ${email ? 'WHERE email = $1' : ''} ORDER BY created_at, id`,
    email ? [normaliseEmail(email)] : [],
  )
  return rows.map((r) => ({
    id: String(r.id),
    email: String(r.email),
    name: String(r.name),
    scope: String(r.scope) === 'write' ? 'write' : 'read',
    created_at: String(r.created_at),
    last_used_at: r.last_used_at === null ? null : String(r.last_used_at),
    revoked: r.revoked === true,
  }))
}

export async function revokeToken(store: Store, id: string, now: Date): Promise<boolean> {
  const [row] = await store.query(
    'SELECT id FROM api_tokens WHERE id = $1 AND revoked_at IS NULL',
    [id],
  )
  if (!row) return false
  await store.run('UPDATE api_tokens SET revoked_at = CAST($1 AS TIMESTAMP) WHERE id = $2', [
    sqlTime(now),
    id,
  ])
  return true
}
