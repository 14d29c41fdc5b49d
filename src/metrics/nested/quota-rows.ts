import { Params } from '../../store/dialect.js'
import { dimColumn, periodColumn } from '../columns.js'
import { filterSql } from '../compile-sql.js'
import { factViews } from '../fact-views/index.js'
import type { GroupValues } from '../group-values.js'
import type { Dimension } from '../metric-schema.js'
import { daysInclusive, type Period } from '../periods.js'
import { periodsSql } from '../plan.js'
import { num, type NestedRunInput } from './nested-input.js'

interface QuotaRow {
  start: string
  end: string
  amount: number
  group: GroupValues
}

/** Each rep's quota for each planned period, with the row's dimensions (team at its start). */
export interface RepQuota {
  idx: number
  rep: string
  group: GroupValues
  quota: number
}

/**
 * A rep's quota for a period from rows that may overlap (a quarterly row and its three
 * monthly ones): they never add up. Rows inside the period are taken longest first,
 * skipping any that overlaps one already taken (the quarterly row for the quarter, the
 * monthly ones for a month, four quarters and no months for the year); then rows that
 * reach outside the period, prorated by the days they share with it, where they overlap
 * nothing taken (a quarterly quota gives a month a third of itself).
 */
export function quotaFor(period: Period, rows: readonly QuotaRow[]): number {
  const length = (r: QuotaRow) => daysInclusive({ start: r.start, end: r.end })
  const byLength = (a: QuotaRow, b: QuotaRow) =>
    length(b) - length(a) || (a.start < b.start ? -1 : 1)
  const inside = rows.filter((r) => r.start >= period.start && r.end <= period.end).sort(byLength)
  const outside = rows.filter((r) => !inside.includes(r)).sort(byLength)
  const taken: QuotaRow[] = []
  let quota = 0
  for (const r of [...inside, ...outside]) {
    if (taken.some((t) => r.start <= t.end && r.end >= t.start)) continue
    taken.push(r)
    const start = r.start > period.start ? r.start : period.start
    const end = r.end < period.end ? r.end : period.end
    quota += (r.amount * daysInclusive({ start, end })) / length(r)
  }
  return quota
}

/** The quota of every rep with quota rows in each planned period (whole period, even while it runs). */
export async function repQuotas(input: NestedRunInput, perRepBy: Dimension[]): Promise<RepQuota[]> {
  const params = new Params(input.store.dialect)
  const dims = new Set<Dimension>([...perRepBy, ...(Object.keys(input.filters) as Dimension[])])
  const view = factViews.quotas.sql({
    dialect: input.store.dialect,
    params,
    asOf: input.asOf,
    baseCurrency: input.baseCurrency,
    dims,
  })
  const rows = await input.store.query(
    `SELECT p.${periodColumn}, CAST(s.period_start AS VARCHAR) AS row_start, CAST(s.period_end AS VARCHAR) AS row_end,
            s.amount_base${perRepBy.map((d) => `, s.${dimColumn(d)}`).join('')}
       FROM ${periodsSql(input.periods, params, input.only)}
       JOIN (${view}) s ON s.period_start <= p.period_end AND s.period_end >= p.period_start
      WHERE ${filterSql(input.filters, params)}
      ORDER BY p.${periodColumn}, s.${dimColumn('rep')}, s.period_start`,
    params.values,
  )
  const perRep = new Map<
    string,
    { idx: number; rep: string; group: GroupValues; rows: QuotaRow[] }
  >()
  for (const r of rows) {
    const idx = Number(r[periodColumn])
    const group = Object.fromEntries(
      perRepBy.map((d) => [d, (r[dimColumn(d)] as string | null) ?? null]),
    )
    const rep = String(group.rep)
    const key = `${idx}\u0001${rep}`
    const entry = perRep.get(key) ?? { idx, rep, group, rows: [] }
    entry.rows.push({
      start: String(r.row_start),
      end: String(r.row_end),
      amount: num(r.amount_base),
      group,
    })
    perRep.set(key, entry)
  }
  return [...perRep.values()].map(({ idx, rep, group, rows: quotaRows }) => ({
    idx,
    rep,
    group,
    quota: quotaFor(input.periods[idx] as Period, quotaRows),
  }))
}
