import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import pg from 'pg'
import { createWriteStream } from 'node:fs'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { MiernikError } from '../../errors.js'
import type { Row } from '../store.js'
import { int8, keepAsText, type PgConnection } from './pg-connection.js'

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === int8) return (v: string) => Number(v)
    if (Object.values(keepAsText).includes(oid as never)) return (v: string) => v
    return pg.types.getTypeParser(oid, format)
  },
}

/** A PostgreSQL server through node-postgres: one connection per store. */
export async function connectNodePostgres(url: string): Promise<PgConnection> {
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
  const client = new pg.Client({
    connectionString: parsed.toString(),
    types,
    // A firewalled host would otherwise wait for the operating system's TCP timeout.
    connectionTimeoutMillis: 10_000,
    // Probes keep a quiet connection alive through firewalls, and notice one that died.
    keepAlive: true,
  })
  try {
    await client.connect()
    if (schema) {
      const ident = `"${schema.replaceAll('"', '""')}"`
      // Created only when missing (CREATE ... IF NOT EXISTS still needs the right to create);
      // two processes creating it at once: one wins, the other finds it there.
      const found = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
      if (found.rowCount === 0) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident}`).catch((e: { code?: string }) => {
          if (e.code !== '23505' && e.code !== '42P06') throw e
        })
      }
      await client.query(`SET search_path TO ${ident}`)
    }
  } catch (e) {
    await client.end().catch(() => {})
    throw connectionError(url, e)
  }
  // A connection lost later (server restart) is reported by the query that needs it.
  client.on('error', () => {})
  return {
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
    interrupt() {
      // The server rolls back a transaction whose connection is gone.
      ;(
        client as unknown as { connection?: { stream?: { destroy(): void } } }
      ).connection?.stream?.destroy()
    },
    async close() {
      await client.end().catch(() => {})
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
