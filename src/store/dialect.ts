import type { ColumnType } from '../model/entities.js'

/**
 * The SQL text that differs between engines, as intentions. Pure: no driver, so
 * compiled SQL can be checked without a database. Metric and import code write
 * portable SQL and call these for the rest.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'postgres'
  /** Double-quoted identifier; both engines use the SQL standard form. */
  quoteIdent(name: string): string
  /**
   * Whether tables declare their key as PRIMARY KEY. DuckDB: no — its ART index on text
   * keys makes a 1M-row load several times slower and analytic scans never use it; the
   * import keeps keys unique itself (duplicates in a file are rejected, known keys are
   * updated). PostgreSQL: yes, for concurrent writers.
   */
  readonly declaresPrimaryKeys: boolean
  /**
   * Whether a subexpression repeated within one SELECT list is evaluated once. DuckDB: yes
   * (common subexpression elimination), so an import checks a file while reading it, each
   * check repeating its column's typing (see leanStaging). PostgreSQL: no (absent), and
   * its staging keeps the file's text anyway.
   */
  readonly sharesSubexpressions?: boolean
  /**
   * Whether a fact view converts money through fxRateJoin in the same pass for every row,
   * base currency included. PostgreSQL: yes — its LATERAL lookup is memoised per currency
   * and date (a few hundred index probes for a million deals), while reading the deals
   * twice costs a second scan. DuckDB: no — its rate join is a hash join over a row per
   * currency and day, costly over millions of deals: deals in the base currency are read
   * apart (UNION ALL) and only the others joined. (A measure query converts its sums per
   * currency and day instead, on both: compile-sql.ts, convertsLater.)
   */
  readonly convertsInOnePass: boolean
  /**
   * How rows meet periods that do not overlap. 'bucket': a row joins the periods' days on
   * its date, one hash key (DuckDB: a range join over many periods was most of a query's
   * time; a CASE over every period's bounds, one comparison per period and row). 'range':
   * the join is on the bounds (PostgreSQL: it estimated an equality with a CASE at 0.5 % of
   * the rows, then sorted them to group; a nested loop over the few periods, hash-aggregated,
   * is cheaper; the day join was not measured there).
   */
  readonly periodJoin: 'bucket' | 'range'
  /** Positional parameter (1-based). Both engines accept `$1`. */
  placeholder(index: number): string
  /** Column type for DDL. DuckDB DECIMAL(18,4) vs PostgreSQL NUMERIC(18,4). */
  columnType(type: ColumnType): string
  /**
   * The type of a text column in a table made after migration 9: compared byte by byte on
   * both engines (PostgreSQL: COLLATE "C", whatever the database's collation), so ties in
   * ORDER BY break the same way.
   */
  readonly textColumn: string
  /**
   * Parse text to a type, NULL where it does not parse. DuckDB has TRY_CAST;
   * PostgreSQL raises on a bad cast, so it needs helper functions (a migration).
   */
  tryCast(expr: string, type: ColumnType): string
  /**
   * An amount widened before it is multiplied by an fx rate. DuckDB types DECIMAL(18,4) ×
   * DECIMAL(18,10) as an 18-digit product, which overflows for 1e8 × 1e10; PostgreSQL's
   * NUMERIC has no such limit.
   */
  wideAmount(expr: string): string
  /** The column type of a sum of many amounts (DuckDB DECIMAL(38,4), PostgreSQL NUMERIC). */
  readonly totalType: string
  /**
   * One statement replacing every row of `table` by `select`'s (whose columns must have
   * the table's names and types): a reader never sees the table half rebuilt, even one that
   * shares the writer's connection (DuckDB's `serve`, PGlite), where two statements would
   * show it empty in between. DuckDB: CREATE OR REPLACE TABLE (the table keeps the
   * select's types, not NOT NULL); PostgreSQL: a DELETE in a WITH of the INSERT.
   */
  replaceRows(table: string, select: string): string
  /** Whole days from date `from` to date `to` (may be negative). */
  daysBetween(from: string, to: string): string
  /**
   * Whole microseconds between two timestamps: an integer, so a sum of many is exact and the
   * same in any order (a sum of fractional days in floating point is not).
   */
  microsecondsBetween(from: string, to: string): string
  /** True where `expr` matches the whole regular expression `pattern` (a literal). */
  fullMatch(expr: string, pattern: string): string
  /**
   * A cell as text: the Unicode space separators (category Zs: ' ', the no-break space
   * U+00A0, U+2000–U+200A, the ideographic space U+3000...) trimmed from both ends, NULL
   * when nothing is left; tabs and line breaks are kept. The same on every engine. DuckDB:
   * its TRIM, skipped for a column whose cell plainly needs none; PostgreSQL: btrim of
   * those characters (its TRIM strips only ' ').
   */
  blankAsNull(expr: string): string
  /**
   * This dialect for cells known to hold ASCII only (a CSV file whose every byte is ASCII):
   * there ' ' is the only space separator, so blankAsNull can test less. Absent where
   * nothing would differ.
   */
  forAsciiCells?(): Dialect
  /**
   * Join, as `alias`, the row of `table` in force on `dateExpr` for `keyExpr`: the one with
   * the latest `on` on or before that date (none before it: NULLs). DuckDB: a hash join on
   * the key with the row's span as a condition; PostgreSQL: a LATERAL lookup ordered by
   * `on`, LIMIT 1.
   */
  latestJoin(join: LatestJoin): string
  /**
   * A subquery (a fact view) whose computed columns are evaluated once per row, however
   * often the query around it reads them. DuckDB: as written (see sharesSubexpressions).
   * PostgreSQL: with `OFFSET 0`, which keeps the planner from pulling it up into the
   * query around it, where each reference would repeat the column's expression: the
   * as-of status, a CASE, read by ten FILTER clauses was evaluated ten times a row.
   */
  computedOnce(selectSql: string): string
  /**
   * The distinct non-null values of `table`.`column`, selected as `value`; on PostgreSQL
   * the column must lead an index. DuckDB: SELECT DISTINCT, a scan of one column of its
   * columnar store. PostgreSQL: a loose index scan, a recursive query asking the index for
   * the value after each one (a probe per value), where SELECT DISTINCT reads every row:
   * PostgreSQL 15 has no skip scan.
   */
  indexedDistinct(table: string, column: string): string
  /** The fx rate in force on `dateExpr` for `currencyExpr`, joined as `alias` (column `rate`). */
  fxRateJoin(currencyExpr: string, dateExpr: string, alias: string): string
  /** Statements migration 3 runs once: PostgreSQL's try-cast functions; none for DuckDB. */
  setupStatements(): string[]
}

/** A lookup of the row in force on a date (see Dialect.latestJoin); names are SQL as written. */
export interface LatestJoin {
  table: string
  key: string
  on: string
  columns: readonly string[]
  keyExpr: string
  dateExpr: string
  alias: string
}

/** Parameters collected while building a query: `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = []
  constructor(private readonly dialect: Dialect) {}
  add(value: unknown): string {
    this.values.push(value)
    return this.dialect.placeholder(this.values.length)
  }
  date(value: string): string {
    return `CAST(${this.add(value)} AS DATE)`
  }
}

export interface CompiledQuery {
  sql: string
  params: unknown[]
}
