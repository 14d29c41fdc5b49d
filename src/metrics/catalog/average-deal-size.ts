import { defineMetric, ratio } from '../define-metric.js'
import { wonRevenue, wonWithAmountCount } from '../measures.js'

export const averageDealSize = defineMetric({
  id: 'average_deal_size',
  names: { en: 'Average deal size', pl: 'Średnia wielkość transakcji' },
  category: 'revenue',
  unit: 'currency',
  direction: 'higher',
  help: 'Won revenue divided by the number of deals won in the period (both on the close date). Won deals without an amount (0, as CRMs export an empty amount) are left out and counted as excluded.',
  formula: '{numerator} won revenue / {denominator} deals won',
  pl: {
    help: 'Przychody z wygranych transakcji podzielone przez liczbę transakcji wygranych w okresie (obie według daty zamknięcia). Wygrane transakcje bez kwoty (0, jak CRM eksportuje pustą kwotę) są pomijane i liczone jako wykluczone.',
    formula: '{numerator} przychodów / {denominator} wygranych transakcji',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  excludes: {
    reason: 'no_amount',
    en: 'won deals without an amount (0)',
    pl: 'wygrane transakcje bez kwoty (0)',
  },
  measures: { revenue: wonRevenue, won: wonWithAmountCount },
  drill: { numerator: 'revenue', denominator: 'won' },
  evaluate: (ctx) => {
    const won = ctx.m('won')
    return ratio(ctx.m('revenue').value, won.value, 'no_won_deals', won.excluded)
  },
})
