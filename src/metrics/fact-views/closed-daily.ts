import { closedDailyTable } from '../../model/closed-deals-daily.js'
import type { Dimension, Measure, Where } from '../metric-schema.js'
import { dimJoins, dimSelect, rangeSql, teamDate, type ViewContext } from './fact-view.js'

/** The dimensions the table keeps: the owner, and through the owner's history the team. */
const dims = { rep: 'o.owner_id', team: 'r.team' } as const

/**
 * The closed deals of the opportunities view as the pre-aggregated rows of
 * model/closed-deals-daily.ts: the same columns where a closed-window measure reads them,
 * one row standing for `deals` deals. A condition reads a row's status as it is; `amount`
 * is NULL exactly where the row's deals have no amount; `cycle_days` is -1 where they were
 * closed before they were created and 0 otherwise (only `< 0` is asked of it, see
 * closedDailyFits). Summed columns: amount_base (in the row's currency, converted after
 * aggregating), cycle_days_sum and cycle_days_count.
 */
export function closedDailySql(ctx: ViewContext): string {
  const asOf = ctx.params.date(ctx.asOf)
  const date = teamDate(ctx, { closed_on: 'o.closed_on' })
  // Closed by the as-of date, and created by it (the opportunities view's own rule; only a
  // deal closed before it was created can be created later than it closed).
  return `SELECT o.owner_id, o.status, o.closed_on, o.currency, o.closed_on AS fx_date, o.amount,
      ${ctx.dialect.wideAmount('o.amount')} AS amount_base,
      CASE WHEN o.created_late IS NULL THEN 0 ELSE -1 END AS cycle_days,
      o.cycle_days AS cycle_days_sum, o.deals AS cycle_days_count, o.deals${dimSelect(ctx, dims, date)}
    FROM ${closedDailyTable} o${dimJoins(ctx, dims, { rep: 'o.owner_id', date })}
   WHERE o.closed_on <= ${asOf} AND (o.created_late IS NULL OR o.created_late <= ${asOf})${rangeSql(ctx, { closed_on: 'o.closed_on' })}`
}

/** The conditions a row of the table answers as its deals would, by column. */
const answers: Record<string, (c: Where[string]) => boolean> = {
  status: (c) => typeof c !== 'object' || Array.isArray(c) || 'isNull' in c,
  amount: (c) => typeof c === 'object' && !Array.isArray(c) && 'isNull' in c,
  cycle_days: (c) => typeof c === 'object' && !Array.isArray(c) && 'lt' in c && c.lt === 0,
}

const fitsWhere = (w: Where | undefined) =>
  Object.entries(w ?? {}).every(
    ([column, c]) => Object.hasOwn(answers, column) && answers[column]?.(c),
  )

/** The columns a measure may aggregate over the table, by aggregate. */
const aggregated: Partial<Record<Measure['agg'], string>> = {
  sum: 'amount_base',
  mean: 'cycle_days',
}

/**
 * Whether a scan of deals can read the table instead: measures of deals closed in the
 * period (or up to its reference date) counting deals, summing money or averaging the
 * cycle, under conditions the table answers; grouped and filtered by rep and team alone;
 * and no later change in the log (deals read as of an earlier date go through it).
 */
export function closedDailyFits(input: {
  measures: readonly { measure: Measure }[]
  dims: ReadonlySet<Dimension>
  asOf: string
  lastChange?: string | null | undefined
}): boolean {
  const { measures, dims: used } = input
  return (
    (!input.lastChange || input.lastChange <= input.asOf) &&
    [...used].every((d) => d in dims) &&
    measures.length > 0 &&
    measures.every(
      ({ measure: m }) =>
        m.source === 'opportunities' &&
        (m.window === 'in' || m.window === 'to_ref') &&
        m.date === 'closed_on' &&
        (m.agg === 'count' || (m.column !== undefined && aggregated[m.agg] === m.column)) &&
        fitsWhere(m.where) &&
        fitsWhere(m.exclude),
    )
  )
}
