import { moneySql } from '../sql-kit.js'
import { dimSelect, factRepDims, onColumn, repJoins, type FactView } from './fact-view.js'

const spendDims = { source: 'o.channel' } as const

/** Marketing and sales spend per period, in the base currency at its start's rate. */
export const spend: FactView = {
  dims: spendDims,
  money: true,
  records: [
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'category', type: 'text' },
    { name: 'channel', type: 'text' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'amount_base', type: 'money' },
  ],
  sql(ctx) {
    const amount = moneySql(ctx.dialect, ctx.params, 'o.amount', 'o.currency', ctx.baseCurrency)
    return `SELECT o.period_start, o.period_end, o.category, o.channel, o.amount, o.currency, o.period_start AS fx_date,
          ${amount} AS amount_base${dimSelect(ctx, spendDims)}
        FROM spend o ${ctx.dialect.fxRateJoin('o.currency', 'o.period_start', 'fx')}`
  },
}

/** Quotas per rep and period, in the base currency at its start's rate. */
export const quotas: FactView = {
  dims: factRepDims,
  money: true,
  records: [
    { name: 'rep_id', type: 'text' },
    { name: 'period_start', type: 'date' },
    { name: 'period_end', type: 'date' },
    { name: 'amount', type: 'number' },
    { name: 'currency', type: 'text' },
    { name: 'amount_base', type: 'money' },
  ],
  sql(ctx) {
    const amount = moneySql(ctx.dialect, ctx.params, 'o.amount', 'o.currency', ctx.baseCurrency)
    // A quota counts for the rep's team at its start.
    return `SELECT o.rep_id, o.period_start, o.period_end, o.amount, o.currency, o.period_start AS fx_date,
          ${amount} AS amount_base${dimSelect(ctx, factRepDims, onColumn('o.period_start'))}
        FROM quotas o ${ctx.dialect.fxRateJoin('o.currency', 'o.period_start', 'fx')}
        ${repJoins(ctx, onColumn('o.period_start'))}`
  },
}
