import { compileMeasures } from '../compile-sql.js'
import type { Measure } from '../metric-schema.js'
import { measureSchema } from '../metric-schema.js'
import { num, perRepInput, type Special, type SpecialInput, type SpecialRow } from './special.js'

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
interface RepQuota {
  idx: number
  group: Record<string, string | null>
  rep: string
  quota: number
  revenue: number
}

/** Each rep with a quota in a period: the quota (prorated) and the revenue won. */
async function perRep(input: SpecialInput): Promise<RepQuota[]> {
  const { perRepBy, common } = perRepInput(input)
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
  return quotas
    .filter((row) => num(row.q_value) > 0)
    .map((row) => ({
      idx: Number(row.idx),
      group: Object.fromEntries(
        input.by.map((d) => [d, (row[`g${perRepBy.indexOf(d)}`] as string | null) ?? null]),
      ),
      rep: String(row.g0),
      quota: num(row.q_value),
      revenue: revenueOf.get(JSON.stringify([row.idx, row.g0])) ?? 0,
    }))
}

export const quotaAttainment: Special = {
  dims: ['rep', 'team'],
  async run(input) {
    const groups = new Map<string, SpecialRow>()
    for (const r of await perRep(input)) {
      const key = JSON.stringify([r.idx, r.group])
      const g = groups.get(key) ?? {
        idx: r.idx,
        group: r.group,
        values: { reps_with_quota: 0, reps_attained: 0, revenue: 0, quota: 0 },
      }
      g.values.reps_with_quota = num(g.values.reps_with_quota) + 1
      g.values.reps_attained = num(g.values.reps_attained) + (r.revenue >= r.quota ? 1 : 0)
      g.values.revenue = num(g.values.revenue) + r.revenue
      g.values.quota = num(g.values.quota) + r.quota
      groups.set(key, g)
    }
    return [...groups.values()]
  },
  /** Reps with a quota ('with_quota') or those at or above it ('attained'). */
  async records(input, kind, group) {
    const reps = (await perRep(input)).filter(
      (r) =>
        Object.entries(group).every(([d, v]) => (r.group[d] ?? null) === v) &&
        (kind === 'with_quota' || (kind === 'attained' && r.revenue >= r.quota)),
    )
    const names = new Map(
      (await input.store.query('SELECT id, name, team FROM reps')).map((r) => [String(r.id), r]),
    )
    return {
      columns: [
        { name: 'rep_id', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'team', type: 'text' },
        { name: 'quota', type: 'money' },
        { name: 'revenue', type: 'money' },
        { name: 'attainment', type: 'number' },
      ],
      rows: reps.map((r) => ({
        rep_id: r.rep,
        name: names.get(r.rep)?.name ?? null,
        team: names.get(r.rep)?.team ?? null,
        quota: r.quota,
        revenue: r.revenue,
        attainment: r.revenue / r.quota,
      })),
    }
  },
}
