import { Params, type CompiledQuery, type Dialect } from '../store/dialect.js'
import type { Period } from './periods.js'
import type { Dimension, Measure, SourceName, Where } from './metric-schema.js'
import { sources } from './sources.js'

/**
 * A period with the reference point of pipeline measures: the start of its first day once
 * it is over (ref = openFrom = start), or the end of the as-of day while it runs or lies
 * ahead (ref = as-of, openFrom = the day after). A deal was open then if created on or
 * before `ref` and not closed before `openFrom`.
 */
export interface PlannedPeriod extends Period {
  ref: string
  openFrom: string
  /** The last day with facts: the period's end, or the as-of date while it runs. */
  knownEnd: string
}

export interface CompileInput {
  dialect: Dialect
  source: SourceName
  measures: { key: string; measure: Measure }[]
  periods: PlannedPeriod[]
  /** Only these period indexes (default: all). */
  only?: ReadonlySet<number>
  by: Dimension[]
  filters: Partial<Record<Dimension, string[]>>
  asOf: string
  baseCurrency: string
}

const ident = /^[a-z_][a-z0-9_]*$/

function col(name: string): string {
  if (!ident.test(name)) throw new Error(`bad column name in a metric definition: ${name}`)
  return `s.${name}`
}

/** Structured conditions to SQL; every value is a bound parameter. */
export function whereSql(where: Where, params: Params): string {
  const parts = Object.entries(where).map(([name, cond]) => {
    const c = col(name)
    if (Array.isArray(cond)) return `${c} IN (${cond.map((v) => params.add(v)).join(', ')})`
    if (typeof cond === 'object') {
      if ('isNull' in cond) return cond.isNull ? `${c} IS NULL` : `${c} IS NOT NULL`
      if ('gt' in cond) return `${c} > ${params.add(cond.gt)}`
      return `${c} <= ${params.add(cond.lte)}`
    }
    return `${c} = ${params.add(cond)}`
  })
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/** How rows of a measure's window join the periods. All measures compiled together share it. */
/**
 * When the periods do not overlap (grain buckets, their previous and year-ago periods), a
 * row belongs to at most one of them: its period index is a CASE over the bounds, and the
 * join becomes an equality (a hash join) instead of a range join over every period — the
 * range join was most of the time of a many-period query.
 */
export function bucketJoin(
  m: Measure,
  periods: readonly PlannedPeriod[],
  only: ReadonlySet<number> | undefined,
  params: Params,
): string | null {
  if (m.window !== 'in' && m.window !== 'to_ref' && m.window !== 'open_at_ref') return null
  const used = periods.map((p, i) => ({ p, i })).filter(({ i }) => !only || only.has(i))
  const sorted = [...used].sort((a, b) => (a.p.start < b.p.start ? -1 : 1))
  for (let k = 1; k < sorted.length; k++) {
    if (
      (sorted[k] as { p: PlannedPeriod }).p.start <= (sorted[k - 1] as { p: PlannedPeriod }).p.end
    )
      return null
  }
  const c = col(m.date as string)
  const arms = used.map(({ p, i }) =>
    m.window === 'to_ref'
      ? `WHEN ${c} >= ${params.date(p.start)} AND ${c} < ${params.date(p.openFrom)} THEN ${i}`
      : `WHEN ${c} BETWEEN ${params.date(p.start)} AND ${params.date(p.end)} THEN ${i}`,
  )
  const rest =
    m.window === 'open_at_ref'
      ? ' AND s.created_on <= p.ref AND (s.closed_on IS NULL OR s.closed_on >= p.open_from)'
      : ''
  return `p.idx = CASE ${arms.join(' ')} END${rest}`
}

export function windowJoin(m: Measure, d: Dialect): string {
  switch (m.window) {
    case 'in':
      return `${col(m.date as string)} BETWEEN p.period_start AND p.period_end`
    case 'to_ref':
      return `${col(m.date as string)} >= p.period_start AND ${col(m.date as string)} < p.open_from`
    case 'open_at_ref':
      return `${col(m.date as string)} BETWEEN p.period_start AND p.period_end AND s.created_on <= p.ref AND (s.closed_on IS NULL OR s.closed_on >= p.open_from)`
    case 'overlap':
      return `s.period_start <= p.period_end AND s.period_end >= p.period_start`
    case 'overlap_to_date':
      return `s.period_start <= p.known_end AND s.period_end >= p.period_start`
    case 'active':
      void d
      return `(s.active_from IS NULL OR s.active_from <= p.period_end) AND (s.active_to IS NULL OR s.active_to >= p.period_start)`
  }
}

/** Value expression of a sum; overlapping intervals count the share of their days inside the period. */
function valueSql(m: Measure, d: Dialect): string {
  const v = col(m.column as string)
  if (m.window !== 'overlap' && m.window !== 'overlap_to_date') return v
  const overlapStart = 'GREATEST(s.period_start, p.period_start)'
  const overlapEnd = `LEAST(s.period_end, ${m.window === 'overlap' ? 'p.period_end' : 'p.known_end'})`
  return `${v} * (${d.daysBetween(overlapStart, overlapEnd)} + 1) / (${d.daysBetween('s.period_start', 's.period_end')} + 1)`
}

/** The key that decides which measures can share one query. */
export function measureGroupKey(m: Measure): string {
  // A to_ref window is the in window cut at the reference date: it shares the in scan.
  return `${m.source}|${m.window === 'to_ref' ? 'in' : m.window}|${m.date ?? ''}`
}

/** The first start and the last end of a set of periods. */
export function periodSpan(
  all: readonly PlannedPeriod[],
  only?: ReadonlySet<number>,
): { from: string; to: string } {
  const periods = only ? all.filter((_, i) => only.has(i)) : all
  return {
    from: periods.reduce((min, p) => (p.start < min ? p.start : min), '9999-12-31'),
    to: periods.reduce((max, p) => (p.end > max ? p.end : max), '0000-01-01'),
  }
}

/** The periods as a VALUES table (idx, period_start, period_end, ref, open_from); `only` keeps some. */
export function periodsSql(
  periods: readonly PlannedPeriod[],
  params: Params,
  only?: ReadonlySet<number>,
): string {
  const rows = periods.flatMap((p, i) =>
    only && !only.has(i)
      ? []
      : [
          `(${i}, ${params.date(p.start)}, ${params.date(p.end)}, ${params.date(p.ref)}, ${params.date(p.openFrom)}, ${params.date(p.knownEnd)})`,
        ],
  )
  return `(VALUES ${rows.join(', ')}) AS p(idx, period_start, period_end, ref, open_from, known_end)`
}

export function filterSql(filters: Partial<Record<Dimension, string[]>>, params: Params): string {
  const parts = Object.entries(filters).map(
    ([dim, values]) => `s.dim_${dim} IN (${(values ?? []).map((v) => params.add(v)).join(', ')})`,
  )
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/**
 * One query for all measures over the same source and window: conditional aggregates
 * (FILTER) so the source is scanned once, grouped by period index and the requested dims.
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
  const sourceSql = sources[input.source].sql({
    dialect: d,
    params,
    asOf: input.asOf,
    baseCurrency: input.baseCurrency,
    dims,
    money: measures.some(({ measure }) => measure.column === 'amount_base'),
    // Every window keyed on a date (in, to_ref, open_at_ref) lies within the periods' span.
    ...(first.date ? { range: { date: first.date, from, to } } : {}),
  })
  const aggregates: string[] = []
  for (const { key, measure: m } of measures) {
    const cut = m.window === 'to_ref' ? ` AND ${col(m.date as string)} < p.open_from` : ''
    const w = `${whereSql(m.where, params)}${cut}`
    switch (m.agg) {
      case 'count':
        if (m.exclude) {
          const out = whereSql(m.exclude, params)
          aggregates.push(`COUNT(*) FILTER (WHERE ${w} AND NOT (${out})) AS ${key}_value`)
          aggregates.push(`COUNT(*) FILTER (WHERE ${w} AND (${out})) AS ${key}_excluded`)
        } else aggregates.push(`COUNT(*) FILTER (WHERE ${w}) AS ${key}_value`)
        break
      case 'sum':
        aggregates.push(`SUM(${valueSql(m, d)}) FILTER (WHERE ${w}) AS ${key}_value`)
        break
      case 'count_distinct':
        aggregates.push(
          `COUNT(DISTINCT ${col(m.column as string)}) FILTER (WHERE ${w}) AS ${key}_value`,
        )
        break
      case 'mean': {
        const keep = m.exclude ? `${w} AND NOT (${whereSql(m.exclude, params)})` : w
        const v = col(m.column as string)
        aggregates.push(`SUM(${v}) FILTER (WHERE ${keep}) AS ${key}_sum`)
        aggregates.push(`COUNT(${v}) FILTER (WHERE ${keep}) AS ${key}_count`)
        aggregates.push(
          m.exclude
            ? `COUNT(*) FILTER (WHERE ${w} AND (${whereSql(m.exclude, params)})) AS ${key}_excluded`
            : `0 AS ${key}_excluded`,
        )
      }
    }
  }
  const groupCols = by.map((dim) => `s.dim_${dim}`)
  const sql = `SELECT p.idx${groupCols.map((g, i) => `, ${g} AS g${i}`).join('')},
  ${aggregates.join(',\n  ')}
FROM ${periodsSql(input.periods, params, input.only)}
JOIN (${sourceSql}) s ON ${bucketJoin(join, input.periods, input.only, params) ?? windowJoin(join, d)}
WHERE ${filterSql(input.filters, params)}
GROUP BY p.idx${groupCols.map((g) => `, ${g}`).join('')}`
  return { sql, params: params.values }
}
