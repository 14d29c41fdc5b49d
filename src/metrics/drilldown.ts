import { z } from 'zod'
import { MiernikError } from '../errors.js'
import { Params } from '../store/dialect.js'
import type { Settings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import { getMetric } from './catalog.js'
import { filterSql, periodsSql, whereSql, windowJoin, type PlannedPeriod } from './compile-sql.js'
import { compute } from './compute.js'
import { dimensions, type Dimension, type Measure, type SourceName } from './metric-schema.js'
import { planPeriods } from './plan.js'
import { isIsoDate } from './periods.js'
import type { ResultRow } from './result-row.js'
import { sources } from './sources.js'
import { specials } from './plan.js'
import type { ColumnKind, Special, SpecialRecords } from './specials/special.js'

export type { ColumnKind }

const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' })

export const drilldownQuerySchema = z
  .object({
    metric: z.string(),
    from: isoDate,
    to: isoDate,
    part: z.enum(['numerator', 'denominator']),
    // The row's group: its dimensions, and for stage metrics its pipeline and stage.
    group: z
      .record(z.string(), z.string().nullable())
      .refine(
        (g) =>
          Object.keys(g).every(
            (k) => k === 'stage' || (dimensions as readonly string[]).includes(k),
          ),
        {
          message: 'group keys are dimensions (or stage)',
        },
      )
      .default({}),
    filters: z.partialRecord(z.enum(dimensions), z.array(z.string()).min(1)).default({}),
    asOf: isoDate,
    page: z.coerce.number().int().min(1).default(1),
    page_size: z.coerce.number().int().min(1).max(1000).default(50),
    sort: z.string().optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict()
export type DrilldownQuery = z.input<typeof drilldownQuerySchema>

/** What a user sees of each source's records, in order. */
const recordColumns: Record<SourceName, { name: string; type: ColumnKind }[]> = {
  opportunities: [
    { name: 'id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'owner_id', type: 'text' },
    { name: 'account_id', type: 'text' },
    { name: 'stage', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'created_on', type: 'date' },
    { name: 'closed_on', type: 'date' },
    { name: 'expected_close_on', type: 'date' },
    { name: 'cycle_days', type: 'number' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'amount_base', type: 'money' },
  ],
  leads: [
    { name: 'id', type: 'text' },
    { name: 'owner_id', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'created_on', type: 'date' },
    { name: 'qualified_on', type: 'date' },
    { name: 'converted_on', type: 'date' },
    { name: 'disqualified_on', type: 'date' },
  ],
  spend: [
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'category', type: 'text' },
    { name: 'channel', type: 'text' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'amount_base', type: 'money' },
  ],
  activities: [
    { name: 'id', type: 'text' },
    { name: 'rep_id', type: 'text' },
    { name: 'type', type: 'text' },
    { name: 'started_on', type: 'date' },
    { name: 'hours', type: 'number' },
  ],
  work_time: [
    { name: 'rep_id', type: 'text' },
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'hours', type: 'number' },
  ],
  quotas: [
    { name: 'rep_id', type: 'text' },
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'amount_base', type: 'money' },
  ],
  reps: [
    { name: 'id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'team', type: 'text' },
    { name: 'active_from', type: 'date' },
    { name: 'active_to', type: 'date' },
  ],
}

export interface Drilldown {
  metric: string
  part: 'numerator' | 'denominator'
  period: { start: string; end: string }
  group: Record<string, string | null>
  row: ResultRow | null
  /** Records in all (every page). */
  total: number
  page: number
  page_size: number
  columns: { name: string; type: ColumnKind }[]
  rows: Record<string, unknown>[]
}

/**
 * The records behind one result row: those its numerator or denominator counts or sums,
 * for the row's period, group and filters. Plain measures reuse the SQL window and
 * conditions the metric was computed with; special inputs (customers, quotas, the funnel)
 * list their own records. Either way a count lists exactly as many records as it counted.
 * `all` returns every record (for CSV export).
 */
export async function drilldown(
  store: Store,
  input: DrilldownQuery,
  settings: Settings,
  options: { all?: boolean } = {},
): Promise<Drilldown> {
  const parsed = drilldownQuerySchema.safeParse(input)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
    throw new MiernikError('INVALID_QUERY', `invalid drill-down: ${problems.join('; ')}`)
  }
  const q = parsed.data
  const metric = getMetric(q.metric)
  const drill = metric.drill[q.part]
  if (drill === undefined) {
    throw new MiernikError(
      'INVALID_QUERY',
      `${metric.id} has no records to list behind its ${q.part}`,
    )
  }
  // Stage metrics carry pipeline and stage in every row's group: they are not a grouping.
  const by = Object.keys(q.group).filter(
    (k) => k !== 'stage' && !(metric.perStage && k === 'pipeline'),
  ) as Dimension[]
  const [row] = (
    await compute(
      store,
      { metrics: [metric.id], from: q.from, to: q.to, by, filters: q.filters, asOf: q.asOf },
      settings,
    )
  ).filter((r) => Object.entries(q.group).every(([k, v]) => (r.group[k] ?? null) === v))
  const plan = planPeriods(
    {
      metrics: [metric.id],
      from: q.from,
      to: q.to,
      grain: 'all',
      by,
      filters: q.filters,
      asOf: q.asOf,
    },
    settings.fiscal_year_start_month,
    false,
  )
  const period = plan.periods[0] as PlannedPeriod
  const page =
    typeof drill === 'string'
      ? await measureRecords(
          store,
          q,
          settings,
          period,
          metric.measures[drill] as Measure,
          by,
          options,
        )
      : pageOf(
          await (specials[drill.special].records as NonNullable<Special['records']>)(
            {
              store,
              periods: plan.periods,
              only: new Set([0]),
              by,
              filters: q.filters,
              asOf: q.asOf,
              baseCurrency: settings.base_currency,
            },
            drill.records,
            q.group,
          ),
          q,
          options,
        )
  return {
    metric: metric.id,
    part: q.part,
    period: { start: period.start, end: period.end },
    group: q.group,
    row: row ?? null,
    page: q.page,
    page_size: q.page_size,
    ...page,
  }
}

type Parsed = z.output<typeof drilldownQuerySchema>
type Page = {
  total: number
  columns: { name: string; type: ColumnKind }[]
  rows: Record<string, unknown>[]
}

/** Sorting and paging of records a special listed (hundreds, not millions). */
function pageOf(records: SpecialRecords, q: Parsed, options: { all?: boolean }): Page {
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
    rows: (options.all ? rows : rows.slice(start, start + q.page_size)).map((r) =>
      normalise(r, records.columns),
    ),
  }
}

function normalise(r: Record<string, unknown>, columns: { name: string; type: ColumnKind }[]) {
  return Object.fromEntries(
    columns.map((c) => [
      c.name,
      (c.type === 'money' || c.type === 'number') && r[c.name] !== null && r[c.name] !== undefined
        ? Number(r[c.name])
        : (r[c.name] ?? null),
    ]),
  )
}

/** The records of a plain measure: its source rows in the period's window, its conditions, the row's group. */
async function measureRecords(
  store: Store,
  q: Parsed,
  settings: Settings,
  period: PlannedPeriod,
  measure: Measure,
  by: Dimension[],
  options: { all?: boolean },
): Promise<Page> {
  const d = store.dialect
  const params = new Params(d)
  const dims = new Set<Dimension>([...by, ...(Object.keys(q.filters) as Dimension[])])
  const sourceSql = sources[measure.source].sql({
    dialect: d,
    params,
    asOf: q.asOf,
    baseCurrency: settings.base_currency,
    dims,
  })
  const groupSql = by
    .map((dim) => {
      const v = q.group[dim]
      return v === null || v === undefined
        ? ` AND s.dim_${dim} IS NULL`
        : ` AND s.dim_${dim} = ${params.add(v)}`
    })
    .join('')
  const keep =
    measure.agg === 'mean' && measure.exclude
      ? ` AND NOT (${whereSql(measure.exclude, params)})`
      : ''
  const columns = recordColumns[measure.source]
  const from = `FROM ${periodsSql([period], params)}
    JOIN (${sourceSql}) s ON ${windowJoin(measure, d)}
    WHERE ${whereSql(measure.where, params)}${keep} AND ${filterSql(q.filters, params)}${groupSql}`
  const [count] = await store.query(`SELECT COUNT(*) AS n ${from}`, params.values)
  // The sort column is one of the known columns, never the client's text.
  const first = (columns[0] as { name: string }).name
  const sort = columns.find((c) => c.name === q.sort)?.name ?? first
  const order = `ORDER BY s.${sort} ${q.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, s.${first}`
  const limit = options.all ? '' : ` LIMIT ${q.page_size} OFFSET ${(q.page - 1) * q.page_size}`
  const select = columns
    .map((c) => (c.type === 'date' ? `CAST(s.${c.name} AS VARCHAR) AS ${c.name}` : `s.${c.name}`))
    .join(', ')
  const rows = await store.query(`SELECT ${select} ${from} ${order}${limit}`, params.values)
  return { total: Number(count?.n ?? 0), columns, rows: rows.map((r) => normalise(r, columns)) }
}
