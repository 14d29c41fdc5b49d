import type { Dialect } from './dialect.js'

/** A result row: text, numbers (counts), decimals as text, dates as 'YYYY-MM-DD', or null. */
export type Row = Record<string, string | number | boolean | null>

/** How a file is laid out, as the reader found it; the store stages it as text columns. */
export type FileLayout =
  | {
      format: 'csv'
      delimiter: string
      columns: string[]
      /** The longest record in bytes, where a scan found one longer than readers take by default. */
      longestRecord?: number
    }
  | { format: 'json' | 'jsonl'; columns: string[] }

/** Progress of long statements, where the engine can tell (DuckDB). */
export interface ProgressOptions {
  onProgress?: (percent: number) => void
}

/** How a read snapshot's statements are planned (see Store.readSnapshot). */
export interface SnapshotOptions {
  analytic?: boolean
}

export interface StageOptions extends ProgressOptions {
  /** Whether the staged rows get `_rec` and `_line` (default true). */
  numbered?: boolean
}

/** The name's start of the table a first load writes before it is swapped in (see loadDirect). */
export const LOAD_PREFIX = 'miernik_load_'

/**
 * A connection to one database. Only `*-store.ts` files import a driver; everything
 * else talks to this interface and writes SQL through `dialect`.
 */
export interface Store {
  readonly dialect: Dialect
  /** What the user passed as --db, for messages. */
  readonly location: string
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>
  run(sql: string, params?: readonly unknown[]): Promise<void>
  /**
   * Runs `fn` in one transaction; rolls back if it throws. Meanwhile `onProgress` hears how
   * far its long statements are (0-100) about every quarter second; engines that cannot
   * tell never call it.
   */
  transaction<T>(fn: () => Promise<T>, options?: ProgressOptions): Promise<T>
  /**
   * Runs `fn`'s reads against one state of the database, so a write committed meanwhile
   * (a concurrent import) is seen by none of them or, had it committed before, by all.
   * PostgreSQL: a REPEATABLE READ READ ONLY transaction on one session. DuckDB: `fn` runs
   * as it is — one process writes the file, through the same queue of work as its reads.
   * Inside a transaction, that transaction's own view.
   *
   * `analytic` marks reads that scan and aggregate many rows (the metrics): PostgreSQL then
   * plans them for that (see PostgresStore.readSnapshot); their results are the same.
   *
   * @example
   * const rows = await store.readSnapshot(() => computeEverything(store), { analytic: true })
   */
  readSnapshot<T>(fn: () => Promise<T>, options?: SnapshotOptions): Promise<T>
  /**
   * Runs `fn` with every statement on one session of its own: staged files' temporary
   * tables and transactions of an import. A pooled PostgreSQL store (serve) holds one
   * connection for the duration; a store with one connection just runs `fn`.
   */
  session<T>(fn: () => Promise<T>): Promise<T>
  /**
   * Inside a transaction, waits until no other import is writing and keeps others
   * waiting until this transaction ends. PostgreSQL: an advisory lock; DuckDB allows one
   * writing process anyway.
   */
  lockForWrite(): Promise<void>
  /** Runs `fn` (the migrations) while no other process migrates the same database. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>
  /**
   * Loads a file into a new temporary table: `projection` is a SELECT list over the
   * file's columns (as text, named as in the file); `_rec` (the record's number from 0,
   * never changed) and `_line` (its file line, or record number for a JSON array, for
   * messages) are added, unless `numbered` is false (the caller reads neither; an engine
   * may still add them). Returns the row count. The table lives in the session: on a
   * pooled store, stage and use it within `session`.
   */
  stageFile(
    table: string,
    file: string,
    layout: FileLayout,
    projection: string,
    options?: StageOptions,
  ): Promise<number>
  /**
   * Makes `table`, empty, with the definition of `like` (columns, types, defaults,
   * constraints), replacing any table of that name: where a first load writes its rows
   * before they are swapped in (see loadDirect). With appendFile.
   */
  createTableLike?(table: string, like: string): Promise<void>
  /**
   * Appends a file's rows to `table` in one statement, in a transaction of its own (not
   * inside another): `projection` as for stageFile, giving `columns` and a boolean `_bad`.
   * Returns the rows appended, committed, or null, nothing written, when any row's `_bad`
   * is true. Throws where
   * the file cannot be read. Only into a table made by createTableLike, which nothing reads
   * until it is swapped in: DuckDB writes these rows to the file before COMMIT, which a
   * torn WAL could leave in part (see its fileSettings). Engines that stage every file
   * first leave it out (PostgreSQL).
   */
  appendFile?(
    table: string,
    columns: readonly string[],
    file: string,
    layout: FileLayout,
    projection: string,
    options?: ProgressOptions,
  ): Promise<number | null>
  /** Writes the rows of a query to a CSV file with a header (NULL as an empty cell). */
  exportCsv(sql: string, params: readonly unknown[], file: string): Promise<void>
  /** Appends the rows of a CSV file written by exportCsv (header, these columns) to a table. */
  loadCsv(table: string, columns: readonly string[], file: string): Promise<void>
  /**
   * Stops the statement running now, so its transaction rolls back (Ctrl-C during an
   * import). DuckDB interrupts it; PostgreSQL drops the connection (the server rolls back);
   * PGlite cannot, and lets it finish.
   */
  interrupt(): void
  /**
   * Runs `fn` (an import) with the engine's working memory bounded, spilling to disk beyond
   * the bound, so a 10M-row file does not take the machine's memory. DuckDB: memory_limit
   * (its default is 80% of RAM) for the time of `fn`. PostgreSQL's server bounds its own
   * (absent).
   */
  withBoundedMemory?<T>(fn: () => Promise<T>): Promise<T>
  close(): Promise<void>
}
