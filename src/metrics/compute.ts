import type { ResultRow } from '../contracts/result-row.js'
import { readSettings, type Settings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import { getMetric } from './catalog.js'
import { firstDates } from './data-from.js'
import { checkFilterValues } from './dimension-values.js'
import { evaluateQuery } from './evaluate-rows.js'
import { checkFxRates, moneyOf, type MoneyTable } from './fx-check.js'
import type { Dimension, MetricDefinition } from './metric-schema.js'
import { latestChange } from './fact-views/deals-as-of.js'
import { dealDaysOf } from './fact-views/deal-days.js'
import { nestedInputs } from './nested/index.js'
import { nestedMoney } from './nested/money.js'
import type { NestedName } from './nested/values.js'
import { periodSpan, planBatch } from './plan.js'
import { parseQuery, type MetricQuery, type ParsedQuery } from './query-schema.js'
import { MeasureKeys, runMeasures } from './run-measures.js'
import { runNested } from './run-nested.js'
import { unsupportedBecause } from './slicing.js'
import { Targets } from './targets.js'

/**
 * Computes metrics for a query: plans the periods, runs one SQL query per fact view scan
 * and one per nested input, then evaluates each metric per period and group.
 *
 * @example
 * const rows = await compute(store, { metrics: ['win_rate'], from: '2026-04-01', to: '2026-06-30', asOf: '2026-07-01' })
 * // [{ metric: 'win_rate', period_start: '2026-04-01', ..., value: 0.25, numerator: 25, denominator: 100 }]
 */
export async function compute(
  store: Store,
  input: MetricQuery,
  known?: Settings,
): Promise<ResultRow[]> {
  return (await computeMany(store, [input], known))[0] as ResultRow[]
}

/**
 * Several queries at once (a dashboard page): queries that share their grouping, filters
 * and as-of date are computed together — one scan per fact view and window and one run per
 * nested input over the union of their periods — and each gets its own rows back.
 */
export async function computeMany(
  store: Store,
  inputs: MetricQuery[],
  known?: Settings,
  options: { signal?: AbortSignal } = {},
): Promise<ResultRow[][]> {
  // Every statement reads one state of the database, whatever an import commits meanwhile.
  return store.readSnapshot(() => computeManyNow(store, inputs, known, options), {
    analytic: true,
  })
}

async function computeManyNow(
  store: Store,
  inputs: MetricQuery[],
  known: Settings | undefined,
  options: { signal?: AbortSignal },
): Promise<ResultRow[][]> {
  const queries = inputs.map(parseQuery)
  const settings = known ?? (await readSettings(store))
  const checked = new Set<string>()
  for (const q of queries) {
    const key = JSON.stringify(Object.entries(q.filters).sort())
    if (!checked.has(key)) await checkFilterValues(store, q.filters)
    checked.add(key)
  }
  const together = new Map<string, number[]>()
  queries.forEach((q, i) => {
    const key = JSON.stringify([
      q.by,
      Object.entries(q.filters).sort(),
      q.asOf,
      q.forecastMadeBefore ?? null,
    ])
    together.set(key, [...(together.get(key) ?? []), i])
  })
  const results: ResultRow[][] = []
  for (const indexes of together.values()) {
    const batch = indexes.map((i) => queries[i] as ParsedQuery)
    options.signal?.throwIfAborted()
    const rows = await computeBatch(store, batch, settings, options.signal)
    indexes.forEach((i, k) => (results[i] = rows[k] as ResultRow[]))
  }
  return results
}

/**
 * Queries with the same grouping, filters, as-of date and forecast date, over the union of
 * their periods.
 */
async function computeBatch(
  store: Store,
  queries: ParsedQuery[],
  settings: Settings,
  signal?: AbortSignal,
): Promise<ResultRow[][]> {
  const first = queries[0] as ParsedQuery
  const by = first.by as Dimension[]
  const filterDims = Object.keys(first.filters) as Dimension[]
  const computable = (m: MetricDefinition) => unsupportedBecause(m, by, filterDims) === null
  const metricsOf = (q: ParsedQuery) => q.metrics.map(getMetric).filter(computable)
  const { periods, plans } = planBatch(queries, settings.fiscal_year_start_month, (q) =>
    metricsOf(q).some((m) => m.needsPrevious),
  )
  const metrics = [...new Set(queries.flatMap(metricsOf))]

  const keys = new MeasureKeys()
  for (const m of metrics) for (const measure of Object.values(m.measures)) keys.keyOf(measure)
  const nestedNames = [...new Set(metrics.flatMap((m) => m.nested))]
  // Per-rep values of nested inputs (quota attainment's revenue) come from the scan of
  // their window, grouped by rep as well: that window is not read again for them.
  const repMeasures = nestedNames.flatMap((name) =>
    Object.values(nestedInputs[name].repMeasures ?? {}).flatMap((m) => {
      if (!m) return []
      // Read back as <key>_value: a mean's parts would not be.
      if (m.agg !== 'count' && m.agg !== 'sum')
        throw new Error(`a per-rep measure of ${name} must be a count or a sum`)
      return [{ m, key: keys.keyOf(m) }]
    }),
  )

  const money = new Set<MoneyTable>()
  for (const { measure } of keys.all()) for (const t of moneyOf[measure.source] ?? []) money.add(t)
  for (const name of nestedNames) for (const t of nestedMoney[name]) money.add(t)
  await checkFxRates(store, money, settings.base_currency, {
    ...periodSpan(periods),
    asOf: first.asOf,
  })

  const run = {
    store,
    periods,
    by,
    filters: first.filters,
    asOf: first.asOf,
    baseCurrency: settings.base_currency,
    lastChange: await latestChange(store),
    dealDays: await dealDaysOf(store),
    ...(signal ? { signal } : {}),
  }
  const forecastMadeBefore = first.forecastMadeBefore
  const { values: measures, perRep } = await runMeasures(
    run,
    keys.all(),
    new Set(repMeasures.map((r) => r.key)),
  )
  const repValues = new Map(repMeasures.map(({ m, key }) => [m, perRep.get(key)]))
  const nested = await runNested(
    { ...run, repValues, ...(forecastMadeBefore ? { forecastMadeBefore } : {}) },
    nestedNames.map((name) => ({ name, ...nestedNeeds(name, queries, plans, metricsOf) })),
  )
  const targets = await Targets.read(store, metrics, by)
  const computed = {
    firstDates: await firstDates(store, metrics, first.asOf),
    measures,
    keyOf: (name: string, m: MetricDefinition) => keys.keyOf(m.measures[name] as never),
    nested,
    settings,
    by,
  }
  return queries.map((q, k) =>
    evaluateQuery(q, plans[k] as (typeof plans)[number], computed).map((r) =>
      targets.apply(r, q.filters),
    ),
  )
}

/**
 * The periods a nested input runs for: the buckets and comparisons of the queries whose
 * metrics read it, and the periods before them where those metrics need them.
 */
function nestedNeeds(
  name: NestedName,
  queries: ParsedQuery[],
  plans: ReturnType<typeof planBatch>['plans'],
  metricsOf: (q: ParsedQuery) => MetricDefinition[],
): { only: Set<number>; for: string[] } {
  const only = new Set<number>()
  const users = new Set<string>()
  queries.forEach((q, k) => {
    const readers = metricsOf(q).filter((m) => m.nested.includes(name))
    if (readers.length === 0) return
    const plan = plans[k] as (typeof plans)[number]
    for (const i of [...plan.buckets, ...plan.compareOf.values()]) only.add(i)
    if (readers.some((m) => m.needsPrevious)) for (const i of plan.previousOf.values()) only.add(i)
    for (const m of readers) users.add(m.id)
  })
  return { only, for: [...users] }
}
