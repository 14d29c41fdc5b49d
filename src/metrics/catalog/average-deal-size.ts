import { defineMetric } from '../define-metric.js'
import { wonRevenue, wonWithAmountCount } from '../measures.js'

export const averageDealSize = defineMetric({
  id: 'average_deal_size',
  names: { en: 'Average deal size', pl: 'Średnia wielkość transakcji' },
  category: 'revenue',
  unit: 'currency',
  direction: 'higher',
  help: 'Won revenue divided by the number of deals won in the period (both on the close date). Won deals without an amount (0, as CRMs export an empty amount) are left out and counted as excluded.',
  pl: {
    help: 'Przychody z wygranych transakcji podzielone przez liczbę transakcji wygranych w okresie (obie według daty zamknięcia). Wygrane transakcje bez kwoty (0, jak CRM eksportuje pustą kwotę) są pomijane i liczone jako wykluczone.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  excludes: {
    reason: 'no_amount',
    en: 'won deals without an amount (0)',
    pl: 'wygrane transakcje bez kwoty (0)',
  },
  measures: { revenue: wonRevenue, won: wonWithAmountCount },
  value: {
    shape: 'ratio',
    numerator: 'revenue',
    denominator: 'won',
    reason: 'no_won_deals',
    words: {
      numerator: { en: 'won revenue', pl: 'przychodów' },
      denominator: { en: 'deals won', pl: 'wygranych transakcji' },
    },
  },
})
