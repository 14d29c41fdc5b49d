import { baseDialect, columnTypes } from '../base-dialect.js'
import type { Dialect } from '../dialect.js'

const types = columnTypes({ text: 'VARCHAR', decimal: 'DECIMAL(18,4)', rate: 'DECIMAL(18,10)' })

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  declaresPrimaryKeys: false,
  ...baseDialect,
  columnType: (t) => types[t],
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
  wideAmount: (expr) => `CAST(${expr} AS DECIMAL(38,4))`,
  daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
  fractionalDaysBetween: (from, to) => `((epoch(${to}) - epoch(${from})) / 86400.0)`,
  fullMatch: (expr, pattern) => `regexp_full_match(${expr}, '${pattern.replaceAll("'", "''")}')`,
  fxRateJoin: (currencyExpr, dateExpr, alias) =>
    `ASOF LEFT JOIN (SELECT "currency" AS fx_currency, "on" AS fx_on, "rate" FROM fx_rates) ${alias}
       ON ${alias}.fx_currency = ${currencyExpr} AND ${dateExpr} >= ${alias}.fx_on`,
  setupStatements: () => [],
}
