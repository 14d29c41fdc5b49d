import { defineMetric, ratio } from '../define-metric.js'
import { closedCount, wonCount } from '../measures.js'

export const winRate = defineMetric({
  id: 'win_rate',
  names: { en: 'Win rate', pl: 'Wskaźnik wygranych' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Deals won in the period divided by deals closed (won or lost) in it, both on the close date. Open deals do not count.',
  formula: '{numerator} won / {denominator} closed',
  pl: {
    help: 'Transakcje wygrane w okresie podzielone przez transakcje zamknięte w nim (wygrane lub przegrane), według daty zamknięcia. Otwarte transakcje się nie liczą.',
    formula: '{numerator} wygranych / {denominator} zamkniętych',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { won: wonCount, closed: closedCount },
  drill: { numerator: 'won', denominator: 'closed' },
  evaluate: (ctx) => ratio(ctx.m('won').value, ctx.m('closed').value, 'no_closed_deals'),
})
