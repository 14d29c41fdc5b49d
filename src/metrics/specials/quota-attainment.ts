import { compileMeasures } from '../compile-sql.js'
import type { Dimension, Measure } from '../metric-schema.js'
import { measureSchema } from '../metric-schema.js'
import { num, type Special, type SpecialRow } from './special.js'

const quota: Measure = measureSchema.parse({
  agg: 'sum',
  source: 'quotas',
  window: 'overlap',
  column: 'amount_base',
})
const revenue: Measure = measureSchema.parse({
  agg: 'sum',
  source: 'opportunities',
  date: 'closed_on',
  column: 'amount_base',
  where: { status: 'won' },
})

/**
 * Quota attainment is nested: each rep's won revenue against their quota for the period
 * (prorated by days where a quota spans more than the period), then counted per group.
 * Grouped by rep, the value is that rep's attainment (revenue / quota).
 */
export const quotaAttainment: Special = {
  dims: ['rep', 'team'],
  async run(input) {
    const perRepBy: Dimension[] = ['rep', ...input.by.filter((d) => d !== 'rep')]
    const common = {
      dialect: input.store.dialect,
      periods: input.periods,
      only: input.only,
      by: perRepBy,
      filters: input.filters,
      asOf: input.asOf,
      baseCurrency: input.baseCurrency,
    }
    const q = compileMeasures({
      ...common,
      source: 'quotas',
      measures: [{ key: 'q', measure: quota }],
    })
    const r = compileMeasures({
      ...common,
      source: 'opportunities',
      measures: [{ key: 'r', measure: revenue }],
    })
    const [quotas, revenues] = await Promise.all([
      input.store.query(q.sql, q.params),
      input.store.query(r.sql, r.params),
    ])
    const revenueOf = new Map(
      revenues.map((row) => [JSON.stringify([row.idx, row.g0]), num(row.r_value)]),
    )
    const groups = new Map<string, SpecialRow>()
    for (const row of quotas) {
      const quotaAmount = num(row.q_value)
      if (quotaAmount <= 0) continue
      const group = Object.fromEntries(
        input.by.map((d) => [d, (row[`g${perRepBy.indexOf(d)}`] as string | null) ?? null]),
      )
      const key = JSON.stringify([row.idx, group])
      const g = groups.get(key) ?? {
        idx: Number(row.idx),
        group,
        values: { reps_with_quota: 0, reps_attained: 0, revenue: 0, quota: 0 },
      }
      const won = revenueOf.get(JSON.stringify([row.idx, row.g0])) ?? 0
      g.values.reps_with_quota = num(g.values.reps_with_quota) + 1
      g.values.reps_attained = num(g.values.reps_attained) + (won >= quotaAmount ? 1 : 0)
      g.values.revenue = num(g.values.revenue) + won
      g.values.quota = num(g.values.quota) + quotaAmount
      groups.set(key, g)
    }
    return [...groups.values()]
  },
}
