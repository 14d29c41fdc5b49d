import { AsyncLocalStorage } from 'node:async_hooks'
import { createReadStream, createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify'
import { MiernikError } from '../../errors.js'
import type { FileLayout, Row, SnapshotOptions, Store } from '../store.js'
import { inTransaction } from '../transaction.js'
import { TransactionGate } from '../transaction-gate.js'
import { csvChunks, hasBlankLine, records } from './file-records.js'
import type { PgConnection, PgSession } from './pg-connection.js'
import { postgresDialect } from './postgres-dialect.js'

/** Key of the advisory lock that serialises migrations (any number unique to Miernik). */
const MIGRATION_LOCK = 7_240_001
/** Key of the advisory lock that serialises writes of imports. */
const WRITE_LOCK = 7_240_002

/**
 * A write transaction that changed at least this many rows of a table, and at least a tenth
 * of it, is followed by ANALYZE of that table: the next computation plans with its new
 * size and dates (autovacuum's analyze comes up to a minute later).
 */
const ANALYZE_AFTER_ROWS = 10_000

/** An analytic read snapshot's planner settings, for its transaction alone (`true`: local). */
const analyticPlanning = `SELECT set_config('parallel_setup_cost', '10', true),
  set_config('parallel_tuple_cost', '0.001', true)`

/** The session a piece of work is pinned to, and whether it is inside a transaction there. */
interface Pin {
  session: PgSession
  transaction: boolean
}

/**
 * A PostgreSQL database (a server through node-postgres, or PGlite in-process) behind
 * the Store interface. Files are parsed in Node (csv-parse, JSON) and streamed in with
 * COPY into a raw text table; the projection then types them in SQL, as on DuckDB.
 *
 * On a server the connection is a pool: a statement on its own runs on any session, while
 * a transaction, a read snapshot or a `session` pins one for its duration — every statement
 * issued within it (followed through async calls by AsyncLocalStorage) runs there.
 */
export class PostgresStore implements Store {
  readonly dialect = postgresDialect
  private readonly pinned = new AsyncLocalStorage<Pin>()
  /** PGlite's one session serves every caller: one write transaction at a time on it. */
  private readonly gate = new TransactionGate()

  constructor(
    readonly location: string,
    private readonly connection: PgConnection,
  ) {}

  /** The driver sets up each session (time zone, date style, timeouts: sessionSetupSql). */
  static async open(location: string, connection: PgConnection): Promise<PostgresStore> {
    return new PostgresStore(location, connection)
  }

  /** Where a statement runs now: the pinned session, or any. */
  private get current(): PgSession {
    return this.pinned.getStore()?.session ?? this.connection
  }

  query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.current.query(sql, params)
  }

  /** On PGlite, writes wait for another caller's open transaction (see TransactionGate). */
  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.guarded(() => this.current.query(sql, params))
  }

  /** A write: through the gate on PGlite's one session, at once on a server's pool. */
  private guarded<T>(fn: () => Promise<T>): Promise<T> {
    return this.connection.concurrent ? fn() : this.gate.write(fn)
  }

  /** `fn` on one session held for its duration; nested calls share it. */
  session<T>(fn: () => Promise<T>): Promise<T> {
    if (this.pinned.getStore()) return fn()
    return this.connection.reserve((session) =>
      this.pinned.run({ session, transaction: false }, fn),
    )
  }

  /**
   * BEGIN, `fn`, COMMIT on one session; a transaction inside a transaction joins it. Tables
   * it changed in bulk are analysed after the commit (ANALYZE_AFTER_ROWS).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.pinned.getStore()?.transaction) return fn()
    if (!this.connection.concurrent && !this.gate.within)
      return this.gate.exclusive(() => this.transaction(fn))
    let bulk: string[] = []
    const result = await this.session(() =>
      this.pinned.run({ session: this.current, transaction: true }, () =>
        inTransaction(this, async () => {
          const value = await fn()
          bulk = await this.bulkWritten()
          return value
        }),
      ),
    )
    // Outside the transaction: its write lock is released; a failure here loses nothing.
    for (const table of bulk)
      await this.run(`ANALYZE ${this.dialect.quoteIdent(table)}`).catch(() => {})
    return result
  }

  /**
   * Runs `fn`'s reads in one REPEATABLE READ READ ONLY transaction on one session: every
   * statement sees the database as it was at the first, whatever commits meanwhile. Inside
   * a transaction, that transaction's view; on PGlite (one session, nothing writes behind
   * it) `fn` simply runs.
   *
   * `analytic` reads are planned for scans of many rows, for this transaction only (the
   * server's defaults suit short transactional statements): a table's scan is split among
   * parallel workers whenever it is large enough (`min_parallel_table_scan_size`), not only
   * when the planner expects few rows out of it. At 1M deals the catalogue took 0.34-0.43 s
   * instead of 0.43-0.53 s, taking turns (bench/notes/postgres.md, round 5). Sorting is left
   * on: off, it sped the open pipeline's grouping but walked an index row by row where a
   * past as-of date reads the change log. Plans change; results do not (sums are exact
   * NUMERIC).
   */
  async readSnapshot<T>(fn: () => Promise<T>, options: SnapshotOptions = {}): Promise<T> {
    if (!this.connection.concurrent || this.pinned.getStore()?.transaction) return fn()
    return this.session(() =>
      this.pinned.run({ session: this.current, transaction: true }, async () => {
        await this.run('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        try {
          if (options.analytic) await this.run(analyticPlanning)
          const result = await fn()
          await this.run('COMMIT')
          return result
        } catch (e) {
          await this.run('ROLLBACK').catch(() => {})
          throw e
        }
      }),
    )
  }

  /** Tables of this schema the open transaction changed in bulk (its own statistics). */
  private async bulkWritten(): Promise<string[]> {
    const rows = await this.query(
      `SELECT s.relname AS name FROM pg_stat_xact_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.schemaname = current_schema() AND s.n_tup_ins + s.n_tup_upd + s.n_tup_del >= $1
          AND s.n_tup_ins + s.n_tup_upd + s.n_tup_del >= GREATEST(c.reltuples, 0) / 10`,
      [ANALYZE_AFTER_ROWS],
    )
    return rows.map((r) => String(r.name))
  }

  interrupt(): void {
    this.connection.interrupt()
  }

  /** Within a transaction: waits for other imports' writes to commit (held until this one ends). */
  async lockForWrite(): Promise<void> {
    await this.run(`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`)
  }

  /** Runs `fn` while holding the migration lock, so two processes never migrate at once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T> {
    // A session lock: taken and released on the session that migrates.
    return this.session(() => this.migrating(fn))
  }

  private async migrating<T>(fn: () => Promise<T>): Promise<T> {
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
        await this.guarded(() =>
          this.current.copyFrom(
            `COPY ${q(raw)} (${names.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ${sqlString(layout.delimiter)})`,
            createReadStream(file),
          ),
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
        await this.guarded(() =>
          this.current.copyFrom(
            `COPY ${q(raw)} FROM STDIN WITH (FORMAT csv)`,
            csvChunks(records(file, layout)),
          ),
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
      await this.current.copyToFile(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`, file)
      return
    }
    const rows = await this.query(sql, params)
    await pipeline(Readable.from(rows), stringify({ header: true }), createWriteStream(file))
  }

  async loadCsv(table: string, columns: readonly string[], file: string): Promise<void> {
    const q = this.dialect.quoteIdent
    await this.guarded(() =>
      this.current.copyFrom(
        `COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
        createReadStream(file),
      ),
    )
  }

  /** After the writes under way on PGlite (a token's last use is not awaited by its request). */
  async close(): Promise<void> {
    if (!this.connection.concurrent) await this.gate.idle()
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
