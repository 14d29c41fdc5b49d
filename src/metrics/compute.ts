import type { Store } from '../store/store.js'
import { readSettings, type Settings } from '../store/settings.js'
import { getMetric } from './catalog.js'
import { compileMeasures, measureGroupKey, periodSpan, type PlannedPeriod } from './compile-sql.js'
import { checkFxRates, moneyOf, type MoneyTable } from './fx-check.js'
import type {
  Dimension,
  EvalContext,
  Measure,
  MeasureValue,
  MetricDefinition,
  MetricValue,
} from './metric-schema.js'
import { daysInclusive } from './periods.js'
import { monthsIn, planPeriods, specials, supportedDims, type Plan } from './plan.js'
import { parseQuery, type MetricQuery, type ParsedQuery } from './query-schema.js'
import type { ResultRow } from './result-row.js'
import type { SpecialRow } from './specials/special.js'

type GroupValues = Record<string, string | null>
const groupKey = (idx: number, group: GroupValues) => JSON.stringify([idx, group])
const emptyMeasure: MeasureValue = { value: 0, sum: 0, count: 0, excluded: 0 }

/**
 * Computes metrics for a query: plans the periods, runs one SQL query per measure group
 * and one per special input, then evaluates each metric per period and group.
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
 * and as-of date are computed together — one scan per measure group and one run per
 * special input over the union of their periods — and each gets its own rows back.
 */
export async function computeMany(
  store: Store,
  inputs: MetricQuery[],
  known?: Settings,
): Promise<ResultRow[][]> {
  const queries = inputs.map(parseQuery)
  const settings = known ?? (await readSettings(store))
  const together = new Map<string, number[]>()
  queries.forEach((q, i) => {
    const key = JSON.stringify([q.by, Object.entries(q.filters).sort(), q.asOf])
    together.set(key, [...(together.get(key) ?? []), i])
  })
  const results: ResultRow[][] = []
  for (const indexes of together.values()) {
    const rows = await computeShared(
      store,
      indexes.map((i) => queries[i] as ParsedQuery),
      settings,
    )
    indexes.forEach((i, k) => (results[i] = rows[k] as ResultRow[]))
  }
  return results
}

/** Queries with the same grouping, filters and as-of date, over the union of their periods. */
async function computeShared(
  store: Store,
  queries: ParsedQuery[],
  settings: Settings,
): Promise<ResultRow[][]> {
  const first = queries[0] as ParsedQuery
  const by = first.by as Dimension[]
  const filterDims = Object.keys(first.filters) as Dimension[]
  const isSupported = (m: MetricDefinition) => unsupportedBecause(m, by, filterDims) === null

  // Each query's plan, with its periods merged into one list shared by all.
  const periods: PlannedPeriod[] = []
  const indexOf = new Map<string, number>()
  const globalIndex = (p: PlannedPeriod) => {
    const key = `${p.start}/${p.end}`
    let i = indexOf.get(key)
    if (i === undefined) {
      i = periods.length
      periods.push(p)
      indexOf.set(key, i)
    }
    return i
  }
  const plans = queries.map((q) => {
    const local = planPeriods(
      q,
      settings.fiscal_year_start_month,
      q.metrics.map(getMetric).some((m) => isSupported(m) && m.needsPrevious),
    )
    const map = (i: number) => globalIndex(local.periods[i] as PlannedPeriod)
    const remap = (m: Map<number, number>) => new Map([...m].map(([k, v]) => [map(k), map(v)]))
    return {
      periods,
      buckets: local.buckets.map(map),
      compareOf: remap(local.compareOf),
      previousOf: remap(local.previousOf),
    } satisfies Plan
  })
  const supported = [...new Set(queries.flatMap((q) => q.metrics))]
    .map(getMetric)
    .filter(isSupported)

  // Every distinct measure once, grouped by what can share one scan.
  const measureKeys = new Map<string, { key: string; measure: Measure }>()
  const keyOf = (m: Measure) => {
    const json = JSON.stringify(m)
    let entry = measureKeys.get(json)
    if (!entry) measureKeys.set(json, (entry = { key: `m${measureKeys.size}`, measure: m }))
    return entry.key
  }
  for (const m of supported) for (const measure of Object.values(m.measures)) keyOf(measure)

  const money = new Set<MoneyTable>()
  for (const { measure } of measureKeys.values())
    for (const t of moneyOf[measure.source] ?? []) money.add(t)
  const specialNames = new Set(supported.flatMap((m) => m.specials))
  if (specialNames.has('customers')) money.add('subscriptions').add('opportunities')
  if (specialNames.has('forecast')) money.add('forecasts')
  if (specialNames.has('funnel')) money.add('opportunities')
  if (specialNames.has('quota_attainment')) money.add('quotas').add('opportunities')
  const span = periodSpan(periods)
  await checkFxRates(store, money, settings.base_currency, { ...span, asOf: first.asOf })

  const values = await runMeasures(store, first, periods, settings, [...measureKeys.values()])
  const specialRows = new Map<string, SpecialRow[]>()
  for (const name of specialNames) {
    // Only the periods its metrics read: their buckets and comparisons, and the periods
    // before them where a metric needs those.
    const only = new Set<number>()
    queries.forEach((q, k) => {
      const users = q.metrics
        .map(getMetric)
        .filter((m) => isSupported(m) && m.specials.includes(name))
      if (users.length === 0) return
      const plan = plans[k] as Plan
      for (const i of [...plan.buckets, ...plan.compareOf.values()]) only.add(i)
      if (users.some((m) => m.needsPrevious)) for (const i of plan.previousOf.values()) only.add(i)
    })
    specialRows.set(
      name,
      await specials[name].run({
        store,
        periods,
        only,
        for: supported.filter((m) => m.specials.includes(name)).map((m) => m.id),
        by,
        filters: first.filters,
        asOf: first.asOf,
        baseCurrency: settings.base_currency,
      }),
    )
  }
  const targets = await targetsFor(store, supported, by)
  return queries.map((q, k) =>
    evaluateQuery(q, plans[k] as Plan, values, specialRows, keyOf, settings, by, isSupported).map(
      (row) => withTarget(row, targets),
    ),
  )
}

/**
 * Targets by metric, exact period and scope: 'company' for ungrouped rows, 'rep:<id>' or
 * 'team:<name>' for rows grouped by one of those. The targets table is small.
 */
async function targetsFor(
  store: Store,
  metrics: MetricDefinition[],
  by: Dimension[],
): Promise<Map<string, number>> {
  const targets = new Map<string, number>()
  if (metrics.length === 0 || by.length > 1 || (by[0] && by[0] !== 'rep' && by[0] !== 'team')) {
    return targets
  }
  const rows = await store.query(
    `SELECT metric, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, scope, value
       FROM targets WHERE metric IN (${metrics.map((_, i) => `$${i + 1}`).join(', ')})`,
    metrics.map((m) => m.id),
  )
  for (const r of rows) {
    targets.set(JSON.stringify([r.metric, r.period_start, r.period_end, r.scope]), Number(r.value))
  }
  return targets
}

function withTarget(row: ResultRow, targets: Map<string, number>): ResultRow {
  const [dim] = Object.keys(row.group)
  const scope = dim === undefined ? 'company' : `${dim}:${row.group[dim] ?? ''}`
  const target = targets.get(JSON.stringify([row.metric, row.period_start, row.period_end, scope]))
  return target === undefined ? row : { ...row, target }
}

/** One query's rows from the shared measure values and special rows. */
function evaluateQuery(
  query: ParsedQuery,
  plan: Plan,
  values: Map<string, Map<string, MeasureValue>>,
  specialRows: Map<string, SpecialRow[]>,
  keyOf: (m: Measure) => string,
  settings: Settings,
  by: Dimension[],
  isSupported: (m: MetricDefinition) => boolean,
): ResultRow[] {
  const rows: ResultRow[] = []
  for (const metric of query.metrics.map(getMetric)) {
    if (!isSupported(metric)) {
      rows.push(...unsupported(metric, query, plan, by))
      continue
    }
    const evaluator = new Evaluator(metric, plan, values, specialRows, keyOf, settings, by)
    for (const idx of plan.buckets) {
      const period = plan.periods[idx] as PlannedPeriod
      const groups = evaluator.groups(idx)
      if (groups.length === 0) {
        // Nothing to split (no stage definitions, or no data at all in the period): say so
        // rather than return nothing.
        const row = toRow(metric, period, Object.fromEntries(by.map((d) => [d, null])), {
          value: null,
          reason: metric.perStage ? 'no_stage_data' : 'no_data',
        })
        rows.push(plan.compareOf.has(idx) ? { ...row, previous: null, change: null } : row)
        continue
      }
      for (const { group } of groups) {
        const result = evaluator.evaluate(idx, group)
        const row = toRow(metric, period, group, result)
        const compareIdx = plan.compareOf.get(idx)
        if (compareIdx !== undefined) {
          const previous = evaluator.evaluate(compareIdx, group).value
          row.previous = previous
          row.change = previous === null || row.value === null ? null : row.value - previous
        }
        rows.push(row)
      }
    }
  }
  return rows
}

async function runMeasures(
  store: Store,
  query: ParsedQuery,
  periods: PlannedPeriod[],
  settings: Settings,
  measures: { key: string; measure: Measure }[],
): Promise<Map<string, Map<string, MeasureValue>>> {
  const byGroup = new Map<string, { key: string; measure: Measure }[]>()
  for (const m of measures) {
    const k = measureGroupKey(m.measure)
    byGroup.set(k, [...(byGroup.get(k) ?? []), m])
  }
  const by = query.by as Dimension[]
  const result = new Map<string, Map<string, MeasureValue>>()
  for (const group of byGroup.values()) {
    const compiled = compileMeasures({
      dialect: store.dialect,
      source: (group[0] as { measure: Measure }).measure.source,
      measures: group,
      periods,
      by,
      filters: query.filters,
      asOf: query.asOf,
      baseCurrency: settings.base_currency,
    })
    for (const row of await store.query(compiled.sql, compiled.params)) {
      const g = Object.fromEntries(by.map((d, i) => [d, (row[`g${i}`] as string | null) ?? null]))
      const key = groupKey(Number(row.idx), g)
      for (const { key: mk, measure } of group) {
        const map = result.get(mk) ?? new Map<string, MeasureValue>()
        result.set(mk, map)
        if (measure.agg === 'mean') {
          const sum = Number(row[`${mk}_sum`] ?? 0)
          const count = Number(row[`${mk}_count`] ?? 0)
          map.set(key, {
            value: count ? sum / count : 0,
            sum,
            count,
            excluded: Number(row[`${mk}_excluded`] ?? 0),
          })
        } else {
          const v = Number(row[`${mk}_value`] ?? 0)
          map.set(key, { value: v, sum: v, count: 0, excluded: Number(row[`${mk}_excluded`] ?? 0) })
        }
      }
    }
  }
  return result
}

class Evaluator {
  private readonly special = new Map<string, Map<string, SpecialRow>>()

  constructor(
    private readonly metric: MetricDefinition,
    private readonly plan: Plan,
    private readonly values: Map<string, Map<string, MeasureValue>>,
    specialRows: Map<string, SpecialRow[]>,
    private readonly keyOf: (m: Measure) => string,
    private readonly settings: Settings,
    private readonly by: Dimension[],
  ) {
    for (const name of metric.specials) {
      const map = new Map<string, SpecialRow>()
      for (const r of specialRows.get(name) ?? []) map.set(groupKey(r.idx, r.group), r)
      this.special.set(name, map)
    }
  }

  /** The groups with any data in the period: one empty group when ungrouped; stages in order for stage metrics. */
  groups(idx: number): { group: GroupValues; order: number }[] {
    if (this.metric.perStage) {
      const rows = [...(this.special.get('funnel')?.values() ?? [])].filter((r) => r.idx === idx)
      return rows.map((r) => ({ group: r.group, order: r.order ?? 0 }))
    }
    if (this.by.length === 0) return [{ group: {}, order: 0 }]
    // A group with data in the period, in its comparison period or in the period before
    // (growth) has a row: a rep who sold nothing this quarter still shows, at 0.
    const periods = new Set([idx, this.plan.compareOf.get(idx)])
    if (this.metric.needsPrevious) periods.add(this.plan.previousOf.get(idx))
    const seen = new Map<string, GroupValues>()
    const collect = (key: string) => {
      const [i, group] = JSON.parse(key) as [number, GroupValues]
      if (periods.has(i)) seen.set(JSON.stringify(group), group)
    }
    for (const m of Object.values(this.metric.measures))
      for (const k of this.values.get(this.keyOf(m))?.keys() ?? []) collect(k)
    for (const map of this.special.values()) for (const k of map.keys()) collect(k)
    return [...seen.values()]
      .sort((a, b) => compareGroups(a, b, this.by))
      .map((group) => ({ group, order: 0 }))
  }

  evaluate(idx: number, group: GroupValues): MetricValue {
    const period = this.plan.periods[idx] as PlannedPeriod
    const at = (shift: 0 | -1) => (shift === 0 ? idx : this.plan.previousOf.get(idx))
    const ctx: EvalContext = {
      m: (name, shift = 0) => {
        const measure = this.metric.measures[name]
        const i = at(shift)
        if (!measure || i === undefined)
          throw new Error(`${this.metric.id}: no measure ${name} at shift ${shift}`)
        return this.values.get(this.keyOf(measure))?.get(groupKey(i, group)) ?? emptyMeasure
      },
      special: (name, shift = 0) => {
        const i = at(shift)
        if (i === undefined) throw new Error(`${this.metric.id}: no period at shift ${shift}`)
        return this.special.get(name)?.get(groupKey(i, group))?.values ?? {}
      },
      days: daysInclusive(period),
      months: monthsIn(period),
      settings: this.settings,
      groupedBy: this.by,
    }
    return this.metric.evaluate(ctx)
  }
}

function compareGroups(a: GroupValues, b: GroupValues, by: Dimension[]): number {
  for (const d of by) {
    const x = a[d] ?? null
    const y = b[d] ?? null
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    return x < y ? -1 : 1
  }
  return 0
}

function toRow(
  metric: MetricDefinition,
  period: PlannedPeriod,
  group: GroupValues,
  r: MetricValue,
): ResultRow {
  const finite = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : v
  const value = finite(r.value)
  return {
    metric: metric.id,
    period_start: period.start,
    period_end: period.end,
    group,
    value,
    numerator: finite(r.numerator),
    denominator: finite(r.denominator),
    unit: metric.unit,
    excluded: r.excluded ?? 0,
    ...(r.excluded && metric.excludes ? { excluded_reason: metric.excludes.reason } : {}),
    ...(value === null ? { reason: r.reason ?? 'no_data' } : {}),
  }
}

/** Why a metric cannot be sliced this way, or null when it can. */
function unsupportedBecause(
  metric: MetricDefinition,
  by: Dimension[],
  filterDims: Dimension[],
): 'unsupported_grouping' | 'unsupported_filter' | null {
  const dims = supportedDims(metric)
  const limits = metric.specials.map((s) => specials[s].limits).filter((l) => l !== undefined)
  if (!by.every((d) => dims.has(d)) || limits.some((l) => by.length > l.maxDims)) {
    return 'unsupported_grouping'
  }
  if (!filterDims.every((d) => dims.has(d))) return 'unsupported_filter'
  if (limits.some((l) => l.filtersOnGroupingOnly && !filterDims.every((d) => by.includes(d)))) {
    return 'unsupported_filter'
  }
  return null
}

function unsupported(
  metric: MetricDefinition,
  query: ParsedQuery,
  plan: Plan,
  by: Dimension[],
): ResultRow[] {
  const reason = unsupportedBecause(metric, by, Object.keys(query.filters) as Dimension[])
  return plan.buckets.map((idx) => {
    const p = plan.periods[idx] as PlannedPeriod
    return {
      metric: metric.id,
      period_start: p.start,
      period_end: p.end,
      group: Object.fromEntries(by.map((d) => [d, null])),
      value: null,
      numerator: null,
      denominator: null,
      unit: metric.unit,
      excluded: 0,
      reason: reason ?? 'unsupported_grouping',
      ...(query.compare ? { previous: null, change: null } : {}),
    }
  })
}
