import type { ResultRow } from '../contracts/result-row.js'
import { metricRow } from './metric-row.js'
import { addMonthsToMonthStart } from '../metrics/periods.js'
import type { ReviewContext } from './build-review.js'
import type { ChannelLine, CustomersSection, ForecastSection, SliceLine } from './pack.js'

const one = metricRow

/** Values of a grouped query by group value, per metric. */
function byGroup(rows: ResultRow[] | undefined, dim: string) {
  const out = new Map<string | null, Map<string, ResultRow>>()
  for (const r of rows ?? []) {
    if (r.reason === 'unsupported_filter' || r.reason === 'unsupported_grouping') continue
    const key = r.group[dim] ?? null
    const m = out.get(key) ?? new Map<string, ResultRow>()
    m.set(r.metric, r)
    out.set(key, m)
  }
  return out
}

/** New and lost customers, CAC (overall and by channel), CLTV, churn, retention, LTV:CAC. */
export async function customersSection(ctx: ReviewContext): Promise<CustomersSection> {
  const period = { from: ctx.from, to: ctx.to }
  const [whole, channels] = await ctx.compute([
    {
      ...period,
      metrics: [
        'customer_acquisition_cost',
        'customer_lifetime_value',
        'churn_rate',
        'customer_retention_rate',
      ],
    },
    { ...period, by: ['source'], metrics: ['customer_acquisition_cost'] },
  ])
  const cac = one(whole, 'customer_acquisition_cost') ?? null
  const cltv = one(whole, 'customer_lifetime_value') ?? null
  const churn = one(whole, 'churn_rate') ?? null
  return {
    newCustomers: cac?.denominator ?? null,
    lost: churn?.numerator ?? null,
    atStart: churn?.denominator ?? null,
    cac,
    cltv,
    churn,
    retention: one(whole, 'customer_retention_rate') ?? null,
    ltvToCac:
      cltv?.value != null && cac?.value != null && cac.value > 0 ? cltv.value / cac.value : null,
    cacByChannel: (channels ?? [])
      .filter((r) => r.reason !== 'unsupported_filter')
      .map((r) => ({ channel: r.group.source ?? null, value: r.value })),
  }
}

/**
 * Win rate, deal size, cycle and velocity by segment, the fastest-moving money first: the
 * segments with the most potential stand out at the top.
 */
export async function segmentLines(ctx: ReviewContext): Promise<SliceLine[]> {
  const [rows] = await ctx.compute([
    {
      from: ctx.from,
      to: ctx.to,
      by: ['segment'],
      metrics: ['win_rate', 'average_deal_size', 'sales_cycle_length', 'pipeline_velocity'],
    },
  ])
  return [...byGroup(rows, 'segment')]
    .map(([segment, m]) => ({
      segment,
      winRate: m.get('win_rate')?.value ?? null,
      dealSize: m.get('average_deal_size')?.value ?? null,
      cycle: m.get('sales_cycle_length')?.value ?? null,
      velocity: m.get('pipeline_velocity')?.value ?? null,
    }))
    .sort((a, b) => (b.velocity ?? -1) - (a.velocity ?? -1))
}

/**
 * Per channel (lead and deal source): leads, lead conversion, revenue, spend, CAC and the
 * return on spend (revenue / spend), the channels worth their money first.
 */
export async function channelLines(ctx: ReviewContext): Promise<ChannelLine[]> {
  const [rows] = await ctx.compute([
    {
      from: ctx.from,
      to: ctx.to,
      by: ['source'],
      metrics: ['lead_conversion_rate', 'total_revenue', 'customer_acquisition_cost'],
    },
  ])
  return [...byGroup(rows, 'source')]
    .map(([channel, m]) => {
      const leads = m.get('lead_conversion_rate')
      const cac = m.get('customer_acquisition_cost')
      const revenue = m.get('total_revenue')?.value ?? null
      const spend = cac?.numerator ?? null
      return {
        channel,
        leads: leads?.denominator ?? null,
        conversion: leads?.value ?? null,
        revenue,
        spend,
        cac: cac?.value ?? null,
        returnOnSpend: revenue !== null && spend !== null && spend > 0 ? revenue / spend : null,
      }
    })
    .sort(
      (a, b) =>
        (b.returnOnSpend ?? -1) - (a.returnOnSpend ?? -1) || (b.revenue ?? 0) - (a.revenue ?? 0),
    )
}

/** How many periods of forecast history a pack shows. */
const historyPeriods = 4

/**
 * Forecast accuracy of the period with its bias (over or under), and the periods before for
 * the company, each team and each rep: whether the forecast is habitually optimistic.
 */
export async function forecastSection(
  ctx: ReviewContext,
  kind: 'month' | 'quarter' | 'year',
): Promise<ForecastSection> {
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12
  const history = {
    from: addMonthsToMonthStart(ctx.from, -months * historyPeriods),
    to: ctx.to,
    grain: kind,
    metrics: ['forecast_accuracy'],
  }
  const [now, company, teams, reps] = await ctx.compute([
    { from: ctx.from, to: ctx.to, metrics: ['forecast_accuracy'] },
    history,
    { ...history, by: ['team'] },
    { ...history, by: ['rep'] },
  ])
  const accuracy = one(now, 'forecast_accuracy') ?? null
  const line = (scope: string, r: ResultRow) => ({
    scope,
    from: r.period_start,
    to: r.period_end,
    accuracy: r.value,
    bias: biasOf(r),
  })
  const withForecast = (r: ResultRow) => r.denominator !== null && r.reason !== 'period_running'
  return {
    accuracy,
    bias: accuracy ? biasOf(accuracy) : null,
    forecast: accuracy?.denominator ?? null,
    actual: accuracy?.numerator ?? null,
    history: [
      ...(company ?? []).filter(withForecast).map((r) => line('company', r)),
      ...(teams ?? []).filter(withForecast).map((r) => line(`team:${r.group.team ?? ''}`, r)),
      ...(reps ?? []).filter(withForecast).map((r) => line(`rep:${r.group.rep ?? ''}`, r)),
    ],
  }
}

/** (forecast − actual) / actual from an accuracy row (numerator: actual, denominator: forecast). */
function biasOf(r: ResultRow): number | null {
  if (r.numerator === null || r.denominator === null || r.numerator === 0) return null
  if (r.reason === 'period_running') return null
  return (r.denominator - r.numerator) / r.numerator
}
