import { baseDialect, columnTypes, fxRateJoinVia } from '../base-dialect.js'
import type { Dialect, LatestJoin } from '../dialect.js'

const types = columnTypes({ text: 'VARCHAR', decimal: 'DECIMAL(18,4)', rate: 'DECIMAL(18,10)' })

function latestJoin(j: LatestJoin): string {
  const a = j.alias
  return `ASOF LEFT JOIN (SELECT ${j.key} AS ${a}_key, ${j.on} AS ${a}_on, ${j.columns.join(', ')} FROM ${j.table}) ${a}
       ON ${a}.${a}_key = ${j.keyExpr} AND ${j.dateExpr} >= ${a}.${a}_on`
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  declaresPrimaryKeys: false,
  sharesSubexpressions: true,
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
  latestJoin,
  fxRateJoin: fxRateJoinVia(latestJoin),
  setupStatements: () => [],
}
