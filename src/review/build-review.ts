import type { ResultRow } from '../contracts/result-row.js'
import { metricRow } from './metric-row.js'
import { compareValues } from '../format/direction.js'
import { goalProgress } from '../format/goal-progress.js'
import { getMetric } from '../metrics/catalog.js'
import { computeMany } from '../metrics/compute.js'
import type { MetricQuery } from '../metrics/query-schema.js'
import { qualityReport } from '../quality/report.js'
import { readSettings, type Settings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import { revenueDrivers } from './drivers.js'
import { writeNarrative } from './narrative.js'
import type { KpiLine, ReviewPack } from './pack.js'
import { pipelineSection } from './pipeline-section.js'
import { parseReviewInput, reviewPeriods, scopeFilters, type ReviewInput } from './review-input.js'
import { forecastSection, customersSection, channelLines, segmentLines } from './slices.js'
import { teamSection } from './team-section.js'

/** The headline of every pack, in the order it is presented. */
export const headlineMetrics = [
  'total_revenue',
  'average_deal_size',
  'win_rate',
  'sales_cycle_length',
  'pipeline_velocity',
  'pipeline_coverage',
  'quota_attainment_rate',
  'opportunity_conversion_rate',
  'lead_conversion_rate',
  'qualified_leads',
  'customer_acquisition_cost',
  'customer_retention_rate',
  'churn_rate',
  'forecast_accuracy',
  'forecast_bias',
] as const

/** What the sections get: the period, its slice and one way to ask the engine. */
export interface ReviewContext {
  store: Store
  settings: Settings
  asOf: string
  from: string
  to: string
  filters: Record<string, string[]>
  /** Metric queries for this slice and as-of date, computed together. */
  compute: (queries: Omit<MetricQuery, 'asOf' | 'filters'>[]) => Promise<ResultRow[][]>
}

/**
 * The review pack of a period: every figure from the metric engine (compute), for the slice
 * the filters name — a user's scope is applied by the caller through these filters
 * (scopeQuery), so a rep's pack holds their numbers only.
 *
 * @example
 * const pack = await buildReview(store, { period: '2026-Q3', asOf: '2026-10-05' })
 * pack.drivers.drivers?.change // the revenue change, split into drivers that add up to it
 */
export async function buildReview(
  store: Store,
  input: ReviewInput,
  options: { filters?: Record<string, string[]> } = {},
): Promise<ReviewPack> {
  const o = parseReviewInput(input)
  const settings = await readSettings(store)
  const periods = reviewPeriods(o.period, settings.fiscal_year_start_month)
  const { period } = periods
  const filters = { ...scopeFilters(o.scope), ...(options.filters ?? {}) }
  const ctx: ReviewContext = {
    store,
    settings,
    asOf: o.asOf,
    from: period.start,
    to: period.end,
    filters,
    compute: (queries) =>
      computeMany(
        store,
        queries.map((q) => ({ ...q, filters, asOf: o.asOf })),
        settings,
      ),
  }
  const base = { from: period.start, to: period.end }
  const [prev, yearAgo] = await ctx.compute([
    { ...base, metrics: [...headlineMetrics], compare: 'previous' },
    { ...base, metrics: [...headlineMetrics], compare: 'year_ago' },
  ])
  const headline = headlineMetrics.map((id) => kpiLine(id, one(prev, id), one(yearAgo, id)))
  const running = headline[0]?.row.running === true
  const [byTeam] = o.byTeam
    ? await ctx.compute([{ ...base, metrics: [...headlineMetrics], by: ['team'] }])
    : [null]

  const pack: ReviewPack = {
    version: 1,
    kind: periods.kind,
    label: o.period,
    from: period.start,
    to: period.end,
    running,
    asOf: o.asOf,
    previous: { from: periods.previous.start, to: periods.previous.end },
    yearAgo: { from: periods.yearAgo.start, to: periods.yearAgo.end },
    next: { from: periods.next.start, to: periods.next.end },
    currency: settings.base_currency,
    filters,
    scope: o.scope ?? null,
    headline,
    byTeam: byTeam ? groupRows(byTeam, 'team') : null,
    drivers: driversOf(prev ?? []),
    pipeline: await pipelineSection(ctx, periods.next),
    team: await teamSection(ctx, o.threshold),
    customers: await customersSection(ctx),
    segments: await segmentLines(ctx),
    channels: await channelLines(ctx),
    forecast: await forecastSection(ctx, periods.kind),
    quality: await qualityCounts(ctx),
    quarters: periods.kind === 'year' ? await quarters(ctx) : null,
    narrative: [],
  }
  pack.narrative = writeNarrative(pack)
  return pack
}

const one = (rows: ResultRow[] | undefined, id: string) => metricRow(rows, id) as ResultRow

function kpiLine(id: string, row: ResultRow, yearAgoRow: ResultRow): KpiLine {
  const m = getMetric(id)
  const relative = m.unit === 'currency' || m.unit === 'count' || m.unit === 'currency_per_day'
  const changeOf = (r: ResultRow) => {
    if (r.value === null || r.previous === null || r.previous === undefined) return null
    if (!relative) return r.value - r.previous
    return r.previous === 0 ? null : (r.value - r.previous) / Math.abs(r.previous)
  }
  const better = (r: ResultRow) => {
    if (r.value === null || r.previous === null || r.previous === undefined) return null
    const c = compareValues(m.direction, r.previous, r.value)
    return c === 0 ? null : c > 0
  }
  return {
    metric: id,
    unit: row.unit,
    direction: m.direction,
    row,
    value: row.value,
    previous: row.previous ?? null,
    yearAgo: yearAgoRow.previous ?? null,
    change: changeOf(row),
    changeYearAgo: changeOf(yearAgoRow),
    better: better(row),
    betterYearAgo: better(yearAgoRow),
    target: row.target ?? null,
    goal:
      row.target === undefined
        ? null
        : goalProgress(
            { value: row.value, goal: row.target, pace: row.pace, running: row.running },
            m,
          ),
  }
}

/** Revenue split into drivers, from the engine's own like-for-like comparison. */
function driversOf(rows: ResultRow[]): ReviewPack['drivers'] {
  const size = one(rows, 'average_deal_size')
  const conversion = one(rows, 'opportunity_conversion_rate')
  const win = one(rows, 'win_rate')
  if (!size || size.reason === 'unsupported_filter' || size.reason === 'not_started')
    return { drivers: null, reason: size?.reason ?? 'no_data' }
  const side = (
    revenue: number | null | undefined,
    won: number | null | undefined,
    created: number | null | undefined,
    winRate: number | null | undefined,
  ) => ({
    revenue: revenue ?? 0,
    won: won ?? 0,
    created: created ?? null,
    winRate: winRate ?? null,
  })
  return {
    drivers: revenueDrivers(
      side(
        size.previous_numerator,
        size.previous_denominator,
        conversion?.previous_denominator,
        win?.previous,
      ),
      side(size.numerator, size.denominator, conversion?.denominator, win?.value),
    ),
    reason: null,
  }
}

function groupRows(rows: ResultRow[], dim: string) {
  const groups = new Map<string | null, ResultRow[]>()
  for (const r of rows) {
    // A metric that cannot be split this way, or has nothing to split, answers one row
    // with no team: not a team of its own.
    if (r.reason === 'unsupported_grouping' || r.reason === 'no_data') continue
    const key = r.group[dim] ?? null
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  return [...groups].map(([team, rs]) => ({ team, rows: rs }))
}

async function qualityCounts(ctx: ReviewContext): Promise<ReviewPack['quality']> {
  const report = await qualityReport(ctx.store, {
    asOf: ctx.asOf,
    from: ctx.from,
    to: ctx.to,
    limit: 0,
    ...(ctx.filters.rep ? { owners: ctx.filters.rep } : {}),
  })
  return report.checks.map((c) => ({
    id: c.id,
    description: c.description,
    description_pl: c.description_pl,
    count: c.count,
  }))
}

/** An annual pack's year by quarter, each quarter against the same one a year before. */
async function quarters(ctx: ReviewContext): Promise<ReviewPack['quarters']> {
  const [rows] = await ctx.compute([
    {
      from: ctx.from,
      to: ctx.to,
      grain: 'quarter',
      metrics: [...headlineMetrics],
      compare: 'year_ago',
    },
  ])
  const byQuarter = new Map<string, ResultRow[]>()
  for (const r of rows ?? []) {
    const key = `${r.period_start}/${r.period_end}`
    byQuarter.set(key, [...(byQuarter.get(key) ?? []), r])
  }
  return [...byQuarter].map(([key, rs]) => {
    const [from, to] = key.split('/') as [string, string]
    return { from, to, rows: rs }
  })
}
