import type { ResultRow } from '../contracts/result-row.js'
import { MiernikError } from '../errors.js'
import { Params } from '../store/dialect.js'
import type { Settings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import { getMetric } from './catalog.js'
import { compute } from './compute.js'
import { parseDrilldown, type DrilldownQuery } from './drilldown-query.js'
import type { RecordColumn } from './fact-views/index.js'
import type { Dimension } from './metric-schema.js'
import { latestChange } from './fact-views/deals-as-of.js'
import { nestedInputs } from './nested/index.js'
import { planPeriods, type PlannedPeriod } from './plan.js'
import { measureRecords, pageOf, type RecordsPage } from './records-page.js'
import { withNames } from './record-names.js'
import { unsupportedBecause } from './slicing.js'

export { drilldownQuerySchema, type DrilldownQuery } from './drilldown-query.js'

export interface Drilldown {
  metric: string
  part: 'numerator' | 'denominator'
  period: { start: string; end: string }
  group: Record<string, string | null>
  /** The result row drilled into; null when not asked for (`row: false`) or when it has no row. */
  row: ResultRow | null
  /** Records in all (every page). */
  total: number
  page: number
  page_size: number
  columns: RecordColumn[]
  rows: Record<string, unknown>[]
}

/**
 * The records behind one result row: those its numerator or denominator counts or sums,
 * for the row's period, group and filters, as the metric's declaration says (drill).
 * Plain measures reuse the SQL window and conditions the metric was computed with; nested
 * inputs (customers, quotas, the funnel) list their own records. Either way a count lists
 * exactly as many records as it counted. `all` returns every record (for CSV export).
 */
export async function drilldown(
  store: Store,
  input: DrilldownQuery,
  settings: Settings,
  options: { all?: boolean } = {},
): Promise<Drilldown> {
  const q = parseDrilldown(input)
  const metric = getMetric(q.metric)
  // Stage metrics carry pipeline and stage in every row's group: they are not a grouping.
  const by = Object.keys(q.group).filter(
    (k) => k !== 'stage' && !(metric.perStage && k === 'pipeline'),
  ) as Dimension[]
  // A row the metric cannot be sliced into has no value (unsupported_grouping or
  // unsupported_filter): it has no records either. Its inputs cannot apply the dimension
  // (spend has no rep; customers have no rep or team), so listing them would list too much
  // or fail (PostgreSQL refuses the constant group key).
  const unsupported = unsupportedBecause(metric, by, Object.keys(q.filters) as Dimension[])
  if (unsupported !== null) {
    const what =
      unsupported === 'unsupported_filter'
        ? `filtered by ${Object.keys(q.filters).join(', ')}`
        : `grouped by ${by.join(', ')}`
    throw new MiernikError(
      'UNSUPPORTED_GROUPING',
      `${metric.id} cannot be ${what}: its rows so sliced have no value and no records`,
    )
  }
  // Rows grouped by rep may have a value of their own (a rep's attainment), with its records.
  const drill =
    by.includes('rep') && metric.drillPerRep ? metric.drillPerRep[q.part] : metric.drill[q.part]
  if (drill === undefined) {
    throw new MiernikError(
      'INVALID_QUERY',
      `${metric.id} has no records to list behind its ${q.part}`,
    )
  }
  const query = {
    metrics: [metric.id],
    from: q.from,
    to: q.to,
    by,
    filters: q.filters,
    asOf: q.asOf,
  }
  const row = q.row
    ? ((await compute(store, query, settings)).find((r) =>
        Object.entries(q.group).every(([k, v]) => (r.group[k] ?? null) === v),
      ) ?? null)
    : null
  const plan = planPeriods({ ...query, grain: 'all' }, settings.fiscal_year_start_month, false)
  const period = plan.periods[0] as PlannedPeriod
  const all = options.all ?? false
  const lastChange = await latestChange(store)
  let page: RecordsPage
  // A plain measure lists its rows; so does a nested value that is one (a rep's won revenue).
  const measure =
    'measure' in drill
      ? metric.measures[drill.measure]
      : nestedInputs[drill.nested].recordMeasures?.[drill.records]
  if (measure || 'measure' in drill) {
    if (!measure) throw new Error(`${metric.id} lists the records of a measure it does not have`)
    page = await measureRecords(
      store,
      q,
      settings.base_currency,
      period,
      measure,
      by,
      all,
      new Params(store.dialect),
      lastChange,
    )
  } else {
    const nested = nestedInputs[drill.nested]
    if (!nested.records) throw new Error(`${drill.nested} lists no records`)
    const records = await nested.records(
      {
        store,
        periods: plan.periods,
        only: new Set([0]),
        by,
        filters: q.filters,
        asOf: q.asOf,
        baseCurrency: settings.base_currency,
        lastChange,
      },
      drill.records,
      q.group,
    )
    page = pageOf(records, q, all)
  }
  page = await withNames(store, page)
  return {
    metric: metric.id,
    part: q.part,
    period: { start: period.start, end: period.end },
    group: q.group,
    row,
    page: q.page,
    page_size: q.page_size,
    ...page,
  }
}
