import { Params } from '../../store/dialect.js'
import { PeriodGroupMap } from '../group-values.js'
import { periodsSql } from '../plan.js'
import { moneySql } from '../sql-kit.js'
import { num, type NestedInput, type NestedRow } from './nested-input.js'

/**
 * The forecast for a period: the latest commit forecast made before the period began, or
 * before the query's `forecastMadeBefore` date when it gives one (and by the as-of date: a
 * forecast made later does not exist for the query).
 * A forecast for exactly the period wins; otherwise the latest forecasts of smaller
 * periods inside it are used when, longest first and without overlaps, they cover it
 * (twelve monthly forecasts make a year). Scope 'company', 'team:<name>' or 'rep:<id>'
 * gives the grouping.
 */
export const forecast: NestedInput = {
  dims: ['rep', 'team'],
  // A forecast has one scope: the company, one team or one rep. So one grouping at a time,
  // and a filter only picks among the scopes of that grouping.
  limits: { maxDims: 1, filtersOnGroupingOnly: true },
  async run(input) {
    const d = input.store.dialect
    const params = new Params(d)
    const madeBefore = input.forecastMadeBefore
      ? params.date(input.forecastMadeBefore)
      : 'p.period_start'
    const rows = await input.store.query(
      `SELECT idx, scope, period_start, period_end, amount_base FROM (
         SELECT p.idx, f.scope, CAST(f.period_start AS VARCHAR) AS period_start, CAST(f.period_end AS VARCHAR) AS period_end,
           ${moneySql(d, params, 'f.amount', 'f.currency', input.baseCurrency)} AS amount_base,
           ROW_NUMBER() OVER (PARTITION BY p.idx, f.scope, f.period_start, f.period_end ORDER BY f.made_on DESC) AS rn
         FROM ${periodsSql(input.periods, params, input.only)}
         JOIN (SELECT * FROM forecasts WHERE category = 'commit' AND made_on <= ${params.date(input.asOf)}) f
           ON f.made_on < ${madeBefore} AND f.period_start >= p.period_start AND f.period_end <= p.period_end
         ${d.fxRateJoin('f.currency', 'f.made_on', 'fx')}
       ) c WHERE rn = 1 ORDER BY idx, scope, period_start`,
      params.values,
    )
    const dim = input.by[0]
    const wanted = (scope: string): string | null | undefined => {
      if (!dim) return scope === 'company' ? null : undefined
      const prefix = `${dim}:`
      return scope.startsWith(prefix) ? scope.slice(prefix.length) : undefined
    }
    const byKey = new PeriodGroupMap<{ idx: number; value: string | null; rows: typeof rows }>([
      'scope',
    ])
    for (const r of rows) {
      const value = wanted(String(r.scope))
      if (value === undefined) continue
      if (dim && input.filters[dim] && !input.filters[dim]?.includes(value as string)) continue
      const idx = Number(r.idx)
      const entry = byKey.get(idx, { scope: value }) ?? { idx, value, rows: [] }
      entry.rows.push(r)
      byKey.set(idx, { scope: value }, entry)
    }
    const result: NestedRow[] = []
    for (const { value: entry } of byKey.all()) {
      const { idx, value, rows: candidates } = entry
      const period = input.periods[idx]
      if (!period) continue
      const amount = cover(period.start, period.end, candidates)
      result.push({ idx, group: dim ? { [dim]: value } : {}, values: { forecast: amount } })
    }
    return result
  },
}

function cover(start: string, end: string, candidates: Record<string, unknown>[]): number | null {
  const exact = candidates.find((c) => c.period_start === start && c.period_end === end)
  if (exact) return num(exact.amount_base)
  const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1
  const sorted = [...candidates].sort(
    (a, b) =>
      days(String(b.period_start), String(b.period_end)) -
      days(String(a.period_start), String(a.period_end)),
  )
  const chosen: typeof candidates = []
  for (const c of sorted) {
    const overlaps = chosen.some(
      (x) =>
        String(c.period_start) <= String(x.period_end) &&
        String(c.period_end) >= String(x.period_start),
    )
    if (!overlaps) chosen.push(c)
  }
  const covered = chosen.reduce((s, c) => s + days(String(c.period_start), String(c.period_end)), 0)
  return covered === days(start, end) ? chosen.reduce((s, c) => s + num(c.amount_base), 0) : null
}
