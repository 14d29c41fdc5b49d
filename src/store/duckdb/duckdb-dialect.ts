import { baseDialect, columnTypes } from '../base-dialect.js'
import type { Dialect, LatestJoin } from '../dialect.js'

const types = columnTypes({ text: 'VARCHAR', decimal: 'DECIMAL(18,4)', rate: 'DECIMAL(18,10)' })

/**
 * The row in force: a hash join on the key with the row's span [on, next on) as a residual
 * condition. DuckDB's ASOF JOIN sorts the probe side: ~10x slower over millions of deals.
 */
function latestJoin(j: LatestJoin): string {
  const a = j.alias
  return `LEFT JOIN (SELECT ${j.key} AS ${a}_key, ${j.on} AS ${a}_on, LEAD(${j.on}) OVER (PARTITION BY ${j.key} ORDER BY ${j.on}) AS ${a}_next, ${j.columns.join(', ')} FROM ${j.table}) ${a}
       ON ${a}.${a}_key = ${j.keyExpr} AND ${j.dateExpr} >= ${a}.${a}_on AND (${a}.${a}_next IS NULL OR ${j.dateExpr} < ${a}.${a}_next)`
}

/**
 * The fx rate in force on a date: rates spread over every day from each rate's date to
 * the next one's, joined on (currency, day) — a plain hash join, the cheapest lookup over
 * millions of deals. A date after a currency's last rate takes that rate (its day), one
 * before its first rate none, as ASOF would.
 */
function fxRateJoin(currencyExpr: string, dateExpr: string, alias: string): string {
  const a = alias
  const day = `CAST(${dateExpr} AS DATE)`
  return `LEFT JOIN (SELECT "currency" AS ${a}_ckey, MAX("on") AS ${a}_last FROM fx_rates GROUP BY "currency") ${a}_end
       ON ${a}_end.${a}_ckey = ${currencyExpr}
     LEFT JOIN (SELECT r."currency" AS ${a}_key, CAST(r."on" + CAST(t.n AS INTEGER) AS DATE) AS ${a}_day, r."rate"
         FROM (SELECT *, LEAD("on") OVER (PARTITION BY "currency" ORDER BY "on") AS ${a}_next FROM fx_rates) r,
           LATERAL range(0, COALESCE(r.${a}_next - r."on", 1)) t(n)) ${a}
       ON ${a}.${a}_key = ${currencyExpr}
      AND ${a}.${a}_day = CASE WHEN ${day} > ${a}_end.${a}_last THEN ${a}_end.${a}_last ELSE ${day} END`
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  declaresPrimaryKeys: false,
  sharesSubexpressions: true,
  convertsInOnePass: false,
  periodJoin: 'bucket',
  ...baseDialect,
  columnType: (t) => types[t],
  textColumn: 'VARCHAR',
  tryCast(expr, type) {
    switch (type) {
      case 'date':
        // A date column also takes a timestamp ('2026-04-01T10:00:00'): keep its date part.
        // CASE, not COALESCE: the costly time-zone-aware parse runs only where the plain one failed.
        return `CASE WHEN TRY_CAST(${expr} AS DATE) IS NOT NULL THEN TRY_CAST(${expr} AS DATE) ELSE CAST(TRY_CAST(${expr} AS TIMESTAMPTZ) AS DATE) END`
      case 'timestamp':
        // Offsets ('+0000') are honoured; the session time zone is UTC, so values are stored in UTC.
        return `CAST(TRY_CAST(${expr} AS TIMESTAMPTZ) AS TIMESTAMP)`
      case 'boolean':
        return `TRY_CAST(${expr} AS BOOLEAN)`
      default:
        return `TRY_CAST(${expr} AS ${types[type]})`
    }
  },
  totalType: 'DECIMAL(38,4)',
  replaceRows: (table, select) => `CREATE OR REPLACE TABLE ${table} AS ${select}`,
  wideAmount: (expr) => `CAST(${expr} AS DECIMAL(38,4))`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  microsecondsBetween: (from, to) => `(epoch_us(${to}) - epoch_us(${from}))`,
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, '${pattern.replaceAll("'", "''")}')`,
  blankAsNull,
  forAsciiCells: () => duckdbAsciiDialect,
  computedOnce: (sql) => sql,
  indexedDistinct: (table, column) =>
    `SELECT DISTINCT ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`,
  latestJoin,
  fxRateJoin,
  setupStatements: () => [],
}

/**
 * For a file of ASCII only, where ' ' is the one character TRIM strips: no test of the
 * cell's bytes (strlen = length) and no upper bound on its first, which cost as much
 * again as the rest of the test (bench/notes/import.md, round 5).
 */
const duckdbAsciiDialect: Dialect = {
  ...duckdbDialect,
  blankAsNull: (expr) => {
    const trimmed = `NULLIF(TRIM(${expr}), '')`
    if (!plainColumn.test(expr)) return trimmed
    return `CASE WHEN ${expr} >= '!' AND NOT suffix(${expr}, ' ') THEN ${expr} ELSE ${trimmed} END`
  },
}

/** A quoted column name, bare or in parentheses: cheap to name four times. */
const plainColumn = /^\(*"(?:[^"]|"")+"\)*$/

/**
 * `NULLIF(TRIM(x), '')`, with TRIM skipped where it would change nothing: a cell of ASCII
 * only (bytes = characters), its first character printable and not a space, its last not a
 * space. DuckDB's TRIM strips the Unicode space separators (' ', U+00A0, U+2000–U+200A...),
 * never a tab or any other ASCII character, so on such a cell it is the identity; any other
 * cell is trimmed as before. Half the cost of TRIM over a file's text columns (the test is
 * two string comparisons, a suffix and a length; TRIM decodes both ends). Only for a plain
 * column: any other expression would be evaluated four times.
 */
function blankAsNull(expr: string): string {
  const trimmed = `NULLIF(TRIM(${expr}), '')`
  if (!plainColumn.test(expr)) return trimmed
  return `CASE WHEN ${expr} >= '!' AND ${expr} < chr(127) AND NOT suffix(${expr}, ' ') AND strlen(${expr}) = length(${expr}) THEN ${expr} ELSE ${trimmed} END`
}
