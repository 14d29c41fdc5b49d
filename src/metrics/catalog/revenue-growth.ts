import { defineMetric } from '../define-metric.js'
import { wonRevenue } from '../measures.js'

export const revenueGrowth = defineMetric({
  id: 'revenue_growth',
  names: { en: 'Revenue growth', pl: 'Wzrost przychodów' },
  category: 'revenue',
  unit: 'ratio',
  direction: 'higher',
  help: 'Change of won revenue against the preceding period of the same length: (revenue(P) − revenue(P−1)) / revenue(P−1). Undefined (zero_base) when the preceding period had no revenue.',
  pl: {
    help: 'Zmiana przychodów z wygranych transakcji wobec poprzedniego okresu tej samej długości: (przychody(P) − przychody(P−1)) / przychody(P−1). Nieokreślona (zero_base), gdy poprzedni okres nie miał przychodów.',
  },
  excludes: {
    reason: 'no_amount',
    en: 'won deals of the period without an amount (empty in the export)',
    pl: 'wygrane transakcje okresu bez kwoty (pustej w eksporcie)',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { revenue: wonRevenue },
  value: {
    shape: 'derived',
    numerator: { minus: ['revenue', { previous: 'revenue' }] },
    denominator: { previous: 'revenue' },
    reason: 'zero_base',
    // The change lists the deals won in this period.
    drill: { numerator: 'revenue' },
    words: {
      numerator: { en: 'change', pl: 'zmiany' },
      denominator: { en: 'revenue of the period before', pl: 'przychodów poprzedniego okresu' },
    },
  },
})
