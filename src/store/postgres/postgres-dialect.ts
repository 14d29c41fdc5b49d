import { baseDialect, columnTypes, fxRateJoinVia } from '../base-dialect.js'
import type { Dialect, LatestJoin } from '../dialect.js'

const types = columnTypes({ text: 'TEXT', decimal: 'NUMERIC(18,4)', rate: 'NUMERIC(18,10)' })

/** Unicode's space separators (category Zs): what DuckDB's TRIM strips, and nothing else. */
const spaceSeparators =
  ' \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000'

/**
 * PostgreSQL raises on a bad cast where DuckDB's TRY_CAST gives NULL, so every cast is
 * guarded: numbers and booleans by pattern, dates and date-times by the miernik_try_*
 * functions of migration 3 (pattern plus a day-of-month check).
 */
const decimalPattern = '^\\s*[+-]?([0-9]{1,14}(\\.[0-9]*)?|\\.[0-9]+)\\s*$'
const ratePattern = '^\\s*[+-]?([0-9]{1,8}(\\.[0-9]*)?|\\.[0-9]+)\\s*$'
const integerPattern = '^\\s*[+-]?[0-9]{1,9}\\s*$'
const time = '([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?'
const offset = '(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)'
const isoDateTime = `^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T]${time}\\s*${offset}?)?\\s*$`

/**
 * A date that certainly exists and a time without offset: safe to cast inline. Every day
 * that exists in every year: days 1-28, the 29th and 30th of months other than February, the
 * 31st of the long months (a tenth of real dates; each sent to the function costs a
 * subtransaction, about 6 µs: 2 s an import of 1M deals). Only February 29 is left to it.
 */
const safeDate =
  '^[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)'
const safeTime = '([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?'
const booleans = "('true', 'false', 't', 'f', '1', '0', 'yes', 'no', 'y', 'n', 'on', 'off')"

function latestJoin(j: LatestJoin): string {
  const row = `${j.alias}_row`
  return `LEFT JOIN LATERAL (SELECT ${j.columns.map((c) => `${row}.${c}`).join(', ')} FROM ${j.table} ${row}
       WHERE ${row}.${j.key} = ${j.keyExpr} AND ${row}.${j.on} <= ${j.dateExpr}
       ORDER BY ${row}.${j.on} DESC LIMIT 1) ${j.alias} ON TRUE`
}

export const postgresDialect: Dialect = {
  name: 'postgres',
  declaresPrimaryKeys: true,
  convertsInOnePass: true,
  periodJoin: 'range',
  ...baseDialect,
  columnType: (t) => types[t],
  textColumn: 'TEXT COLLATE "C"',
  tryCast(expr, type) {
    switch (type) {
      // The common case, a plain date whose day exists in every month, casts inline.
      case 'date':
        return `CASE WHEN ${expr} ~ '${safeDate}$' THEN CAST(${expr} AS DATE) ELSE miernik_try_date(${expr}) END`
      case 'timestamp':
        // Offsets are honoured; the session time zone is UTC, so values are stored in UTC.
        return `CASE WHEN ${expr} ~ '${safeDate}([ T]${safeTime})?$' THEN CAST(${expr} AS TIMESTAMP) ELSE miernik_try_timestamp(${expr}) END`
      case 'boolean':
        return `CASE WHEN LOWER(TRIM(${expr})) IN ${booleans} THEN CAST(TRIM(${expr}) AS BOOLEAN) END`
      case 'integer':
        return `CASE WHEN ${expr} ~ '${integerPattern}' THEN CAST(${expr} AS INTEGER) END`
      case 'decimal':
        // The pattern bounds the digits; rounding to 4 places can still carry over the top.
        return `CASE WHEN ${expr} ~ '${decimalPattern}' AND ABS(CAST(${expr} AS NUMERIC)) < 99999999999999.99995 THEN CAST(${expr} AS NUMERIC(18,4)) END`
      case 'rate':
        return `CASE WHEN ${expr} ~ '${ratePattern}' AND ABS(CAST(${expr} AS NUMERIC)) < 99999999.99999999995 THEN CAST(${expr} AS NUMERIC(18,10)) END`
      default:
        return `CAST(${expr} AS TEXT)`
    }
  },
  totalType: 'NUMERIC',
  replaceRows: (table, select) =>
    `WITH gone AS (DELETE FROM ${table}) INSERT INTO ${table} ${select}`,
  wideAmount: (expr) => expr,
  daysBetween: (from, to) => `(CAST(${to} AS DATE) - CAST(${from} AS DATE))`,
  microsecondsBetween: (from, to) =>
    `CAST(EXTRACT(EPOCH FROM (${to}) - (${from})) * 1000000 AS BIGINT)`,
  fullMatch: (expr, pattern) => `(${expr} ~ '^(?:${pattern.replaceAll("'", "''")})$')`,
  blankAsNull: (expr) => `NULLIF(btrim(${expr}, '${spaceSeparators}'), '')`,
  computedOnce: (sql) => `${sql}\n OFFSET 0`,
  indexedDistinct: (table, column) => `WITH RECURSIVE v(value) AS (
      (SELECT ${column} FROM ${table} WHERE ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)
      UNION ALL
      SELECT (SELECT t.${column} FROM ${table} t WHERE t.${column} > v.value ORDER BY t.${column} LIMIT 1)
        FROM v WHERE v.value IS NOT NULL)
    SELECT value FROM v WHERE value IS NOT NULL`,
  latestJoin,
  fxRateJoin: fxRateJoinVia(latestJoin),
  setupStatements: () => [
    // Only ISO dates (YYYY-MM-DD, optional time and offset): PostgreSQL would also read
    // 4/8/2025 (by its DateStyle) and words such as 'yesterday', which must be errors.
    // The EXCEPTION block catches 2026-02-30 and the like; tryCast sends only the values
    // its plain pattern cannot vouch for here (the block costs a subtransaction a call).
    `CREATE OR REPLACE FUNCTION miernik_try_date(t TEXT) RETURNS DATE LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF t IS NULL OR t !~ '${isoDateTime}' THEN RETURN NULL; END IF;
        PERFORM CAST(t AS TIMESTAMP);
        -- A date column also takes a date-time: its date as written (as on DuckDB).
        RETURN CAST(substring(t from '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') AS DATE);
      EXCEPTION WHEN OTHERS THEN RETURN NULL;
      END $$`,
    `CREATE OR REPLACE FUNCTION miernik_try_timestamp(t TEXT) RETURNS TIMESTAMP LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
      BEGIN
        IF t IS NULL OR t !~ '${isoDateTime}' THEN RETURN NULL; END IF;
        RETURN CAST(CAST(t AS TIMESTAMPTZ) AS TIMESTAMP);
      EXCEPTION WHEN OTHERS THEN RETURN NULL;
      END $$`,
  ],
}
