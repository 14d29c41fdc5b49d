import {
  dimJoins,
  dimSelect,
  ownerDims as dims,
  rangeSql,
  teamDate,
  type FactView,
} from './fact-view.js'

/** Leads as of as_of: steps dated after it have not happened yet. */
export const leads: FactView = {
  dims,
  money: false,
  records: [
    { name: 'id', type: 'text' },
    { name: 'owner_id', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'created_on', type: 'date' },
    { name: 'qualified_on', type: 'date' },
    { name: 'converted_on', type: 'date' },
    { name: 'disqualified_on', type: 'date' },
  ],
  sql(ctx) {
    const asOf = ctx.params.date(ctx.asOf)
    const upTo = (c: string) => `CASE WHEN o.${c} <= ${asOf} THEN o.${c} END AS ${c}`
    const date = teamDate(ctx, { created_on: 'o.created_on', qualified_on: 'o.qualified_on' })
    return `SELECT o.id, o.owner_id, o.source, o.created_on, ${upTo('qualified_on')}, ${upTo('converted_on')}, ${upTo('disqualified_on')}${dimSelect(ctx, dims, date)}
        FROM leads o ${dimJoins(ctx, dims, { rep: 'o.owner_id', account: 'o.account_id', date })}
        WHERE o.created_on <= ${asOf}${rangeSql(ctx, { created_on: 'o.created_on', qualified_on: 'o.qualified_on' })}`
  },
}
