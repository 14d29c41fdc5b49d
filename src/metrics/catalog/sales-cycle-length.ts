import { defineMetric, ratio } from '../define-metric.js'
import { wonCycle } from '../measures.js'

export const salesCycleLength = defineMetric({
  id: 'sales_cycle_length',
  names: { en: 'Sales cycle length', pl: 'Długość cyklu sprzedaży' },
  category: 'pipeline',
  unit: 'days',
  direction: 'lower',
  help: 'Mean days from creation to close over the deals won in the period. Cycles of zero or fewer days are bad data: left out of the mean and counted as excluded.',
  formula: '{numerator} days / {denominator} deals won',
  pl: {
    help: 'Średnia liczba dni od utworzenia do zamknięcia transakcji wygranych w okresie. Cykle zerowe lub ujemne to błędne dane: są pomijane w średniej i liczone jako wykluczone.',
    formula: '{numerator} dni / {denominator} wygranych transakcji',
  },
  excludes: {
    reason: 'non_positive_cycle',
    en: 'won deals closed on or before the day they were created (a cycle of zero or fewer days)',
    pl: 'wygrane transakcje zamknięte w dniu utworzenia lub wcześniej (cykl zerowy lub ujemny)',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { cycle: wonCycle },
  drill: { numerator: 'cycle', denominator: 'cycle' },
  evaluate: (ctx) => {
    const c = ctx.m('cycle')
    return ratio(c.sum, c.count, 'no_won_deals', c.excluded)
  },
})
