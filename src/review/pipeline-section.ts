import type { ResultRow } from '../contracts/result-row.js'
import { metricRow } from './metric-row.js'
import { funnelView } from '../metrics/funnel-view.js'
import { factViews } from '../metrics/fact-views/index.js'
import { latestChange } from '../metrics/fact-views/deals-as-of.js'
import type { Dimension } from '../metrics/metric-schema.js'
import { addMonthsToMonthStart, type Period } from '../metrics/periods.js'
import { Params } from '../store/dialect.js'
import type { ReviewContext } from './build-review.js'
import type { PipelineSection, SlippedDeal } from './pack.js'

const one = metricRow

/** How many periods before make a stage's "usual" time. */
const historyPeriods = 4

/**
 * The pipeline of the period: velocity and its four parts, coverage of the next period, the
 * funnel with its biggest leak and the stage slowest against its own history, and the deals
 * whose expected close slipped out of the period.
 */
export async function pipelineSection(ctx: ReviewContext, next: Period): Promise<PipelineSection> {
  const months = monthsOf(ctx)
  const historyFrom = addMonthsToMonthStart(ctx.from, -months * historyPeriods)
  const [now, coverage, stageDays] = await ctx.compute([
    {
      from: ctx.from,
      to: ctx.to,
      metrics: [
        'pipeline_velocity',
        'opportunity_conversion_rate',
        'win_rate',
        'average_deal_size',
        'sales_cycle_length',
      ],
    },
    { from: next.start, to: next.end, metrics: ['pipeline_coverage'] },
    {
      from: historyFrom,
      to: ctx.to,
      grain: months === 1 ? 'month' : months === 3 ? 'quarter' : 'year',
      metrics: ['time_in_stage'],
    },
  ])
  const funnel = (
    await funnelView(
      ctx.store,
      { from: ctx.from, to: ctx.to, filters: ctx.filters, asOf: ctx.asOf },
      ctx.settings,
    )
  ).pipelines
  return {
    velocity: one(now, 'pipeline_velocity') ?? null,
    components: {
      created: one(now, 'opportunity_conversion_rate')?.denominator ?? null,
      winRate: one(now, 'win_rate')?.value ?? null,
      dealSize: one(now, 'average_deal_size')?.value ?? null,
      cycle: one(now, 'sales_cycle_length')?.value ?? null,
    },
    coverageNext: one(coverage, 'pipeline_coverage') ?? null,
    funnel,
    leak: biggestLeak(funnel),
    slowest: slowestStage(stageDays ?? [], ctx.from),
    slipped: await slippedDeals(ctx),
  }
}

function monthsOf(ctx: ReviewContext): number {
  const [fy, fm] = ctx.from.split('-').map(Number) as [number, number]
  const [ty, tm] = ctx.to.split('-').map(Number) as [number, number]
  return (ty - fy) * 12 + (tm - fm) + 1
}

/** The stage most deals of the cohort stopped at (not the last: nothing follows it). */
function biggestLeak(funnel: PipelineSection['funnel']): PipelineSection['leak'] {
  let best: PipelineSection['leak'] = null
  for (const { pipeline, stages } of funnel) {
    stages.forEach((s, i) => {
      if (s.drop_off === null || s.drop_off <= 0) return
      if (best === null || s.drop_off > best.dropOff)
        best = {
          pipeline,
          stage: s.stage,
          next: stages[i + 1]?.stage ?? null,
          dropOff: s.drop_off,
          conversion: s.conversion,
        }
    })
  }
  return best
}

/** The stage whose mean days in this period stand highest against its mean of the periods before. */
function slowestStage(rows: ResultRow[], from: string): PipelineSection['slowest'] {
  const key = (r: ResultRow) => `${r.group.pipeline ?? ''}\u0001${r.group.stage ?? ''}`
  const history = new Map<string, number[]>()
  for (const r of rows)
    if (r.period_start < from && r.value !== null)
      history.set(key(r), [...(history.get(key(r)) ?? []), r.value])
  let slowest: PipelineSection['slowest'] = null
  for (const r of rows) {
    if (r.period_start !== from || r.value === null) continue
    const before = history.get(key(r)) ?? []
    if (before.length === 0) continue
    const usual = before.reduce((a, b) => a + b, 0) / before.length
    if (usual <= 0) continue
    const ratio = r.value / usual
    if (slowest === null || ratio > slowest.ratio)
      slowest = { stage: String(r.group.stage), days: r.value, usual, ratio }
  }
  return slowest
}

/**
 * Deals still open as of the review whose expected close lay in the period and was moved past
 * its end (the change log says when): the forecast's slippage, largest first.
 */
async function slippedDeals(ctx: ReviewContext): Promise<PipelineSection['slipped']> {
  const d = ctx.store.dialect
  const params = new Params(d)
  const dims = new Set(Object.keys(ctx.filters) as Dimension[])
  const deals = factViews.opportunities.sql({
    dialect: d,
    params,
    asOf: ctx.asOf,
    baseCurrency: ctx.settings.base_currency,
    dims,
    money: true,
    lastChange: await latestChange(ctx.store),
  })
  const filters = Object.entries(ctx.filters)
    .map(([dim, values]) => ` AND o.dim_${dim} IN (${values.map((v) => params.add(v)).join(', ')})`)
    .join('')
  const from = params.date(ctx.from)
  const to = params.date(ctx.to)
  const asOf = params.date(ctx.asOf)
  const oldDate = d.tryCast('c.old_value', 'date')
  const newDate = d.tryCast('c.new_value', 'date')
  const rows = await ctx.store.query(
    `SELECT o.id, o.name, o.owner_id, o.amount_base, o.expected_close_on, MIN(${oldDate}) AS was
       FROM (${deals}) o
       JOIN opportunity_changes c ON c.opportunity_id = o.id AND c.field = 'expected_close_on'
      WHERE o.status = 'open' AND ${oldDate} BETWEEN ${from} AND ${to} AND ${newDate} > ${to}
        AND CAST(c.changed_at AS DATE) <= ${asOf}${filters}
      GROUP BY o.id, o.name, o.owner_id, o.amount_base, o.expected_close_on
      ORDER BY o.amount_base DESC NULLS LAST, o.id`,
    params.values,
  )
  const list: SlippedDeal[] = rows.map((r) => ({
    id: String(r.id),
    name: r.name === null ? null : String(r.name),
    owner: r.owner_id === null ? null : String(r.owner_id),
    amount: r.amount_base === null ? null : Number(r.amount_base),
    was: String(r.was).slice(0, 10),
    now: r.expected_close_on === null ? null : String(r.expected_close_on).slice(0, 10),
  }))
  return {
    count: list.length,
    amount: list.reduce((s, x) => s + (x.amount ?? 0), 0),
    deals: list.slice(0, 10),
  }
}
