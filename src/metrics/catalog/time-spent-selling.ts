import { defineMetric, ratio } from '../define-metric.js'
import { sum } from '../measures.js'

export const timeSpentSelling = defineMetric({
  id: 'time_spent_selling',
  names: { en: 'Time spent selling', pl: 'Czas spędzony na sprzedaży' },
  category: 'team',
  unit: 'ratio',
  direction: 'higher',
  help: 'Selling hours logged in activities (calls, meetings, demos, emails...; admin, internal, training and travel are not selling unless flagged) divided by hours worked (work_time, prorated by days); where no work time is loaded, by all logged activity hours.',
  formula: '{numerator} selling hours / {denominator} hours worked',
  groupings: ['rep', 'team'],
  measures: {
    selling: sum('activities', 'hours', { date: 'started_on', where: { selling: true } }),
    logged: sum('activities', 'hours', { date: 'started_on' }),
    worked: sum('work_time', 'hours', { window: 'overlap' }),
  },
  evaluate: (ctx) => {
    const worked = ctx.m('worked').value
    return ratio(
      ctx.m('selling').value,
      worked > 0 ? worked : ctx.m('logged').value,
      'no_time_logged',
    )
  },
})
