import { closeSync, existsSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { MiernikError } from '../../errors.js'
import {
  LOAD_PREFIX,
  type FileLayout,
  type ProgressOptions,
  type Row,
  type StageOptions,
  type Store,
} from '../store.js'
import { inTransaction } from '../transaction.js'
import { TransactionGate } from '../transaction-gate.js'
import { duckdbDialect } from './duckdb-dialect.js'
import { toRows } from './duckdb-values.js'

type Value = string | number | boolean | null | bigint

export class DuckdbStore implements Store {
  readonly dialect = duckdbDialect
  /** Hears the progress of statements while a caller's transaction or staging runs. */
  private listener: ((percent: number) => void) | undefined
  /** The one connection serves every caller: one write transaction at a time on it. */
  private readonly gate = new TransactionGate()

  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string): Promise<DuckdbStore> {
    let instance: DuckDBInstance
    // A WAL beside the file means a process stopped without closing it (killed, crashed).
    const leftWal = path !== ':memory:' && existsSync(`${path}.wal`)
    if (path !== ':memory:') assertDatabaseFile(path)
    try {
      // The cache shares one instance per file within a process (DuckDB allows one writer),
      // keyed by the absolute path; every ':memory:' store is a database of its own.
      instance =
        path === ':memory:'
          ? await DuckDBInstance.create(path)
          : await DuckDBInstance.fromCache(resolve(path), fileSettings)
    } catch (e) {
      throw new MiernikError('STORE_UNAVAILABLE', openFailure(path, e), { cause: e })
    }
    const connection = await instance.connect()
    // Timestamps are stored in UTC whatever the machine's zone; see DuckdbDialect.tryCast.
    await connection.run(`SET TimeZone = 'UTC'`)
    // Progress is tracked for onProgress, never printed by DuckDB itself.
    await connection.run('SET enable_progress_bar = true')
    await connection.run('SET enable_progress_bar_print = false')
    if (leftWal) await settleWal(connection)
    // The first store of this process on the file: no load of this process is under way.
    if (path !== ':memory:' && !opened.has(resolve(path))) {
      opened.add(resolve(path))
      await dropLeftLoads(connection)
    }
    return new DuckdbStore(path, instance, connection)
  }

  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.connection.runAndReadAll(
      sql,
      params.length ? (params as Value[]) : undefined,
    )
    return toRows(result)
  }

  /** Writes wait for another caller's open transaction (see TransactionGate); reads do not. */
  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.gate.write(() =>
      this.watched(() => this.connection.run(sql, params.length ? (params as Value[]) : undefined)),
    )
  }

  /** Polls DuckDB's own progress of the running statement while a listener is set. */
  private async watched<T>(fn: () => Promise<T>): Promise<T> {
    const listener = this.listener
    if (!listener) return fn()
    const timer = setInterval(() => {
      const { percentage } = this.connection.progress
      if (percentage >= 0) listener(percentage)
    }, 250)
    try {
      return await fn()
    } finally {
      clearInterval(timer)
    }
  }

  /** One at a time; a transaction inside a transaction joins it. */
  transaction<T>(fn: () => Promise<T>, options: ProgressOptions = {}): Promise<T> {
    if (this.gate.within) return fn()
    return this.gate.exclusive(() => this.listening(options, () => inTransaction(this, fn)))
  }

  private async listening<T>(options: ProgressOptions, fn: () => Promise<T>): Promise<T> {
    this.listener = options.onProgress
    try {
      return await fn()
    } finally {
      this.listener = undefined
    }
  }

  /**
   * `fn` runs as it is. A CLI command is its file's only user, so nothing commits meanwhile.
   * In `serve` the store's one connection serves every caller, writes included (queued one
   * at a time): a BEGIN here would collide with an import's transaction on that connection,
   * and a second connection's snapshot would hold back the checkpoint every write ends in.
   */
  readSnapshot<T>(fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  /** One connection: every statement already runs on it. */
  session<T>(fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  /** One process writes a DuckDB file at a time: nothing to wait for. */
  async lockForWrite(): Promise<void> {}

  withMigrationLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  async stageFile(
    table: string,
    file: string,
    layout: FileLayout,
    projection: string,
    options: StageOptions = {},
  ): Promise<number> {
    return this.listening(options, () =>
      this.stage(table, file, layout, projection, options.numbered ?? true),
    )
  }

  private async stage(
    table: string,
    file: string,
    layout: FileLayout,
    projection: string,
    numbered: boolean,
  ): Promise<number> {
    const q = this.dialect.quoteIdent
    const { source, params, lineOffset } = readFile(file, layout)
    try {
      await this.run(`DROP TABLE IF EXISTS ${q(table)}`)
      await this.run(`CREATE TEMP TABLE ${q(table)} AS SELECT ${projection} FROM ${source}`, params)
      if (!numbered) return await this.count(table)
      // _rec numbers the records for good; _line is the file line shown to users (fixed up
      // by the importer where blank lines or multi-line cells make the two differ).
      await this.run(`ALTER TABLE ${q(table)} ADD COLUMN _rec BIGINT`)
      await this.run(`ALTER TABLE ${q(table)} ADD COLUMN _line BIGINT`)
      await this.run(`UPDATE ${q(table)} SET _rec = rowid, _line = rowid + ${lineOffset}`)
    } catch (e) {
      throw new MiernikError('INVALID_FILE', `${file}: ${describeReadError(e)}`, { cause: e })
    }
    return this.count(table)
  }

  private async count(table: string): Promise<number> {
    const [row] = await this.query(`SELECT count(*) AS n FROM ${this.dialect.quoteIdent(table)}`)
    return Number(row?.n ?? 0)
  }

  /** The definition DuckDB keeps for `like` (columns, types, defaults, constraints) under a new name. */
  async createTableLike(table: string, like: string): Promise<void> {
    const q = this.dialect.quoteIdent
    const [row] = await this.query(
      `SELECT sql FROM duckdb_tables() WHERE table_name = $1 AND schema_name = current_schema()
         AND database_name = current_database()`,
      [like],
    )
    const sql = String(row?.sql ?? '')
    // 'CREATE TABLE <name>(<definition>);'
    const definition = sql.indexOf('(')
    if (definition < 0) throw new Error(`no table ${like} to copy the definition of`)
    await this.run(`CREATE OR REPLACE TABLE ${q(table)}${sql.slice(definition)}`)
  }

  async appendFile(
    table: string,
    columns: readonly string[],
    file: string,
    layout: FileLayout,
    projection: string,
    options: ProgressOptions = {},
  ): Promise<number | null> {
    const q = this.dialect.quoteIdent
    const { source, params } = readFile(file, layout)
    const list = columns.map(q).join(', ')
    // error() stops the statement at the first bad row; its transaction rolls back.
    const sql = `INSERT INTO ${q(table)} (${list}) SELECT ${list} FROM (SELECT ${projection} FROM ${source}) s
      WHERE CASE WHEN s._bad THEN error('${badRow}') ELSE TRUE END`
    // Written to the file while read, compressed on every core, instead of kept in memory
    // (spilled beyond the import's bound) and compressed at COMMIT: safe for a table nobody
    // reads until a later transaction swaps it in (see fileSettings and loadDirect). The
    // statement is its transaction's only one, so nothing else writes that way; and the
    // settings are restored once it has ended (DuckDB takes no SET in a transaction a failed
    // statement aborted).
    // The rows need not keep the file's order either (nothing reads a first load's lines:
    // a bad row sends the file the usual way, and every listing orders by its own keys):
    // each thread then writes its row groups as they fill, without waiting for the one
    // before. At 10M rows the statement took 11.5-12.6 s instead of 13.3-14.3 s.
    const [setting] = await this.query(
      `SELECT current_setting('enable_optimistic_write') AS optimistic,
              current_setting('preserve_insertion_order') AS ordered`,
    )
    const before = setting?.optimistic === false ? 'false' : 'true'
    const ordered = setting?.ordered === false ? 'false' : 'true'
    await this.connection.run('SET enable_optimistic_write = true')
    await this.connection.run('SET preserve_insertion_order = false')
    try {
      const result = await this.transaction(
        () => this.watched(() => this.connection.run(sql, params)),
        options,
      )
      return Number(result.rowsChanged)
    } catch (e) {
      if (String((e as Error).message).includes(badRow)) return null
      throw new MiernikError('INVALID_FILE', `${file}: ${describeReadError(e)}`, { cause: e })
    } finally {
      // Insertion order first: the usual way, which follows a refused load, numbers its
      // staged rows by rowid as the file's lines.
      await this.connection
        .run(`SET preserve_insertion_order = ${ordered}`)
        .finally(() => this.connection.run(`SET enable_optimistic_write = ${before}`))
    }
  }

  async exportCsv(sql: string, params: readonly unknown[], file: string): Promise<void> {
    await this.run(`COPY (${sql}) TO ${sqlString(file)} (HEADER, DELIMITER ',')`, params)
  }

  async loadCsv(table: string, columns: readonly string[], file: string): Promise<void> {
    const q = this.dialect.quoteIdent
    // Read as text and cast by the table's own types: no guessing from the file.
    const types = await this.query(
      `SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = $1`,
      [table],
    )
    const typeOf = new Map(types.map((r) => [String(r.c), String(r.t)]))
    const spec = `{${columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`
    await this.run(
      `INSERT INTO ${q(table)} (${columns.map(q).join(', ')})
       SELECT ${columns.map((c) => `CAST(${q(c)} AS ${typeOf.get(c) ?? 'VARCHAR'})`).join(', ')}
       FROM read_csv($1, header = true, columns = ${spec}, auto_detect = false, quote = '"', escape = '"',
         allow_quoted_nulls = false)`,
      [file],
    )
  }

  interrupt(): void {
    this.connection.interrupt()
  }

  async withBoundedMemory<T>(fn: () => Promise<T>): Promise<T> {
    const [row] = await this.query(
      `SELECT current_setting('memory_limit') AS memory, current_setting('temp_directory') AS dir`,
    )
    // An in-memory database would spill to ./.tmp: leave it be, as one without a directory.
    const before = String(row?.memory ?? '')
    if (this.location === ':memory:' || !row?.dir || parseBytes(before) <= importMemory) return fn()
    await this.run(`SET memory_limit = '${importMemory}B'`)
    try {
      return await fn()
    } finally {
      await this.run(`SET memory_limit = '${before}'`).catch(() => {})
    }
  }

  /** Releases the file once no other store of this process uses it. */
  /** After the writes under way (a token's last use is not awaited by its request). */
  async close(): Promise<void> {
    await this.gate.idle()
    this.connection.closeSync()
    this.instance.closeSync()
  }
}

/** DuckDB's reader of a staged file, its parameters, and the line of its first record. */
function readFile(
  file: string,
  layout: FileLayout,
): { source: string; params: Value[]; lineOffset: number } {
  const cols = `{${layout.columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`
  let source: string
  let lineOffset: number
  if (layout.format === 'csv') {
    // DuckDB's CSV reader: quoting, BOM, parallel parse. Insertion order is kept, so
    // rowid + 2 is the file line (header is line 1) for rows without embedded newlines.
    // A record longer than DuckDB's default line size (2,000,000 bytes) is read, not refused.
    const long =
      (layout.longestRecord ?? 0) >= 2_000_000
        ? `, max_line_size = ${(layout.longestRecord ?? 0) + 1024}`
        : ''
    source = `read_csv($1, delim = $2, header = true, quote = '"', escape = '"', columns = ${cols},
        auto_detect = false, strict_mode = true${long})`
    lineOffset = 2
  } else {
    source = `read_json($1, format = ${layout.format === 'json' ? "'array'" : "'newline_delimited'"},
        columns = ${cols})`
    lineOffset = 1
  }
  const params: Value[] = layout.format === 'csv' ? [file, layout.delimiter] : [file]
  return { source, params, lineOffset }
}

/**
 * Why a file would not open, in one line. A lock held by another process is the usual
 * case: DuckDB names the process; a Miernik server would have taken the command (see
 * cli/forward.ts), so this holder is something else.
 */
/**
 * A file at --db must be a DuckDB database (or absent: DuckDB makes one). DuckDB
 * also opens other files, a CSV as a view over it in a database held in memory: a command
 * then reads nothing, and an import reports rows imported that no file keeps. A database
 * file's header carries DuckDB's magic bytes, "DUCK", at byte 8.
 */
function assertDatabaseFile(path: string): void {
  const head = Buffer.alloc(12)
  let read: number
  try {
    const fd = openSync(path, 'r')
    try {
      read = readSync(fd, head, 0, head.length, 0)
    } finally {
      closeSync(fd)
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new MiernikError('STORE_UNAVAILABLE', `cannot read ${path}: ${(e as Error).message}`, {
      cause: e,
    })
  }
  if (read === head.length && head.toString('latin1', 8, 12) === 'DUCK') return
  const data = /\.(csv|tsv|txt|json|jsonl|xlsx?)$/i.test(path)
    ? `; to load its records, run 'miernik import <entity> ${path} --db <database>'`
    : ''
  throw new MiernikError(
    'STORE_UNAVAILABLE',
    `${path} is not a DuckDB database: point --db at a database file (miernik.duckdb by default)${data}`,
  )
}

function openFailure(path: string, e: unknown): string {
  const message = (e as Error).message
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message)
  if (lock)
    return `database ${path} is in use by another program (${lock[1]}, PID ${lock[2]}): DuckDB lets one program open a file at a time; close that program, or point --db at another file`
  return `cannot open DuckDB database ${path}: ${message.split('\n')[0]}`
}

/**
 * Settings of every database file, so that a process killed at any moment leaves the state
 * before or after its transaction.
 *
 * enable_optimistic_write: DuckDB writes a large insert straight into the database file
 * before COMMIT and logs only pointers to it (ROW_GROUP_DATA). DuckDB 1.5 replays those
 * outside the replay transaction, so a WAL torn by a kill during COMMIT keeps the big inserts
 * and rolls back the deletes, updates and small inserts of the same transaction: duplicated
 * ids, old plus new rows, lost updates and change log (DuckDB PR #25931, open). Off, the rows
 * stay in memory until COMMIT and the WAL (when one is written) holds them, replayed all or
 * nothing. One exception: appendFile turns them on for its statement, which writes only to a
 * table of a load's own (LOAD_PREFIX) that nothing reads until a later, small transaction
 * swaps it in. A torn WAL can then leave part of that table's rows and nothing else: the
 * table is dropped (by the load that fails, or at the next open) and never swapped in.
 *
 * checkpoint_threshold 0: every write transaction ends in a checkpoint. A large one is then
 * mostly written as a checkpoint instead of a WAL (the new state becomes visible with one
 * header write, and the rows are not written twice); a small one is logged, then
 * checkpointed. A WAL left on disk holds at most the transaction that was being committed.
 */
const fileSettings = { enable_optimistic_write: 'false', checkpoint_threshold: '0b' }

/** Files opened by this process (a later store of the same file shares its instance). */
const opened = new Set<string>()

/**
 * The tables of loads a killed process left: rows of a file never swapped in (or swapped in
 * part by a torn WAL, see fileSettings), read by nothing. Dropped at the first open.
 */
async function dropLeftLoads(connection: DuckDBConnection): Promise<void> {
  const left = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '${LOAD_PREFIX}')
       AND schema_name = current_schema() AND database_name = current_database()`,
  )
  for (const [name] of left.getRows())
    await connection.run(`DROP TABLE IF EXISTS ${duckdbDialect.quoteIdent(String(name))}`)
}

/**
 * After replaying a WAL that a dead process left, DuckDB truncates it only at its next WAL
 * write. A commit that DuckDB turns into a checkpoint instead writes no WAL, so the old one
 * stays and is replayed again over the newer data at the next open: duplicated rows, or a
 * file that no longer opens ("Failure while replaying WAL file: Conflict on tuple
 * deletion!"; DuckDB PR #25432). One small logged write (a table made and dropped) truncates
 * it, and a CHECKPOINT folds what was replayed into the file and removes the WAL.
 */
async function settleWal(connection: DuckDBConnection): Promise<void> {
  await connection.run('CREATE TABLE IF NOT EXISTS miernik_wal_settle (x INTEGER)')
  await connection.run('DROP TABLE IF EXISTS miernik_wal_settle')
  await connection.run('CHECKPOINT')
}

/** The message of error() when appendFile meets a row failing its checks. */
const badRow = 'miernik: a row fails a check'

/**
 * DuckDB's memory while it imports: staging, checks and the transaction's rows spill to
 * the database's temporary directory beyond it. 1 GiB keeps a 10M-row import within
 * ~1.5 GB of process memory at the cost of a few percent of its time (bench/notes/import.md).
 */
const importMemory = 1024 ** 3

/** DuckDB's display of a memory setting ('19.0 GiB', '953.6 MiB') in bytes. */
function parseBytes(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?)i?B/i.exec(text.trim())
  if (!m) return Number.POSITIVE_INFINITY
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[
    (m[2] ?? '').toUpperCase() as '' | 'K' | 'M' | 'G' | 'T'
  ]
  return Number(m[1]) * unit
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}

/**
 * DuckDB's reader errors are long and quote the whole offending line; keep the line that
 * says what and where, and never more than a few hundred characters of the file.
 */
function describeReadError(e: unknown): string {
  const message = (e as Error).message ?? String(e)
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Original Line:'))
    .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l))
  const where = lines.find((l) => /line \d+/i.test(l))
  const first = (lines[0] ?? message).replace(/^(Invalid Input|IO|Conversion) Error: /, '')
  return where && where !== lines[0] ? `${first} (${where})` : first
}
