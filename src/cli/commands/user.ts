import { readFileSync } from 'node:fs'
import { audit, readAudit } from '../../auth/audit.js'
import { generatePassword } from '../../auth/passwords.js'
import { createToken, listTokens, revokeToken } from '../../auth/tokens.js'
import {
  addUser,
  listUsers,
  normaliseEmail,
  parseRole,
  removeUser,
  setPassword,
  type Role,
} from '../../auth/users.js'
import { MiernikError } from '../../errors.js'
import { openStore } from '../../store/open-store.js'
import type { Store } from '../../store/store.js'
import { cliActor as actor } from '../audit-cli.js'
import type { Io } from '../io.js'

async function withStore<T>(
  db: string | undefined,
  fn: (s: Store) => Promise<T>,
  create = false,
): Promise<T> {
  const store = await openStore(db, { create })
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

/** The password from stdin (--password-stdin: for scripts), else a generated one shown once. */
function passwordFrom(options: { passwordStdin?: boolean }): { password: string; shown: boolean } {
  if (!options.passwordStdin) return { password: generatePassword(), shown: true }
  const text = readFileSync(0, 'utf8').replace(/\r?\n$/, '')
  return { password: text, shown: false }
}

export interface UserAddOptions {
  db?: string
  role?: string
  admin?: boolean
  name?: string
  passwordStdin?: boolean
}

export async function userAddCommand(email: string, o: UserAddOptions, io: Io): Promise<number> {
  if (o.admin && o.role && o.role !== 'admin') {
    throw new MiernikError('USAGE', `--admin and --role ${o.role} disagree: give one`)
  }
  const role: Role = o.admin ? 'admin' : parseRole(o.role ?? 'rep')
  const { password, shown } = passwordFrom(o)
  return withStore(
    o.db,
    async (store) => {
      const now = new Date()
      const user = await addUser(store, { email, name: o.name, role, password }, now)
      await audit(
        store,
        { actor: actor(), action: 'user_add', target: user.email, ok: true, detail: role },
        now,
      )
      io.out(`Added ${user.email} (${role}).`)
      if (shown) io.out(`Password (shown once; give it to them, they can change it): ${password}`)
      if (role !== 'admin') {
        io.out(
          `They see the numbers of the reps whose e-mail in reps is ${user.email}${role === 'manager' ? ', and of every rep below them (manager_id)' : ''}.`,
        )
      }
      return 0
    },
    true,
  ) // the first admin may come before any data
}

export async function userListCommand(
  o: { db?: string; format?: string },
  io: Io,
): Promise<number> {
  return withStore(o.db, async (store) => {
    const users = await listUsers(store)
    if (o.format === 'json') {
      io.out(JSON.stringify(users, null, 2))
      return 0
    }
    if (users.length === 0) {
      io.out('No users yet: miernik user add EMAIL --admin creates the first admin.')
      return 0
    }
    for (const u of users) io.out(`${u.email}  ${u.role}${u.name ? `  ${u.name}` : ''}`)
    return 0
  })
}

export async function userRemoveCommand(
  email: string,
  o: { db?: string },
  io: Io,
): Promise<number> {
  return withStore(o.db, async (store) => {
    const e = normaliseEmail(email)
    const removed = await removeUser(store, e)
    await audit(
      store,
      { actor: actor(), action: 'user_remove', target: e, ok: removed },
      new Date(),
    )
    if (!removed) {
      io.err(`no user ${e}: nothing removed`)
      return 1
    }
    io.out(`Removed ${e}, their sessions and API tokens.`)
    return 0
  })
}

export async function userPasswdCommand(
  email: string,
  o: { db?: string; passwordStdin?: boolean },
  io: Io,
): Promise<number> {
  const { password, shown } = passwordFrom(o)
  return withStore(o.db, async (store) => {
    const e = normaliseEmail(email)
    await setPassword(store, e, password)
    await audit(store, { actor: actor(), action: 'user_passwd', target: e, ok: true }, new Date())
    io.out(`New password for ${e}; their sessions have ended (and a lock, if any, is lifted).`)
    if (shown) io.out(`Password (shown once): ${password}`)
    return 0
  })
}

export async function tokenAddCommand(
  email: string,
  o: { db?: string; name: string; scope?: string },
  io: Io,
): Promise<number> {
  const scope = o.scope ?? 'read'
  if (scope !== 'read' && scope !== 'write') {
    throw new MiernikError('USAGE', `unknown --scope '${scope}': use read or write`)
  }
  return withStore(o.db, async (store) => {
    const now = new Date()
    const { id, token } = await createToken(store, { email, name: o.name, scope }, now)
    await audit(
      store,
      {
        actor: actor(),
        action: 'token_add',
        target: normaliseEmail(email),
        ok: true,
        detail: `${id} ${scope}`,
      },
      now,
    )
    io.out(`API token ${id} for ${normaliseEmail(email)} (${scope}). Shown once, keep it safe:`)
    io.out(token)
    io.out('Use it as: Authorization: Bearer <token>')
    return 0
  })
}

export async function tokenListCommand(
  email: string | undefined,
  o: { db?: string; format?: string },
  io: Io,
): Promise<number> {
  return withStore(o.db, async (store) => {
    const tokens = await listTokens(store, email)
    if (o.format === 'json') io.out(JSON.stringify(tokens, null, 2))
    else if (tokens.length === 0) io.out('No API tokens.')
    else
      for (const t of tokens)
        io.out(
          `${t.id}  ${t.email}  ${t.name}  ${t.scope}  created ${t.created_at.slice(0, 16)}  ${t.revoked ? 'revoked' : `last used ${t.last_used_at?.slice(0, 16) ?? 'never'}`}`,
        )
    return 0
  })
}

export async function tokenRevokeCommand(id: string, o: { db?: string }, io: Io): Promise<number> {
  return withStore(o.db, async (store) => {
    const now = new Date()
    const revoked = await revokeToken(store, id, now)
    await audit(store, { actor: actor(), action: 'token_revoke', target: id, ok: revoked }, now)
    if (!revoked) {
      io.err(`no live API token ${id}: nothing revoked`)
      return 1
    }
    io.out(`Revoked API token ${id}: requests with it now get 401.`)
    return 0
  })
}

export async function auditCommand(
  o: { db?: string; limit?: string; action?: string; format?: string },
  io: Io,
): Promise<number> {
  const limit = o.limit === undefined ? 100 : Number(o.limit)
  if (!Number.isInteger(limit) || limit < 1)
    throw new MiernikError('USAGE', '--limit must be a whole number from 1')
  return withStore(o.db, async (store) => {
    const rows = await readAudit(store, { limit, ...(o.action ? { action: o.action } : {}) })
    if (o.format === 'json') io.out(JSON.stringify(rows, null, 2))
    else if (rows.length === 0) io.out('The audit log is empty.')
    else
      for (const r of rows)
        io.out(
          `${r.at.slice(0, 19)}  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.action}  ${r.actor ?? ''}${r.target ? ` → ${r.target}` : ''}${r.detail ? `  (${r.detail})` : ''}`,
        )
    return 0
  })
}
