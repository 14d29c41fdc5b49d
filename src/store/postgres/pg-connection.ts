import type { Row } from '../store.js'

/**
 * What the PostgreSQL store needs of a driver: node-postgres for a server, PGlite for
 * PostgreSQL in-process. Values come back as Miernik rows (see pg-values.ts).
 */
export interface PgConnection {
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>
  /** Runs `COPY ... FROM STDIN` with `data` (CSV text chunks) as its input. */
  copyFrom(sql: string, data: AsyncIterable<string | Buffer>): Promise<void>
  /** Runs `COPY ... TO STDOUT` and writes its output to `file`. */
  copyToFile(sql: string, file: string): Promise<void>
  /** Stops what the connection is doing: a server connection is dropped (and rolls back). */
  interrupt(): void
  close(): Promise<void>
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
