import { Params, type CompiledQuery, type Dialect } from '../store/dialect.js'
import { dimColumn, measureColumn, periodColumn } from './columns.js'
import { factViews } from './fact-views/index.js'
import type { Dimension, Measure, SourceName, Where } from './metric-schema.js'
import { periodSpan, periodsSql, type PlannedPeriod } from './plan.js'
import { groupByList, groupSelect } from './sql-kit.js'
import { expectedCloseAtRef } from './fact-views/deals-as-of.js'
import { bucketJoin, col, valueSql, windowJoin } from './windows.js'

export type { PlannedPeriod } from './plan.js'

export interface CompileInput {
  dialect: Dialect
  source: SourceName
  measures: { key: string; measure: Measure }[]
  periods: readonly PlannedPeriod[]
  /** Only these period indexes (default: all). */
  only?: ReadonlySet<number>
  by: readonly Dimension[]
  filters: Partial<Record<Dimension, string[]>>
  asOf: string
  /** The day of the latest logged deal change (see dealsAsOf): later than as-of means the log is read. */
  lastChange?: string | null
  baseCurrency: string
}

/** Structured conditions to SQL; every value is a bound parameter. */
export function whereSql(where: Where, params: Params): string {
  const parts = Object.entries(where).map(([name, cond]) => {
    const c = col(name)
    if (Array.isArray(cond)) return `${c} IN (${cond.map((v) => params.add(v)).join(', ')})`
    if (typeof cond === 'object') {
      if ('isNull' in cond) return cond.isNull ? `${c} IS NULL` : `${c} IS NOT NULL`
      if ('gt' in cond) return `${c} > ${params.add(cond.gt)}`
      if ('lt' in cond) return `${c} < ${params.add(cond.lt)}`
      return `${c} <= ${params.add(cond.lte)}`
    }
    return `${c} = ${params.add(cond)}`
  })
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/** The query's filters over a fact view's dim_<d> columns. */
export function filterSql(filters: Partial<Record<Dimension, string[]>>, params: Params): string {
  const parts = Object.entries(filters).map(
    ([dim, values]) =>
      `s.${dimColumn(dim)} IN (${(values ?? []).map((v) => params.add(v)).join(', ')})`,
  )
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/** The key that decides which measures can share one query. */
export function measureGroupKey(m: Measure): string {
  // A to_ref window is the in window cut at the reference date: it shares the in scan.
  return `${m.source}|${m.window === 'to_ref' ? 'in' : m.window}|${m.date ?? ''}`
}

/** The aggregates of one measure, named <key>_value / _sum / _count / _excluded. */
function aggregatesOf(key: string, m: Measure, d: Dialect, params: Params): string[] {
  const as = (part: Parameters<typeof measureColumn>[1]) => `AS ${measureColumn(key, part)}`
  const cut = m.window === 'to_ref' ? ` AND ${col(m.date as string)} < p.open_from` : ''
  const w = `${whereSql(m.where, params)}${cut}`
  const out = m.exclude ? whereSql(m.exclude, params) : null
  switch (m.agg) {
    case 'count':
      return out
        ? [
            `COUNT(*) FILTER (WHERE ${w} AND NOT (${out})) ${as('value')}`,
            `COUNT(*) FILTER (WHERE ${w} AND (${out})) ${as('excluded')}`,
          ]
        : [`COUNT(*) FILTER (WHERE ${w}) ${as('value')}`]
    case 'sum':
      return out
        ? [
            `SUM(${valueSql(m, d)}) FILTER (WHERE ${w} AND NOT (${out})) ${as('value')}`,
            `COUNT(*) FILTER (WHERE ${w} AND (${out})) ${as('excluded')}`,
          ]
        : [`SUM(${valueSql(m, d)}) FILTER (WHERE ${w}) ${as('value')}`]
    case 'count_distinct':
      return [`COUNT(DISTINCT ${col(m.column as string)}) FILTER (WHERE ${w}) ${as('value')}`]
    case 'mean': {
      const keep = out ? `${w} AND NOT (${out})` : w
      const v = col(m.column as string)
      return [
        `SUM(${v}) FILTER (WHERE ${keep}) ${as('sum')}`,
        `COUNT(${v}) FILTER (WHERE ${keep}) ${as('count')}`,
        out ? `COUNT(*) FILTER (WHERE ${w} AND (${out})) ${as('excluded')}` : `0 ${as('excluded')}`,
      ]
    }
  }
}

/**
 * One query for all measures over the same fact view and window: conditional aggregates
 * (FILTER) so the view is scanned once, grouped by period index and the requested dims.
 */
export function compileMeasures(input: CompileInput): CompiledQuery {
  const { dialect: d, measures, by } = input
  const params = new Params(d)
  const first = measures[0]?.measure
  if (!first) throw new Error('compileMeasures needs at least one measure')
  const dims = new Set<Dimension>([...by, ...(Object.keys(input.filters) as Dimension[])])
  const { from, to } = periodSpan(input.periods, input.only)
  // Measures of one scan share its join; to_ref ones are cut at the reference date in
  // their own FILTER (see measureGroupKey).
  const join: Measure =
    first.window === 'to_ref' && measures.some((x) => x.measure.window === 'in')
      ? { ...first, window: 'in' }
      : first
  // Open pipeline of a period whose reference point is before the latest change to a deal:
  // the expected close dates in force at that point, read per period from the change log.
  const periods = input.only ? input.periods.filter((_, i) => input.only?.has(i)) : input.periods
  const atRef =
    join.window === 'open_at_ref' &&
    !!input.lastChange &&
    periods.some((p) => p.ref < (input.lastChange as string))
  const viewSql = factViews[input.source].sql({
    dialect: d,
    params,
    asOf: input.asOf,
    baseCurrency: input.baseCurrency,
    dims,
    money: measures.some(({ measure }) => measure.column === 'amount_base'),
    lastChange: input.lastChange,
    // Every window keyed on a date (in, to_ref, open_at_ref) lies within the periods' span
    // (but for expected closes read at each reference point); the same date decides a
    // record's team.
    ...(first.date && !atRef ? { range: { date: first.date, from, to } } : {}),
    ...(first.date ? { date: first.date } : {}),
  })
  const aggregates = measures.flatMap(({ key, measure }) => aggregatesOf(key, measure, d, params))
  const groupCols = by.map((dim) => `s.${dimColumn(dim)}`)
  const on = atRef
    ? windowJoin(join, expectedCloseAtRef(d))
    : ((d.periodJoin === 'bucket' ? bucketJoin(join, input.periods, input.only, params) : null) ??
      windowJoin(join))
  const sql = `SELECT p.${periodColumn}${groupSelect(groupCols)},
  ${aggregates.join(',\n  ')}
FROM ${periodsSql(input.periods, params, input.only)}
JOIN (${viewSql}) s ON ${on}
WHERE ${filterSql(input.filters, params)}
GROUP BY p.${periodColumn}${groupByList(groupCols)}`
  return { sql, params: params.values }
}
