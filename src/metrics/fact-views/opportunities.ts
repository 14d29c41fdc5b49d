import { moneySql } from '../sql-kit.js'
import { dealsAsOf } from './deals-as-of.js'
import {
  dimJoins,
  dimSelect,
  ownerDims,
  rangeSql,
  teamDate,
  type FactView,
  type ViewContext,
} from './fact-view.js'

const dims = { ...ownerDims, product: 'o.product', pipeline: 'o.pipeline' } as const

/** Deals as of as_of: a close dated later has not happened yet; amounts in the base currency. */
export const opportunities: FactView = {
  dims,
  money: true,
  convertsLater: true,
  records: [
    { name: 'id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'owner_id', type: 'text' },
    { name: 'account_id', type: 'text' },
    { name: 'stage', type: 'text' },
    { name: 'status', type: 'text' },
    { name: 'created_on', type: 'date' },
    { name: 'closed_on', type: 'date' },
    { name: 'expected_close_on', type: 'date' },
    { name: 'cycle_days', type: 'number' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'amount_base', type: 'money' },
  ],
  sql(ctx) {
    const asOf = ctx.params.date(ctx.asOf)
    // Won or lost (a status is one of open, won, lost: see entities.ts) by the as-of date;
    // the date compared first, then one inequality (an IN of two strings cost ~20% more).
    const closed = `o.closed_on <= ${asOf} AND o.status <> 'open'`
    const inner = `SELECT o.*, CASE WHEN ${closed} THEN o.status ELSE 'open' END AS status_asof,
          CASE WHEN ${closed} THEN o.closed_on END AS closed_asof,
          -- Closed deals convert at their close date's rate; open pipeline at the as-of date's.
          CASE WHEN ${closed} THEN o.closed_on ELSE ${asOf} END AS fx_date
        FROM ${dealsAsOf(ctx.dialect, ctx.params, ctx.asOf, ctx.lastChange ?? null)} o WHERE o.created_on <= ${asOf}${rangeSql(ctx, { closed_on: 'o.closed_on', created_on: 'o.created_on', expected_close_on: 'o.expected_close_on' })}`
    const d = ctx.dialect
    // A measure query converts its sums per currency and day (convertLater: amounts left in
    // their own currency). Read deal by deal (drill-downs, the funnel, a distinct count):
    // deals in the base currency need no rate; where a rate join costs (DuckDB) only the
    // others go through it; where a lookup is cheap (PostgreSQL) every deal is converted in
    // one pass over the table.
    const converted =
      ctx.money === false
        ? `SELECT o.*, NULL AS amount_base FROM (${inner}) o`
        : ctx.convertLater
          ? `SELECT o.*, ${d.wideAmount('o.amount')} AS amount_base FROM (${inner}) o`
          : d.convertsInOnePass
            ? `SELECT o.*, ${moneySql(d, ctx.params, 'o.amount', 'o.currency', ctx.baseCurrency)} AS amount_base
               FROM (${inner}) o ${d.fxRateJoin('o.currency', 'o.fx_date', 'fx')}`
            : byCurrency(ctx, inner)
    // Outcomes count for the team of the close, cohorts for that of the creation.
    const date = teamDate(ctx, { closed_on: 'o.closed_asof', created_on: 'o.created_on' })
    // Within a range each row the view computes is read: its columns are computed once a
    // row. Without one (a drill-down) the query's own window must reach the table first.
    const view = (sql: string) => (ctx.range ? d.computedOnce(sql) : sql)
    return view(`SELECT o.id, o.name, o.owner_id, o.status_asof AS status, o.created_on, o.pipeline, o.stage, o.account_id, o.closed_asof AS closed_on, o.expected_close_on,
          ${ctx.dialect.daysBetween('o.created_on', 'o.closed_asof')} AS cycle_days,
          o.amount, o.currency, o.amount_base, o.lost_reason, o.probability, o.forecast_category${ctx.convertLater ? ', o.fx_date' : ''}${dimSelect(ctx, dims, date)}
        FROM (${converted}) o
        ${dimJoins(ctx, dims, { rep: 'o.owner_id', account: 'o.account_id', date })}`)
  },
}

/** Deals in the base currency as they are, then the others converted (see convertsInOnePass). */
function byCurrency(ctx: ViewContext, inner: string): string {
  const base = ctx.params.add(ctx.baseCurrency)
  return `SELECT o.*, o.amount AS amount_base FROM (${inner}) o WHERE o.currency = ${base}
      UNION ALL
      SELECT o.*, ${ctx.dialect.wideAmount('o.amount')} * fx.rate AS amount_base FROM (${inner}) o
        ${ctx.dialect.fxRateJoin('o.currency', 'o.fx_date', 'fx')}
       WHERE o.currency <> ${base}`
}
