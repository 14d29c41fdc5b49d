import type { FunnelResponse, FunnelStage } from '../contracts/funnel-response.js'
import type { Settings } from '../store/settings.js'
import type { Store } from '../store/store.js'
import { parseQuery } from './query-schema.js'
import type { Dimension } from './metric-schema.js'
import { planPeriods } from './plan.js'
import { latestChange } from './fact-views/deals-as-of.js'
import { funnel, reachSql } from './nested/funnel.js'
import type { NestedRunInput } from './nested/nested-input.js'
import { Params } from '../store/dialect.js'

/**
 * The stage funnel of the opportunities created in [from, to], per pipeline, in stage
 * order: the same numbers as stage_conversion and time_in_stage, with amounts and the
 * conversion from the first stage, shaped for a funnel chart.
 */
export async function funnelView(
  store: Store,
  query: {
    from: string
    to: string
    filters?: Partial<Record<Dimension, string[]>>
    asOf: string
    pipeline?: string
  },
  settings: Settings,
): Promise<FunnelResponse> {
  const q = parseQuery({
    metrics: ['stage_conversion'],
    from: query.from,
    to: query.to,
    filters: query.filters ?? {},
    asOf: query.asOf,
  })
  const plan = planPeriods(q, settings.fiscal_year_start_month, false)
  const input = {
    store,
    periods: plan.periods,
    only: new Set(plan.buckets),
    by: [],
    filters: q.filters,
    asOf: q.asOf,
    baseCurrency: settings.base_currency,
    lastChange: await latestChange(store),
  }
  const [rows, reasons] = await Promise.all([funnel.run(input), lostReasons(input)])
  const pipelines = new Map<string, FunnelStage[]>()
  for (const r of rows) {
    const pipeline = String(r.group.pipeline)
    if (query.pipeline && pipeline !== query.pipeline) continue
    const stages = pipelines.get(pipeline) ?? []
    const reached = r.values.reached ?? 0
    const next = r.values.next_reached ?? null
    const first = stages[0]?.reached ?? reached
    const visits = r.values.visits ?? 0
    stages.push({
      stage: String(r.group.stage),
      position: r.order ?? 0,
      reached,
      amount: r.values.amount ?? 0,
      next_reached: next,
      conversion: next === null || reached === 0 ? null : next / reached,
      cumulative: first === 0 ? null : reached / first,
      drop_off: next === null ? null : reached - next,
      lost: next === null ? null : (r.values.stopped_lost ?? 0),
      still_open: next === null ? null : (r.values.stopped_open ?? 0),
      lost_reasons: next === null ? [] : (reasons.get(`${pipeline}\u0001${r.group.stage}`) ?? []),
      mean_days: visits === 0 ? null : (r.values.days_in_stage ?? 0) / visits,
    })
    pipelines.set(pipeline, stages)
  }
  return { pipelines: [...pipelines].map(([pipeline, stages]) => ({ pipeline, stages })) }
}

type Reasons = FunnelStage['lost_reasons']

/** Why the deals that stopped at each stage were lost, per pipeline and stage, most first. */
async function lostReasons(input: NestedRunInput): Promise<Map<string, Reasons>> {
  const params = new Params(input.store.dialect)
  const { ctes } = reachSql(input, params)
  const rows = await input.store.query(
    `${ctes}
     SELECT r.pipeline, t.stage, r.lost_reason AS reason, COUNT(*) AS n
       FROM reach r JOIN st t ON t.pipeline = r.pipeline AND t.position = r.max_pos
      WHERE r.status = 'lost'
      GROUP BY r.pipeline, t.stage, r.lost_reason
      ORDER BY n DESC, reason NULLS LAST`,
    params.values,
  )
  const out = new Map<string, Reasons>()
  for (const r of rows) {
    const key = `${String(r.pipeline)}\u0001${String(r.stage)}`
    const list = out.get(key) ?? []
    list.push({ reason: r.reason === null ? null : String(r.reason), count: Number(r.n) })
    out.set(key, list)
  }
  return out
}
