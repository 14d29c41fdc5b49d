import type { Dialect, Params } from '../store/dialect.js'
import { periodColumn } from './columns.js'
import type { Measure } from './metric-schema.js'
import { addDays, daysInclusive } from './periods.js'
import type { PlannedPeriod } from './plan.js'

const ident = /^[a-z_][a-z0-9_]*$/

/** A fact view's column, checked against the identifier pattern (declarations name columns). */
export function col(name: string): string {
  if (!ident.test(name)) throw new Error(`bad column name in a metric definition: ${name}`)
  return `s.${name}`
}

/** A join of rows to the periods through the days each period takes (see bucketJoin). */
export interface BucketJoin {
  /** Joins the days table d(idx, day) to the periods table p. */
  days: string
  /** The condition joining a row s to its day. */
  on: string
}

/**
 * How rows of a measure's window join the periods, when the periods do not overlap (grain
 * buckets, their previous and year-ago periods): a row belongs to at most one of them, the
 * one holding its date's day. The periods' days are a small table d(idx, day) and a row
 * joins it on its date: a hash join on one key, whatever the number of periods (a range
 * join over every period was most of the time of a many-period query; a CASE over the
 * periods' bounds cost one comparison per period for every row). Null when the periods
 * overlap or the window is not keyed on a date.
 */
export function bucketJoin(
  m: Measure,
  periods: readonly PlannedPeriod[],
  only: ReadonlySet<number> | undefined,
  params: Params,
): BucketJoin | null {
  if (m.window !== 'in' && m.window !== 'to_ref' && m.window !== 'open_at_ref') return null
  // The days a row's date may fall on: up to the known end (in), before the reference
  // point (to_ref), or the whole period (open_at_ref: expected to close in it).
  const last = (p: PlannedPeriod) =>
    m.window === 'in' ? p.knownEnd : m.window === 'to_ref' ? addDays(p.openFrom, -1) : p.end
  const used = periods
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => (!only || only.has(i)) && last(p) >= p.start)
  const sorted = [...used].sort((a, b) => (a.p.start < b.p.start ? -1 : 1))
  for (let k = 1; k < sorted.length; k++) {
    const before = sorted[k - 1] as { p: PlannedPeriod }
    if ((sorted[k] as { p: PlannedPeriod }).p.start <= last(before.p)) return null
  }
  // No period can take a row: a join that matches nothing.
  if (used.length === 0) return { days: '', on: 'FALSE' }
  const rows = used.map(
    ({ p, i }) =>
      `(${i}, ${params.date(p.start)}, CAST(${params.add(daysInclusive({ start: p.start, end: last(p) }))} AS INTEGER))`,
  )
  const days = `JOIN (SELECT b.${periodColumn}, CAST(b.first_day + CAST(g.n AS INTEGER) AS DATE) AS on_day
    FROM (VALUES ${rows.join(', ')}) AS b(${periodColumn}, first_day, days),
      LATERAL generate_series(0, b.days - 1) AS g(n)) d ON d.${periodColumn} = p.${periodColumn}`
  const rest =
    m.window === 'open_at_ref'
      ? ' AND s.created_on <= p.ref AND (s.closed_on IS NULL OR s.closed_on >= p.open_from)'
      : ''
  return { days, on: `${col(m.date as string)} = d.on_day${rest}` }
}

/**
 * The join condition of a measure's window against the periods table p (see windowSchema);
 * `dateSql` replaces the date column where its value depends on the period.
 */
export function windowJoin(m: Measure, dateSql?: string): string {
  switch (m.window) {
    case 'in':
      return `${col(m.date as string)} BETWEEN p.period_start AND p.known_end`
    case 'to_ref':
      return `${col(m.date as string)} >= p.period_start AND ${col(m.date as string)} < p.open_from`
    case 'open_at_ref':
      return `${dateSql ?? col(m.date as string)} BETWEEN p.period_start AND p.period_end AND s.created_on <= p.ref AND (s.closed_on IS NULL OR s.closed_on >= p.open_from)`
    case 'overlap':
      return `s.period_start <= p.period_end AND s.period_end >= p.period_start`
    case 'overlap_to_date':
      return `s.period_start <= p.known_end AND s.period_end >= p.period_start`
    case 'active':
      return `(s.active_from IS NULL OR s.active_from <= p.known_end) AND (s.active_to IS NULL OR s.active_to >= p.period_start)`
  }
}

/** Value expression of a sum; overlapping intervals count the share of their days inside the period. */
export function valueSql(m: Measure, d: Dialect): string {
  const v = col(m.column as string)
  if (m.window !== 'overlap' && m.window !== 'overlap_to_date') return v
  const overlapStart = 'GREATEST(s.period_start, p.period_start)'
  const overlapEnd = `LEAST(s.period_end, ${m.window === 'overlap' ? 'p.period_end' : 'p.known_end'})`
  // Each record's share rounded to 10 places as a decimal: the sum of the shares is then
  // exact, the same in any order (a sum of floating-point shares changes with the plan).
  return `CAST(${v} * (${d.daysBetween(overlapStart, overlapEnd)} + 1) / (${d.daysBetween('s.period_start', 's.period_end')} + 1) AS DECIMAL(38,10))`
}
