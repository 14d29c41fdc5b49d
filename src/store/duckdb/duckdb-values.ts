import type { DuckDBResultReader } from '@duckdb/node-api'
import type { Row } from '../store.js'

/**
 * DuckDB's JSON conversion gives BIGINT and DECIMAL as text. Counts become numbers
 * (they are far below 2^53); decimals stay text, so money is never rounded here.
 */
const integerTypes = new Set(['BIGINT', 'HUGEINT', 'UBIGINT', 'INTEGER', 'SMALLINT', 'TINYINT'])

export function toRows(result: DuckDBResultReader): Row[] {
  const names = result.columnNames()
  const types = result.columnTypes().map((t) => t.toString())
  const raw = result.getRowObjectsJson()
  const intColumns = names.filter((_, i) => integerTypes.has(types[i] ?? ''))
  if (intColumns.length === 0) return raw as Row[]
  for (const row of raw) {
    for (const c of intColumns) {
      const v = row[c]
      if (typeof v === 'string') row[c] = Number(v)
    }
  }
  return raw as Row[]
}
