import { measureColumn, periodColumn, readGroup } from '../columns.js'
import { compileMeasures } from '../compile-sql.js'
import { PeriodGroupMap, type GroupValues } from '../group-values.js'
import { measureSchema, type Measure } from '../metric-schema.js'
import {
  num,
  perRepInput,
  type NestedInput,
  type NestedRow,
  type NestedRunInput,
} from './nested-input.js'
import { repQuotas } from './quota-rows.js'

const revenue: Measure = measureSchema.parse({
  agg: 'sum',
  source: 'opportunities',
  date: 'closed_on',
  column: 'amount_base',
  where: { status: 'won' },
})

/**
 * Quota attainment is nested: each rep's won revenue against their quota for the period
 * (overlapping quota rows never add up: see quotaFor), then counted per group.
 * Grouped by rep, the value is that rep's attainment (revenue / quota).
 */
interface RepQuota {
  idx: number
  group: GroupValues
  rep: string
  quota: number
  revenue: number
}

/** Each rep's won revenue per period, read on its own (a drill-down; see NestedInput.repMeasures). */
async function revenueByRep(input: NestedRunInput): Promise<PeriodGroupMap<number>> {
  // A rep's revenue is all of it in the period, whichever team they sold it in.
  const r = compileMeasures({
    ...perRepInput(input).common,
    by: ['rep'],
    source: 'opportunities',
    measures: [{ key: 'r', measure: revenue }],
  })
  const revenueOf = new PeriodGroupMap<number>(['rep'])
  for (const row of await input.store.query(r.sql, r.params))
    revenueOf.set(
      Number(row[periodColumn]),
      readGroup(row, ['rep']),
      num(row[measureColumn('r', 'value')]),
    )
  return revenueOf
}

/** Each rep with a quota in a period: the quota (see quotaFor) and the revenue won so far. */
async function perRep(input: NestedRunInput): Promise<RepQuota[]> {
  const { perRepBy } = perRepInput(input)
  const [quotas, revenueOf] = await Promise.all([
    repQuotas(input, perRepBy),
    input.repValues?.get(revenue) ?? revenueByRep(input),
  ])
  return quotas
    .filter((q) => q.quota > 0)
    .map((q) => ({
      idx: q.idx,
      group: Object.fromEntries(input.by.map((d) => [d, q.group[d] ?? null])),
      rep: q.rep,
      quota: q.quota,
      revenue: revenueOf.get(q.idx, { rep: q.rep }) ?? 0,
    }))
}

export const quotaAttainment: NestedInput = {
  dims: ['rep', 'team'],
  // A rep's won revenue lists the deals it sums (grouped by rep: that rep's).
  recordMeasures: { revenue },
  repMeasures: { revenue },
  async run(input) {
    const groups = new PeriodGroupMap<NestedRow>(input.by)
    for (const r of await perRep(input)) {
      const g = groups.get(r.idx, r.group) ?? {
        idx: r.idx,
        group: r.group,
        values: { reps_with_quota: 0, reps_attained: 0, revenue: 0, quota: 0 },
      }
      g.values.reps_with_quota = num(g.values.reps_with_quota) + 1
      g.values.reps_attained = num(g.values.reps_attained) + (r.revenue >= r.quota ? 1 : 0)
      g.values.revenue = num(g.values.revenue) + r.revenue
      g.values.quota = num(g.values.quota) + r.quota
      groups.set(r.idx, r.group, g)
    }
    return [...groups.all()].map((e) => e.value)
  },
  /**
   * Reps with a quota ('reps_with_quota', and 'quota': the quotas they sum), or those at or
   * above it ('reps_attained'). Names come with the drill-down (rep_name).
   */
  async records(input, kind, group) {
    const reps = (await perRep(input)).filter(
      (r) =>
        Object.entries(group).every(([d, v]) => (r.group[d] ?? null) === v) &&
        (kind === 'reps_with_quota' ||
          kind === 'quota' ||
          (kind === 'reps_attained' && r.revenue >= r.quota)),
    )
    const teams = new Map(
      (await input.store.query('SELECT id, team FROM reps')).map((r) => [String(r.id), r.team]),
    )
    return {
      columns: [
        { name: 'rep_id', type: 'text' },
        { name: 'team', type: 'text' },
        { name: 'quota', type: 'money' },
        { name: 'revenue', type: 'money' },
        { name: 'attainment', type: 'number' },
      ],
      rows: reps.map((r) => ({
        rep_id: r.rep,
        team: teams.get(r.rep) ?? null,
        quota: r.quota,
        revenue: r.revenue,
        attainment: r.revenue / r.quota,
      })),
    }
  },
}
