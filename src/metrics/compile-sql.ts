import { Params, type CompiledQuery, type Dialect } from '../store/dialect.js'
import {
  dimColumn,
  groupColumn,
  measureColumn,
  periodColumn,
  repOfSetColumn,
  repSetColumn,
} from './columns.js'
import { dealDaysView, type DealDays } from './fact-views/deal-days.js'
import { factViews } from './fact-views/index.js'
import type { Dimension, Measure, SourceName, Where } from './metric-schema.js'
import { periodSpan, periodsSql, type PlannedPeriod } from './plan.js'
import { groupByList, groupSelect, moneySql } from './sql-kit.js'
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
  /**
   * Also aggregate per period and rep alone, whatever `by` is (a nested input's per-rep
   * values, e.g. quota attainment's revenue): a grouping set of its own in the same scan,
   * its rows marked `rep_set` with the rep in `rep_of_set`. Grouped by rep alone, the
   * query's own rows are those.
   */
  repSet?: boolean
  /**
   * Present while the deals per day are current (model/deal-days.ts): a scan they answer
   * (dealDaysView) reads them instead of the deals.
   */
  dealDays?: DealDays
}

/** Whether a scan's measures add up over reps, so its per-rep set can be summed from them. */
export const repSetFits = (measures: readonly { measure: Measure }[]) =>
  measures.every((m) => m.measure.agg !== 'count_distinct')

/** Whether a scan grouped by `by` needs a grouping set of its own for per-rep values. */
export const needsRepSet = (by: readonly Dimension[]) => !(by.length === 1 && by[0] === 'rep')

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

/** An aggregate of a measure: its expression and column (<key>_value / _sum / _count / _excluded). */
interface Aggregate {
  expr: string
  name: string
  /** A sum of amount_base: converted after aggregating where the query does (see convertsLater). */
  money?: boolean
}

/**
 * The aggregates of one measure; over rows standing for several records each (`weighted`:
 * the deals per close day) a count sums the rows' `deals`, and a mean sums `<column>_sum`
 * and `<column>_count`.
 */
function aggregatesOf(
  key: string,
  m: Measure,
  d: Dialect,
  params: Params,
  weighted: boolean,
): Aggregate[] {
  const count = (f: string) =>
    weighted ? `COALESCE(SUM(s.deals) FILTER (WHERE ${f}), 0)` : `COUNT(*) FILTER (WHERE ${f})`
  const as = (expr: string, part: Parameters<typeof measureColumn>[1]) => ({
    expr,
    name: measureColumn(key, part),
  })
  const cut = m.window === 'to_ref' ? ` AND ${col(m.date as string)} < p.open_from` : ''
  const w = `${whereSql(m.where, params)}${cut}`
  const out = m.exclude ? whereSql(m.exclude, params) : null
  switch (m.agg) {
    case 'count':
      return out
        ? [as(count(`${w} AND NOT (${out})`), 'value'), as(count(`${w} AND (${out})`), 'excluded')]
        : [as(count(w), 'value')]
    case 'sum': {
      const money = m.column === 'amount_base'
      return out
        ? [
            {
              ...as(`SUM(${valueSql(m, d)}) FILTER (WHERE ${w} AND NOT (${out}))`, 'value'),
              money,
            },
            as(count(`${w} AND (${out})`), 'excluded'),
          ]
        : [{ ...as(`SUM(${valueSql(m, d)}) FILTER (WHERE ${w})`, 'value'), money }]
    }
    case 'count_distinct':
      return [as(`COUNT(DISTINCT ${col(m.column as string)}) FILTER (WHERE ${w})`, 'value')]
    case 'mean': {
      const keep = out ? `${w} AND NOT (${out})` : w
      const v = col(m.column as string)
      return [
        as(`SUM(${weighted ? `${v}_sum` : v}) FILTER (WHERE ${keep})`, 'sum'),
        as(
          weighted
            ? `COALESCE(SUM(${v}_count) FILTER (WHERE ${keep}), 0)`
            : `COUNT(${v}) FILTER (WHERE ${keep})`,
          'count',
        ),
        as(out ? count(`${w} AND (${out})`) : '0', 'excluded'),
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
  const repSet = !!input.repSet && needsRepSet(by)
  const dims = new Set<Dimension>([
    ...by,
    ...(Object.keys(input.filters) as Dimension[]),
    ...(repSet ? (['rep'] as const) : []),
  ])
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
  const money = measures.some(({ measure }) => measure.column === 'amount_base')
  // Deals read from their rows per day where those answer (see dealDaysView).
  const dailyView =
    input.dealDays && !atRef
      ? dealDaysView({
          measures,
          dims,
          asOf: input.asOf,
          lastChange: input.lastChange,
          days: input.dealDays,
        })
      : null
  const daily = dailyView !== null
  const later = money && convertsLater(input)
  // Those rows hold money in its own currency: it is converted after aggregating.
  if (daily && money && !later) throw new Error('deals per day need money converted later')
  const viewSql = (dailyView ?? factViews[input.source].sql)({
    dialect: d,
    params,
    asOf: input.asOf,
    baseCurrency: input.baseCurrency,
    dims,
    money,
    ...(later ? { convertLater: true } : {}),
    lastChange: input.lastChange,
    // Every window keyed on a date (in, to_ref, open_at_ref) lies within the periods' span
    // (but for expected closes read at each reference point); the same date decides a
    // record's team.
    ...(first.date && !atRef ? { range: { date: first.date, from, to } } : {}),
    ...(first.date ? { date: first.date } : {}),
  })
  const aggregates = measures.flatMap(({ key, measure }) =>
    aggregatesOf(key, measure, d, params, daily),
  )
  const groupCols = by.map((dim) => `s.${dimColumn(dim)}`)
  // The periods' days joined on a row's date (see bucketJoin) where the dialect prefers it.
  const buckets =
    atRef || d.periodJoin !== 'bucket' ? null : bucketJoin(join, input.periods, input.only, params)
  const on = atRef ? windowJoin(join, expectedCloseAtRef(d)) : (buckets?.on ?? windowJoin(join))
  const body = `FROM ${periodsSql(input.periods, params, input.only)}${buckets?.days ? `\n${buckets.days}` : ''}
JOIN (${viewSql}) s ON ${on}
WHERE ${filterSql(input.filters, params)}`
  const select = (a: readonly Aggregate[]) => a.map((x) => `${x.expr} AS ${x.name}`).join(',\n  ')
  const main = `p.${periodColumn}${groupByList(groupCols)}`
  if (!repSet && !later)
    return {
      sql: `SELECT p.${periodColumn}${groupSelect(groupCols)},\n  ${select(aggregates)}\n${body}\nGROUP BY ${main}`,
      params: params.values,
    }
  // In two steps: aggregated per period and group first, and per rep (repSet) and per
  // currency and conversion day (later) within them; then those few rows summed into the
  // query's rows (and the per-rep set), money converted on the way. Counts and sums of exact
  // numbers add up to the same values, and a sum of amounts times its day's rate is the sum
  // of the amounts converted one by one.
  const repBy = by.includes('rep')
  const gCols = by.map((_, i) => groupColumn(i))
  const repCol = repBy ? (gCols[by.indexOf('rep')] as string) : repOfSetColumn
  const ownRep = repSet && !repBy
  // Amounts in the base currency need no rate: one row of them per group, whatever the day.
  const fxDaySql = later
    ? `CASE WHEN s.currency = ${params.add(input.baseCurrency)} THEN NULL ELSE s.fx_date END`
    : ''
  const inner = `SELECT p.${periodColumn}${groupSelect(groupCols)}${ownRep ? `, s.${dimColumn('rep')} AS ${repOfSetColumn}` : ''}${later ? `, s.currency AS ${fxCurrency}, ${fxDaySql} AS ${fxDay}` : ''},
  ${select(aggregates)}
${body}
GROUP BY ${main}${ownRep ? `, s.${dimColumn('rep')}` : ''}${later ? `, s.currency, ${fxDaySql}` : ''}`
  const outer = aggregates.map((a) => ({
    expr: `SUM(${a.money && later ? moneySql(d, params, `i.${a.name}`, `i.${fxCurrency}`, input.baseCurrency) : `i.${a.name}`})`,
    name: a.name,
  }))
  const rates = later ? `\n${d.fxRateJoin(`i.${fxCurrency}`, `i.${fxDay}`, 'fx')}` : ''
  const queryKeys = `i.${periodColumn}${gCols.map((g) => `, i.${g}`).join('')}`
  if (!repSet)
    return {
      sql: `SELECT ${queryKeys},\n  ${select(outer)}\nFROM (${inner}) i${rates}\nGROUP BY ${queryKeys}`,
      params: params.values,
    }
  // The per-rep set's rows: rep grouped where the query's rows do not group it, or one of
  // the query's other dims not grouped where they do.
  const other = by.findIndex((x) => x !== 'rep')
  const repRows = repBy
    ? `GROUPING(i.${gCols[other] as string}) = 1`
    : `GROUPING(i.${repOfSetColumn}) = 0`
  // A distinct count does not add up over reps (see repSetFits).
  if (!repSetFits(measures)) throw new Error('a per-rep set needs measures that add up over reps')
  const sql = `SELECT ${queryKeys},
  CASE WHEN ${repRows} THEN 1 ELSE 0 END AS ${repSetColumn}${repBy ? '' : `, i.${repOfSetColumn}`},
  ${select(outer)}
FROM (${inner}) i${rates}
GROUP BY GROUPING SETS ((${queryKeys}), (i.${periodColumn}, i.${repCol}))`
  return { sql, params: params.values }
}

/** The columns of the currency and the day a two-step query converts on (see convertsLater). */
const fxCurrency = 'fx_currency'
const fxDay = 'fx_on'

/**
 * Whether a scan converts its money after aggregating: summed per currency and conversion
 * day, then times that day's rate (a few hundred rate lookups instead of one a record: on
 * DuckDB the split by currency and a join of every foreign deal, on PostgreSQL a lookup a
 * deal). Its view must be able to leave amounts unconverted, and every measure must add up
 * over the currency and day rows of the first step (a distinct count does not; a mean of
 * money would need its count of converted values): otherwise each record is converted.
 */
export function convertsLater(input: Pick<CompileInput, 'source' | 'measures'>): boolean {
  return (
    !!factViews[input.source].convertsLater &&
    input.measures.every(
      ({ measure: m }) =>
        m.agg !== 'count_distinct' && (m.column !== 'amount_base' || m.agg === 'sum'),
    )
  )
}
