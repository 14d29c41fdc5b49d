import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { MiernikError } from '../../errors.js'
import type { FileLayout, Row, Store } from '../store.js'
import { inTransaction } from '../transaction.js'
import { csvChunks, hasBlankLine, records } from './file-records.js'
import type { PgConnection } from './pg-connection.js'
import { postgresDialect } from './postgres-dialect.js'

/** Timeouts of every session (MIERNIK_PG_STATEMENT_TIMEOUT changes the second, e.g. '2h'). */
const idleTimeout = '5min'
const statementTimeout = /^\d+(ms|s|min|h)?$/.test(process.env.MIERNIK_PG_STATEMENT_TIMEOUT ?? '')
  ? (process.env.MIERNIK_PG_STATEMENT_TIMEOUT as string)
  : '1h'

/** Key of the advisory lock that serialises migrations (any number unique to Miernik). */
const MIGRATION_LOCK = 7_240_001
/** Key of the advisory lock that serialises writes of imports. */
const WRITE_LOCK = 7_240_002

/**
 * A PostgreSQL database (a server through node-postgres, or PGlite in-process) behind
 * the Store interface. Files are parsed in Node (csv-parse, JSON) and streamed in with
 * COPY into a raw text table; the projection then types them in SQL, as on DuckDB.
 */
export class PostgresStore implements Store {
  readonly dialect = postgresDialect

  constructor(
    readonly location: string,
    private readonly connection: PgConnection,
  ) {}

  static async open(location: string, connection: PgConnection): Promise<PostgresStore> {
    const store = new PostgresStore(location, connection)
    // Dates and times are read and written in UTC whatever the server's zone.
    await connection.query(`SET TIME ZONE 'UTC'`)
    // Dates come back and are exported as text: ISO whatever the role's or database's style.
    await connection.query(`SET DateStyle = 'ISO, YMD'`)
    await connection.query(`SET IntervalStyle = 'postgres'`)
    await connection.query(`SET extra_float_digits = 3`)
    await connection.query(`SET client_min_messages = warning`)
    // A client that stops answering inside a transaction (hung, or its network gone) loses
    // it, and its locks with it, instead of holding every other import's write lock; no
    // statement runs (or waits for a lock) longer than the timeout. A killed client's
    // connection closes and the server rolls back at once.
    await connection.query(`SET idle_in_transaction_session_timeout = '${idleTimeout}'`)
    await connection.query(`SET statement_timeout = '${statementTimeout}'`)
    return store
  }

  query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.connection.query(sql, params)
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.connection.query(sql, params)
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return inTransaction(this, fn)
  }

  interrupt(): void {
    this.connection.interrupt()
  }

  /** Within a transaction: waits for other imports' writes to commit (held until this one ends). */
  async lockForWrite(): Promise<void> {
    await this.run(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`)
  }

  /** Runs `fn` while holding the migration lock, so two processes never migrate at once. */
  async withMigrationLock<T>(fn: () => Promise<T>): Promise<T> {
    await this.run(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`)
    try {
      return await fn()
    } finally {
      // Closing the connection releases it too: a failed unlock must not hide the real error.
      await this.run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {})
    }
  }

  async stageFile(
    table: string,
    file: string,
    layout: FileLayout,
    projection: string,
  ): Promise<number> {
    const q = this.dialect.quoteIdent
    const raw = `${table}_raw`
    // Raw columns by position: PostgreSQL cuts names at 63 bytes, and CRM headers are longer
    // (HubSpot's Date entered "..."). The projection's names are rewritten to them.
    const names = layout.columns.map((_, i) => `c${i}`)
    projection = byPosition(projection, layout.columns, q)
    const columns = names.map((c) => `${q(c)} TEXT`).join(', ')
    await this.run(`DROP TABLE IF EXISTS ${q(table)}`)
    // Fast path: the file's own bytes straight into COPY (PostgreSQL's CSV parser), rows
    // numbered by a sequence in file order. It cannot skip blank lines and stops at the
    // first malformed row; those files go the careful way: parsed here, numbered exactly.
    const direct = layout.format === 'csv' && !(await hasBlankLine(file))
    let copied = false
    if (direct) {
      await this.run(`DROP TABLE IF EXISTS ${q(raw)}`)
      await this.run(`CREATE TEMP TABLE ${q(raw)} (_seq BIGSERIAL, ${columns})`)
      try {
        await this.connection.copyFrom(
          `COPY ${q(raw)} (${names.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ${sqlString(layout.delimiter)})`,
          createReadStream(file),
        )
        copied = true
      } catch (e) {
        // A malformed file (SQLSTATE class 22) goes the careful way; anything else is real.
        if (!String((e as { code?: string }).code ?? '').startsWith('22')) throw e
        copied = false
      }
    }
    if (!copied) {
      await this.run(`DROP TABLE IF EXISTS ${q(raw)}`)
      await this.run(`CREATE TEMP TABLE ${q(raw)} (_rec BIGINT, _line BIGINT, ${columns})`)
      try {
        await this.connection.copyFrom(
          `COPY ${q(raw)} FROM STDIN WITH (FORMAT csv)`,
          csvChunks(records(file, layout)),
        )
      } catch (e) {
        await this.run(`DROP TABLE IF EXISTS ${q(raw)}`)
        if (e instanceof MiernikError) throw e
        throw new MiernikError('INVALID_FILE', `${file}: ${(e as Error).message.split('\n')[0]}`, {
          cause: e,
        })
      }
    }
    if (copied) {
      // Line = record + 2 (the header is line 1); the importer fixes the lines of bad rows.
      await this.run(
        `CREATE TEMP TABLE ${q(table)} AS SELECT ${projection}, _seq - 1 AS _rec, _seq + 1 AS _line FROM ${q(raw)} ORDER BY _seq`,
      )
      await this.run(`DROP TABLE ${q(raw)}`)
      const [row] = await this.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)
      return Number(row?.n ?? 0)
    }
    await this.run(
      `CREATE TEMP TABLE ${q(table)} AS SELECT ${projection}, _rec, _line FROM ${q(raw)} ORDER BY _rec`,
    )
    await this.run(`DROP TABLE ${q(raw)}`)
    const [row] = await this.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)
    return Number(row?.n ?? 0)
  }

  async exportCsv(sql: string, params: readonly unknown[], file: string): Promise<void> {
    if (params.length === 0) {
      // Streamed by the server: a whole table never sits in this process.
      await this.connection.copyToFile(
        `COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`,
        file,
      )
      return
    }
    const rows = await this.query(sql, params)
    await pipeline(Readable.from(rows), stringify({ header: true }), createWriteStream(file))
  }

  async loadCsv(table: string, columns: readonly string[], file: string): Promise<void> {
    const q = this.dialect.quoteIdent
    await this.connection.copyFrom(
      `COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
      createReadStream(file),
    )
  }

  async close(): Promise<void> {
    await this.connection.close()
  }
}

/**
 * A projection over the file's column names, rewritten to the raw table's positional ones
 * in one pass (longest names first, so a name inside another's quotes is not matched).
 */
function byPosition(projection: string, columns: readonly string[], q: (s: string) => string) {
  const position = new Map(columns.map((c, i) => [q(c), q(`c${i}`)]))
  const names = [...position.keys()].sort((a, b) => b.length - a.length)
  if (names.length === 0) return projection
  // Output names (`AS "name"`) stay: only the references to the file's columns move.
  const alternatives = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  const pattern = new RegExp(`(?<!\\bAS )(?:${alternatives})`, 'g')
  return projection.replace(pattern, (name) => position.get(name) ?? name)
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}
