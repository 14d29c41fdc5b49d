import type { Dialect, Params } from '../store/dialect.js'
import { dimColumn, groupColumn } from './columns.js'
import type { GroupValues } from './group-values.js'

// The SQL fragments the fact views, the measure compiler and the nested inputs share, so
// each is written once.

/**
 * An amount in the base currency at the rate joined as `fx` (see Dialect.fxRateJoin):
 * amounts already in the base currency need no rate; a missing rate gives NULL (and the
 * fx check has already refused the query).
 */
export function moneySql(
  d: Dialect,
  params: Params,
  amount: string,
  currency: string,
  baseCurrency: string,
  fx = 'fx',
): string {
  return `${d.wideAmount(amount)} * CASE WHEN ${currency} = ${params.add(baseCurrency)} THEN 1 ELSE ${fx}.rate END`
}

/** `, e0 AS g0, e1 AS g1`: grouping expressions selected under their group columns. */
export function groupSelect(exprs: readonly string[]): string {
  return exprs.map((e, i) => `, ${e} AS ${groupColumn(i)}`).join('')
}

/** `, e0, e1`: the same expressions in a GROUP BY. */
export function groupByList(exprs: readonly string[]): string {
  return exprs.map((e) => `, ${e}`).join('')
}

/** The dimension columns of `alias` for the dimensions grouped by. */
export function dimsOf(alias: string, by: readonly string[]): string[] {
  return by.map((d) => `${alias}.${dimColumn(d)}`)
}

/** ` AND s.dim_rep = $1 AND s.dim_team IS NULL`: rows of one group (bound parameters). */
export function groupMatch(
  group: GroupValues,
  params: Params,
  column: (dim: string) => string,
): string {
  return Object.entries(group)
    .map(([dim, v]) =>
      v === null ? ` AND ${column(dim)} IS NULL` : ` AND ${column(dim)} = ${params.add(v)}`,
    )
    .join('')
}
