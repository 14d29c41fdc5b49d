import type { Row } from '../store.js'

/** What one PostgreSQL session can do. Values come back as Miernik rows (see pg-values.ts). */
export interface PgSession {
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>
  /** Runs `COPY ... FROM STDIN` with `data` (CSV text chunks) as its input. */
  copyFrom(sql: string, data: AsyncIterable<string | Buffer>): Promise<void>
  /** Runs `COPY ... TO STDOUT` and writes its output to `file`. */
  copyToFile(sql: string, file: string): Promise<void>
}

/**
 * What the PostgreSQL store needs of a driver: node-postgres for a server (a pool of
 * connections), PGlite for PostgreSQL in-process (one session). Its own `query` and copies
 * run on any session of the pool, one statement each.
 */
export interface PgConnection extends PgSession {
  /**
   * Whether other sessions may write while this one reads (a server); PGlite's one session
   * in this process cannot be written behind its back.
   */
  readonly concurrent: boolean
  /**
   * Runs `fn` on one session held for `fn`'s whole duration (a transaction, temporary
   * tables): a pool's client, given back afterwards (closed instead when `fn` failed, so a
   * session in an unknown state is never reused). PGlite hands its one session.
   */
  reserve<T>(fn: (session: PgSession) => Promise<T>): Promise<T>
  /** Stops what the connection is doing: a server's busy sessions are dropped (and roll back). */
  interrupt(): void
  close(): Promise<void>
}

/** Timeouts of every session (MIERNIK_PG_STATEMENT_TIMEOUT changes the second, e.g. '2h'). */
const idleTimeout = '5min'
const statementTimeout = /^\d+(ms|s|min|h)?$/.test(process.env.MIERNIK_PG_STATEMENT_TIMEOUT ?? '')
  ? (process.env.MIERNIK_PG_STATEMENT_TIMEOUT as string)
  : '1h'

/**
 * The settings every session starts with, as one multi-statement text (one round trip).
 * - Dates and times are read and written in UTC whatever the server's zone; dates come back
 *   and are exported as text, ISO whatever the role's or database's style.
 * - A client that stops answering inside a transaction (hung, or its network gone) loses
 *   it, and its locks with it, instead of holding every other import's write lock; no
 *   statement runs (or waits for a lock) longer than the timeout. A killed client's
 *   connection closes and the server rolls back at once.
 * - jit off: the metric queries are many short scans, for which LLVM's compilation (about
 *   0.1 s a statement) costs more than it saves (bench/notes/postgres.md).
 * - work_mem 32MB: the aggregations' sorts of a quarter at 1M deals (a few MB each) stay in
 *   memory instead of spilling to disk at the default 4MB. Per sort, per session.
 */
export function sessionSetupSql(schema?: string | null): string {
  const settings = [
    `SET TIME ZONE 'UTC'`,
    `SET DateStyle = 'ISO, YMD'`,
    `SET IntervalStyle = 'postgres'`,
    `SET extra_float_digits = 3`,
    `SET client_min_messages = warning`,
    `SET idle_in_transaction_session_timeout = '${idleTimeout}'`,
    `SET statement_timeout = '${statementTimeout}'`,
    `SET jit = off`,
    `SET work_mem = '32MB'`,
  ]
  if (schema) settings.push(`SET search_path TO ${schemaIdent(schema)}`)
  return settings.join('; ')
}

/** A schema name as an identifier. */
export function schemaIdent(schema: string): string {
  return `"${schema.replaceAll('"', '""')}"`
}

/** PostgreSQL type ids whose text Miernik keeps as written (dates stay 'YYYY-MM-DD'). */
export const keepAsText = {
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const

/** Type ids returned as numbers: counts (int8) are far below 2^53. */
export const int8 = 20
