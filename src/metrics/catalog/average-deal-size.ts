import { defineMetric, ratio } from '../define-metric.js'
import { wonCount, wonRevenue } from '../measures.js'

export const averageDealSize = defineMetric({
  id: 'average_deal_size',
  names: { en: 'Average deal size', pl: 'Średnia wielkość transakcji' },
  category: 'revenue',
  unit: 'currency',
  direction: 'higher',
  help: 'Won revenue divided by the number of deals won in the period (both on the close date).',
  formula: '{numerator} won revenue / {denominator} deals won',
  pl: {
    help: 'Przychody z wygranych transakcji podzielone przez liczbę transakcji wygranych w okresie (obie według daty zamknięcia).',
    formula: '{numerator} przychodów / {denominator} wygranych transakcji',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { revenue: wonRevenue, won: wonCount },
  drill: { numerator: 'revenue', denominator: 'won' },
  evaluate: (ctx) => ratio(ctx.m('revenue').value, ctx.m('won').value, 'no_won_deals'),
})
