import { Params } from '../store/dialect.js'
import type { Store } from '../store/store.js'
import type { Measure, MetricDefinition, SourceName } from './metric-schema.js'
import type { NestedName } from './nested/values.js'

/** SQL of the first date of a table's records on a column (as-of bounded by $1). */
type First = string

/**
 * The first date of a table's records on a column, up to $1: the column's minimum when it
 * is not after $1 (the least value up to a day is the least of all, or there is none). A
 * whole column's minimum comes from DuckDB's statistics without reading the column (60 ms
 * of a scan at 10M deals otherwise) and from an index leading with it on PostgreSQL. A
 * date-time column's first day is its least date-time's.
 */
const on = (table: string, column: string, dateTime = false) => {
  const least = dateTime ? `CAST(MIN(${column}) AS DATE)` : `MIN(${column})`
  return `(SELECT CASE WHEN ${least} <= $1 THEN ${least} END FROM ${table})`
}
/** The same over the records that pass `where`: a scan. */
const onWhere = (table: string, column: string, where: string) =>
  `(SELECT MIN(${column}) FROM ${table} WHERE ${column} <= $1 AND ${where})`

/** The first date a measure's records can have, by its fact view and date column. */
function firstOfMeasure(m: Measure): First | null {
  const byView: Record<SourceName, () => First | null> = {
    // Pipeline (expected closes) starts with the first deal created.
    opportunities: () => on('opportunities', m.date === 'closed_on' ? 'closed_on' : 'created_on'),
    leads: () => on('leads', m.date === 'qualified_on' ? 'qualified_on' : 'created_on'),
    spend: () => on('spend', 'period_start'),
    quotas: () => on('quotas', 'period_start'),
    work_time: () => on('work_time', 'period_start'),
    activities: () => on('activities', 'started_at', true),
    // Reps have no first record in time: an open active_from means always.
    reps: () => null,
  }
  return byView[m.source]()
}

const firstOfNested: Record<NestedName, First> = {
  customers: `COALESCE(${on('subscriptions', 'started_on')}, ${onWhere('opportunities', 'closed_on', "status = 'won'")})`,
  funnel: on('opportunities', 'created_on'),
  quota_attainment: on('quotas', 'period_start'),
  forecast: on('opportunities', 'closed_on'),
  selling_time: on('activities', 'started_at', true),
}

/**
 * Each metric's first date of data: the latest of the first records of everything it
 * reads (a CAC needs both spend and customers). A period starting before it carries
 * `data_from`, so a growth of +33,701% over a half-empty quarter is seen for what it is.
 */
export async function firstDates(
  store: Store,
  metrics: readonly MetricDefinition[],
  asOf: string,
): Promise<Map<string, string | null>> {
  const inputs = new Map<string, First[]>()
  for (const m of metrics) {
    const firsts = [
      ...Object.values(m.measures).map(firstOfMeasure),
      ...m.nested.map((n) => firstOfNested[n]),
    ].filter((f): f is First => f !== null)
    inputs.set(m.id, [...new Set(firsts)])
  }
  const all = [...new Set([...inputs.values()].flat())]
  const result = new Map<string, string | null>()
  if (all.length === 0) return result
  const params = new Params(store.dialect)
  const asOfSql = params.date(asOf)
  const [row] = await store.query(
    `SELECT ${all.map((f, i) => `CAST(${f.replaceAll('$1', asOfSql)} AS VARCHAR) AS f${i}`).join(', ')}`,
    params.values,
  )
  const value = (f: First) => (row?.[`f${all.indexOf(f)}`] as string | null | undefined) ?? null
  for (const [id, firsts] of inputs) {
    const dates = firsts.map(value)
    // No record at all in an input: nothing to date from.
    result.set(id, dates.some((d) => d === null) ? null : (dates.sort().at(-1) ?? null))
  }
  return result
}
