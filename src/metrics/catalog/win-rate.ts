import { defineMetric } from '../define-metric.js'
import { closedCount, wonCount } from '../measures.js'

export const winRate = defineMetric({
  id: 'win_rate',
  names: { en: 'Win rate', pl: 'Wskaźnik wygranych' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Deals won in the period divided by deals closed (won or lost) in it, both on the close date. Open deals do not count.',
  pl: {
    help: 'Transakcje wygrane w okresie podzielone przez transakcje zamknięte w nim (wygrane lub przegrane), według daty zamknięcia. Otwarte transakcje się nie liczą.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { won: wonCount, closed: closedCount },
  value: {
    shape: 'ratio',
    numerator: 'won',
    denominator: 'closed',
    reason: 'no_closed_deals',
    words: {
      numerator: { en: 'won', pl: 'wygranych' },
      denominator: { en: 'closed', pl: 'zamkniętych' },
    },
  },
})
