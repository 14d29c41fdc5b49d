import { defineMetric } from '../define-metric.js'
import { closedCount, count } from '../measures.js'

export const lostDealRate = defineMetric({
  id: 'lost_deal_rate',
  names: { en: 'Lost deal rate', pl: 'Wskaźnik przegranych transakcji' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'lower',
  help: 'Deals lost in the period divided by deals closed (won or lost) in it, both on the close date: the complement of the win rate. Open deals do not count.',
  pl: {
    help: 'Transakcje przegrane w okresie podzielone przez transakcje zamknięte w nim (wygrane lub przegrane), według daty zamknięcia: dopełnienie wskaźnika wygranych. Otwarte transakcje się nie liczą.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: {
    lost: count('opportunities', { date: 'closed_on', where: { status: 'lost' } }),
    closed: closedCount,
  },
  value: {
    shape: 'ratio',
    numerator: 'lost',
    denominator: 'closed',
    reason: 'no_closed_deals',
    words: {
      numerator: { en: 'lost', pl: 'przegranych' },
      denominator: { en: 'closed', pl: 'zamkniętych' },
    },
  },
})
