import { defineMetric } from '../define-metric.js'
import { wonRevenue } from '../measures.js'

export const totalRevenue = defineMetric({
  id: 'total_revenue',
  names: { en: 'Total revenue', pl: 'Przychody ogółem' },
  category: 'revenue',
  unit: 'currency',
  direction: 'higher',
  help: 'Sum of the amounts of deals won in the period (counted on their close date), in the base currency at the rate of the close date. Won deals without an amount (empty in the export) are left out and counted as excluded (no_amount).',
  pl: {
    help: 'Suma kwot transakcji wygranych w okresie (liczonych według daty zamknięcia), w walucie bazowej po kursie z dnia zamknięcia. Wygrane transakcje bez kwoty (pustej w eksporcie) są pomijane i liczone jako wykluczone (no_amount).',
  },
  accumulates: true,
  excludes: {
    reason: 'no_amount',
    en: 'won deals without an amount (empty in the export)',
    pl: 'wygrane transakcje bez kwoty (pustej w eksporcie)',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { revenue: wonRevenue },
  value: {
    shape: 'measure',
    of: 'revenue',
    words: {
      numerator: { en: 'in deals won (Σ amount)', pl: 'z wygranych transakcji (Σ kwot)' },
    },
  },
})
