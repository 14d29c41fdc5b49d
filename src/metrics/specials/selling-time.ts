import { compileMeasures } from '../compile-sql.js'
import { measureSchema, type Measure } from '../metric-schema.js'
import { num, perRepInput, type Special, type SpecialRow } from './special.js'

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
export const sellingTime: Special = {
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
    const perRep = new Map<
      string,
      { idx: number; row: Record<string, unknown>; s: number; l: number; w: number }
    >()
    const key = (row: Record<string, unknown>) =>
      JSON.stringify([row.idx, ...perRepBy.map((_, i) => row[`g${i}`] ?? null)])
    for (const row of activityRows)
      perRep.set(key(row), {
        idx: Number(row.idx),
        row,
        s: num(row.s_value),
        l: num(row.l_value),
        w: 0,
      })
    for (const row of workRows) {
      const entry = perRep.get(key(row)) ?? { idx: Number(row.idx), row, s: 0, l: 0, w: 0 }
      entry.w = num(row.w_value)
      perRep.set(key(row), entry)
    }
    const groups = new Map<string, SpecialRow>()
    for (const { idx, row, s, l, w: hours } of perRep.values()) {
      const group = Object.fromEntries(
        input.by.map((d) => [d, (row[`g${perRepBy.indexOf(d)}`] as string | null) ?? null]),
      )
      const k = JSON.stringify([idx, group])
      const g = groups.get(k) ?? { idx, group, values: { selling: 0, worked: 0 } }
      g.values.selling = num(g.values.selling) + s
      g.values.worked = num(g.values.worked) + (hours > 0 ? hours : l)
      groups.set(k, g)
    }
    return [...groups.values()]
  },
}
