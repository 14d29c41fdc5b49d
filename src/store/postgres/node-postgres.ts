import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import pg from 'pg'
import { createWriteStream } from 'node:fs'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { MiernikError } from '../../errors.js'
import type { Row } from '../store.js'
import {
  int8,
  keepAsText,
  schemaIdent,
  sessionSetupSql,
  type PgConnection,
  type PgSession,
} from './pg-connection.js'

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === int8) return (v: string) => Number(v)
    if (Object.values(keepAsText).includes(oid as never)) return (v: string) => v
    return pg.types.getTypeParser(oid, format)
  },
}

/**
 * A PostgreSQL server through node-postgres: a pool of up to `connections` sessions (1 for
 * a CLI command; `serve` asks for more, so concurrent requests do not queue on one). Each
 * session is set up (sessionSetupSql) before its first use.
 */
export async function connectNodePostgres(
  url: string,
  options: { connections?: number } = {},
): Promise<PgConnection> {
  // ?schema=name keeps Miernik's tables in a schema of their own (created when missing).
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new MiernikError(
      'STORE_UNAVAILABLE',
      'cannot read the PostgreSQL URL: expected postgres://user:password@host:port/database (percent-encode special characters in the password, e.g. # as %23)',
    )
  }
  const schema = parsed.searchParams.get('schema')
  parsed.searchParams.delete('schema')
  const max = Math.max(1, options.connections ?? 1)
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    types,
    max,
    // One connection (a CLI command) stays open, with its temporary tables, until closed;
    // a server's spare sessions close after 30 s idle.
    idleTimeoutMillis: max === 1 ? 0 : 30_000,
    // A firewalled host would otherwise wait for the operating system's TCP timeout.
    connectionTimeoutMillis: 10_000,
    // Probes keep a quiet connection alive through firewalls, and notice one that died.
    keepAlive: true,
  })
  // An idle session lost (server restart) is dropped by the pool; the next query reconnects.
  pool.on('error', () => {})
  const setup = sessionSetupSql(schema)
  const ready = new WeakSet<pg.PoolClient>()
  const busy = new Set<pg.PoolClient>()
  const checkout = async (): Promise<pg.PoolClient> => {
    const client = await pool.connect()
    if (!ready.has(client)) {
      // A connection lost while in use is reported by the query that needs it.
      client.on('error', () => {})
      try {
        await client.query(setup)
      } catch (e) {
        client.release(true)
        throw e
      }
      ready.add(client)
    }
    busy.add(client)
    return client
  }
  const checkin = (client: pg.PoolClient, destroy: boolean) => {
    busy.delete(client)
    client.release(destroy)
  }
  try {
    const client = await pool.connect()
    try {
      if (schema) {
        // Created only when missing (CREATE ... IF NOT EXISTS still needs the right to create);
        // two processes creating it at once: one wins, the other finds it there.
        const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
        if (found.rowCount === 0) {
          await client
            .query(`CREATE SCHEMA IF NOT EXISTS ${schemaIdent(schema)}`)
            .catch((e: { code?: string }) => {
              if (e.code !== '23505' && e.code !== '42P06') throw e
            })
        }
      }
    } finally {
      client.release()
    }
    checkin(await checkout(), false)
  } catch (e) {
    await pool.end().catch(() => {})
    throw connectionError(url, e)
  }
  const sessionOf = (client: pg.PoolClient): PgSession => ({
    async query(sql, params = []) {
      const result = await client.query({ text: sql, values: params as unknown[] })
      // A multi-statement text returns one result per statement; callers send one.
      return ((Array.isArray(result) ? result.at(-1) : result)?.rows ?? []) as Row[]
    },
    async copyFrom(sql, data) {
      await pipeline(Readable.from(data), client.query(copyFrom(sql)))
    },
    async copyToFile(sql, file) {
      await pipeline(client.query(copyTo(sql)), createWriteStream(file))
    },
  })
  /** One statement on any session: a failed statement leaves its session usable. */
  const once = async <T>(fn: (session: PgSession) => Promise<T>): Promise<T> => {
    const client = await checkout()
    try {
      return await fn(sessionOf(client))
    } finally {
      checkin(client, false)
    }
  }
  return {
    concurrent: true,
    query: (sql, params) => once((s) => s.query(sql, params)),
    copyFrom: (sql, data) => once((s) => s.copyFrom(sql, data)),
    copyToFile: (sql, file) => once((s) => s.copyToFile(sql, file)),
    async reserve(fn) {
      const client = await checkout()
      let failed = true
      try {
        const result = await fn(sessionOf(client))
        failed = false
        return result
      } finally {
        checkin(client, failed)
      }
    },
    interrupt() {
      // The server rolls back a transaction whose connection is gone.
      for (const client of busy)
        (
          client as unknown as { connection?: { stream?: { destroy(): void } } }
        ).connection?.stream?.destroy()
    },
    async close() {
      await pool.end().catch(() => {})
    },
  }
}

/** One line naming host, database and cause: unreachable, refused, bad password, no such database. */
export function connectionError(url: string, e: unknown): MiernikError {
  const { host, port, database, user } = describe(url)
  const err = e as NodeJS.ErrnoException & { code?: string }
  const causes: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running and listening there?)',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'connection timed out',
    timeout: 'connection timed out after 10 s',
    EHOSTUNREACH: 'host unreachable',
    '28P01': `password authentication failed for user ${user}`,
    '28000': `user ${user} may not connect (pg_hba.conf)`,
    '3D000': `database ${database} does not exist (create it: createdb ${database})`,
    '42501': 'permission denied',
  }
  const timedOut = /timeout/i.test(err.message ?? '') ? causes.timeout : undefined
  const cause =
    (err.code && causes[err.code]) ?? timedOut ?? err.message?.split('\n')[0] ?? String(e)
  return new MiernikError(
    'STORE_UNAVAILABLE',
    `cannot connect to PostgreSQL at ${host}:${port}, database ${database}: ${cause}`,
    { cause: e },
  )
}

function describe(url: string): { host: string; port: string; database: string; user: string } {
  try {
    const u = new URL(url)
    return {
      host: u.hostname || 'localhost',
      port: u.port || '5432',
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || u.username || 'postgres',
      user: decodeURIComponent(u.username) || 'postgres',
    }
  } catch {
    return { host: '?', port: '?', database: '?', user: '?' }
  }
}
