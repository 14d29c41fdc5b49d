import { defineMetric } from '../define-metric.js'
import { wonCycle } from '../measures.js'

export const salesCycleLength = defineMetric({
  id: 'sales_cycle_length',
  names: { en: 'Sales cycle length', pl: 'Długość cyklu sprzedaży' },
  category: 'pipeline',
  unit: 'days',
  direction: 'lower',
  help: 'Mean days from creation to close over the deals won in the period. Cycles of zero or fewer days are bad data: left out of the mean and counted as excluded.',
  pl: {
    help: 'Średnia liczba dni od utworzenia do zamknięcia transakcji wygranych w okresie. Cykle zerowe lub ujemne to błędne dane: są pomijane w średniej i liczone jako wykluczone.',
  },
  excludes: {
    reason: 'non_positive_cycle',
    en: 'won deals closed on or before the day they were created (a cycle of zero or fewer days)',
    pl: 'wygrane transakcje zamknięte w dniu utworzenia lub wcześniej (cykl zerowy lub ujemny)',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { cycle: wonCycle },
  value: {
    shape: 'measure',
    of: 'cycle',
    reason: 'no_won_deals',
    words: {
      numerator: { en: 'days', pl: 'dni' },
      denominator: { en: 'deals won', pl: 'wygranych transakcji' },
    },
  },
})
