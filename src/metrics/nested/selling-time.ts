import { measureColumn, periodColumn, readGroup } from '../columns.js'
import { compileMeasures } from '../compile-sql.js'
import { PeriodGroupMap } from '../group-values.js'
import { measureSchema, type Measure } from '../metric-schema.js'
import { num, perRepInput, type NestedInput, type NestedRow } from './nested-input.js'

const selling: Measure = measureSchema.parse({
  agg: 'sum',
  source: 'activities',
  column: 'hours',
  date: 'started_on',
  where: { selling: true },
})
const logged: Measure = measureSchema.parse({
  agg: 'sum',
  source: 'activities',
  column: 'hours',
  date: 'started_on',
})
const worked: Measure = measureSchema.parse({
  agg: 'sum',
  source: 'work_time',
  column: 'hours',
  window: 'overlap_to_date',
})

/**
 * Selling and working hours, nested per rep: a rep's hours worked come from work_time
 * (prorated by days) or, for a rep with none in the period, from all their logged
 * activity time. Summed per group after that choice, so one rep without work_time
 * cannot push a team above 100%.
 */
export const sellingTime: NestedInput = {
  dims: ['rep', 'team'],
  async run(input) {
    const { perRepBy, common } = perRepInput(input)
    const a = compileMeasures({
      ...common,
      source: 'activities',
      measures: [
        { key: 's', measure: selling },
        { key: 'l', measure: logged },
      ],
    })
    const w = compileMeasures({
      ...common,
      source: 'work_time',
      measures: [{ key: 'w', measure: worked }],
    })
    const [activityRows, workRows] = await Promise.all([
      input.store.query(a.sql, a.params),
      input.store.query(w.sql, w.params),
    ])
    // Hours per rep first: selling and logged from activities, worked from work_time.
    const perRep = new PeriodGroupMap<{ s: number; l: number; w: number }>(perRepBy)
    const entry = (row: Record<string, unknown>) => {
      const idx = Number(row[periodColumn])
      const group = readGroup(row as never, perRepBy)
      const e = perRep.get(idx, group) ?? { s: 0, l: 0, w: 0 }
      perRep.set(idx, group, e)
      return e
    }
    for (const row of activityRows) {
      const e = entry(row)
      e.s = num(row[measureColumn('s', 'value')])
      e.l = num(row[measureColumn('l', 'value')])
    }
    for (const row of workRows) entry(row).w = num(row[measureColumn('w', 'value')])
    const groups = new PeriodGroupMap<NestedRow>(input.by)
    // Added up in one order (by rep), not the order rows came in: a sum of fractions in
    // floating point would otherwise change in its last digit with the query's plan.
    const reps = [...perRep.all()].sort((x, y) =>
      JSON.stringify([x.idx, x.group]) < JSON.stringify([y.idx, y.group]) ? -1 : 1,
    )
    for (const { idx, group: repGroup, value } of reps) {
      const group = Object.fromEntries(input.by.map((d) => [d, repGroup[d] ?? null]))
      const g = groups.get(idx, group) ?? { idx, group, values: { selling: 0, worked: 0 } }
      g.values.selling = num(g.values.selling) + value.s
      g.values.worked = num(g.values.worked) + (value.w > 0 ? value.w : value.l)
      groups.set(idx, group, g)
    }
    return [...groups.all()].map((e) => e.value)
  },
}
