import type { Params } from '../store/dialect.js'
import type { Store } from '../store/store.js'
import { dimColumn } from './columns.js'
import type { ParsedDrilldown } from './drilldown-query.js'
import { filterSql, whereSql } from './compile-sql.js'
import { factViews, type RecordColumn } from './fact-views/index.js'
import type { Dimension, Measure } from './metric-schema.js'
import type { NestedRecords } from './nested/nested-input.js'
import { periodsSql, type PlannedPeriod } from './plan.js'
import { groupMatch } from './sql-kit.js'
import { expectedCloseAtRef } from './fact-views/deals-as-of.js'
import { windowJoin } from './windows.js'

/** Open pipeline at a reference point before a later deal change: expected closes of then. */
const atRef = (m: Measure, p: PlannedPeriod, lastChange: string | null) =>
  m.window === 'open_at_ref' && lastChange !== null && p.ref < lastChange

export interface RecordsPage {
  /** Records in all (every page). */
  total: number
  columns: RecordColumn[]
  rows: Record<string, unknown>[]
}

/** Numbers as numbers (pg sends decimals as text), every column present. */
function normalise(r: Record<string, unknown>, columns: readonly RecordColumn[]) {
  return Object.fromEntries(
    columns.map((c) => [
      c.name,
      (c.type === 'money' || c.type === 'number') && r[c.name] !== null && r[c.name] !== undefined
        ? Number(r[c.name])
        : (r[c.name] ?? null),
    ]),
  )
}

/** Sorting and paging of records a nested input listed (hundreds, not millions). */
export function pageOf(records: NestedRecords, q: ParsedDrilldown, all: boolean): RecordsPage {
  const sort =
    records.columns.find((c) => c.name === q.sort)?.name ?? records.columns[0]?.name ?? ''
  const sign = q.order === 'desc' ? -1 : 1
  const rows = [...records.rows].sort((a, b) => {
    const x = a[sort] as string | number | null
    const y = b[sort] as string | number | null
    if (x === y) return 0
    if (x === null || x === undefined) return 1
    if (y === null || y === undefined) return -1
    return (x < y ? -1 : 1) * sign
  })
  const start = (q.page - 1) * q.page_size
  return {
    total: rows.length,
    columns: records.columns,
    rows: (all ? rows : rows.slice(start, start + q.page_size)).map((r) =>
      normalise(r, records.columns),
    ),
  }
}

/**
 * The records of a plain measure: its fact view's rows in the period's window, with its
 * conditions and the row's group, sorted and paged in SQL.
 */
export async function measureRecords(
  store: Store,
  q: ParsedDrilldown,
  baseCurrency: string,
  period: PlannedPeriod,
  measure: Measure,
  by: Dimension[],
  all: boolean,
  params: Params,
  lastChange: string | null,
): Promise<RecordsPage> {
  const dims = new Set<Dimension>([...by, ...(Object.keys(q.filters) as Dimension[])])
  const view = factViews[measure.source]
  const viewSql = view.sql({
    dialect: store.dialect,
    params,
    asOf: q.asOf,
    lastChange,
    baseCurrency,
    dims,
    ...(measure.date ? { date: measure.date } : {}),
  })
  const group = Object.fromEntries(by.map((d) => [d, q.group[d] ?? null]))
  const keep =
    measure.agg === 'mean' && measure.exclude
      ? ` AND NOT (${whereSql(measure.exclude, params)})`
      : ''
  const columns = view.records
  const from = `FROM ${periodsSql([period], params)}
    JOIN (${viewSql}) s ON ${windowJoin(measure, atRef(measure, period, lastChange) ? expectedCloseAtRef(store.dialect) : undefined)}
    WHERE ${whereSql(measure.where, params)}${keep} AND ${filterSql(q.filters, params)}${groupMatch(group, params, (d) => `s.${dimColumn(d)}`)}`
  const [count] = await store.query(`SELECT COUNT(*) AS n ${from}`, params.values)
  // The sort column is one of the known columns, never the client's text.
  const first = (columns[0] as RecordColumn).name
  const sort = columns.find((c) => c.name === q.sort)?.name ?? first
  const order = `ORDER BY s.${sort} ${q.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, s.${first}`
  const limit = all ? '' : ` LIMIT ${q.page_size} OFFSET ${(q.page - 1) * q.page_size}`
  const select = columns
    .map((c) => (c.type === 'date' ? `CAST(s.${c.name} AS VARCHAR) AS ${c.name}` : `s.${c.name}`))
    .join(', ')
  const rows = await store.query(`SELECT ${select} ${from} ${order}${limit}`, params.values)
  return { total: Number(count?.n ?? 0), columns, rows: rows.map((r) => normalise(r, columns)) }
}
