import type { ColumnType } from '../../model/entities.js'
import type { Dialect } from '../dialect.js'

const types: Record<ColumnType, string> = {
  text: 'TEXT',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  decimal: 'NUMERIC(18,4)',
  rate: 'NUMERIC(18,10)',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
}

/**
 * PostgreSQL raises on a bad cast where DuckDB's TRY_CAST gives NULL. Numbers and
 * booleans are checked by pattern first (fast, no function call); dates and date-times
 * go through miernik_try_* functions (migration 3) that catch the error, because only
 * the parser knows that 2026-02-30 is no date.
 */
const decimalPattern = '^\\s*[+-]?([0-9]{1,14}(\\.[0-9]*)?|\\.[0-9]+)\\s*$'
const ratePattern = '^\\s*[+-]?([0-9]{1,8}(\\.[0-9]*)?|\\.[0-9]+)\\s*$'
const integerPattern = '^\\s*[+-]?[0-9]{1,9}\\s*$'
const isoDateTime =
  '^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9][0-9:.]*\\s*(Z|[+-][0-9:]+)?)?\\s*$'
const booleans = "('true', 'false', 't', 'f', '1', '0', 'yes', 'no', 'y', 'n', 'on', 'off')"

export const postgresDialect: Dialect = {
  name: 'postgres',
  declaresPrimaryKeys: true,
  quoteIdent: (name) => `"${name.replaceAll('"', '""')}"`,
  placeholder: (i) => `$${i}`,
  columnType: (t) => types[t],
  tryCast(expr, type) {
    switch (type) {
      case 'date':
        return `miernik_try_date(${expr})`
      case 'timestamp':
        // Offsets are honoured; the session time zone is UTC, so values are stored in UTC.
        return `miernik_try_timestamp(${expr})`
      case 'boolean':
        return `CASE WHEN LOWER(TRIM(${expr})) IN ${booleans} THEN CAST(TRIM(${expr}) AS BOOLEAN) END`
      case 'integer':
        return `CASE WHEN ${expr} ~ '${integerPattern}' THEN CAST(${expr} AS INTEGER) END`
      case 'decimal':
        return `CASE WHEN ${expr} ~ '${decimalPattern}' THEN CAST(${expr} AS NUMERIC(18,4)) END`
      case 'rate':
        return `CASE WHEN ${expr} ~ '${ratePattern}' THEN CAST(${expr} AS NUMERIC(18,10)) END`
      default:
        return `CAST(${expr} AS TEXT)`
    }
  },
  wideAmount: (expr) => expr,
  daysBetween: (from, to) => `(CAST(${to} AS DATE) - CAST(${from} AS DATE))`,
  fractionalDaysBetween: (from, to) => `(EXTRACT(EPOCH FROM (${to}) - (${from})) / 86400.0)`,
  fullMatch: (expr, pattern) => `(${expr} ~ '^(?:${pattern.replaceAll("'", "''")})$')`,
  fxRateJoin: (currencyExpr, dateExpr, alias) =>
    `LEFT JOIN LATERAL (SELECT fx_row.rate FROM fx_rates fx_row WHERE fx_row.currency = ${currencyExpr} AND fx_row."on" <= ${dateExpr}
       ORDER BY fx_row."on" DESC LIMIT 1) ${alias} ON TRUE`,
  setupStatements: () => [
    // Only ISO dates (YYYY-MM-DD, optional time and offset): PostgreSQL would also read
    // 4/8/2025 (by its DateStyle) and words such as 'yesterday', which must be errors.
    `CREATE OR REPLACE FUNCTION miernik_try_date(t TEXT) RETURNS DATE LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
      BEGIN
        IF t IS NULL OR t !~ '${isoDateTime}' THEN RETURN NULL; END IF;
        PERFORM CAST(t AS TIMESTAMPTZ);
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
