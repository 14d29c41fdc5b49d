import { defineMetric } from '../define-metric.js'
import { wonRevenue, wonWithAmountCount } from '../measures.js'

export const averageDealSize = defineMetric({
  id: 'average_deal_size',
  names: { en: 'Average deal size', pl: 'Średnia wielkość transakcji' },
  category: 'revenue',
  unit: 'currency',
  direction: 'higher',
  help: 'Won revenue divided by the number of deals won in the period (both on the close date). Won deals without an amount (exported empty) are left out of both and counted as excluded; 0 is a real amount.',
  pl: {
    help: 'Przychody z wygranych transakcji podzielone przez liczbę transakcji wygranych w okresie (obie według daty zamknięcia). Wygrane transakcje bez kwoty (pustej w eksporcie) są pomijane w obu i liczone jako wykluczone; 0 to prawdziwa kwota.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  excludes: {
    reason: 'no_amount',
    en: 'won deals without an amount (empty in the export)',
    pl: 'wygrane transakcje bez kwoty (pustej w eksporcie)',
  },
  measures: { revenue: wonRevenue, won: wonWithAmountCount },
  value: {
    shape: 'ratio',
    numerator: 'revenue',
    denominator: 'won',
    reason: 'no_won_deals',
    excluded: 'won',
    words: {
      numerator: { en: 'won revenue', pl: 'przychodów' },
      denominator: { en: 'deals won', pl: 'wygranych transakcji' },
    },
  },
})
