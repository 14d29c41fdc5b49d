import { defineMetric } from '../define-metric.js'
import { wonCycle } from '../measures.js'

export const salesCycleLength = defineMetric({
  id: 'sales_cycle_length',
  names: { en: 'Sales cycle length', pl: 'Długość cyklu sprzedaży' },
  category: 'pipeline',
  unit: 'days',
  direction: 'lower',
  help: 'Mean days from creation to close over the deals won in the period. A deal created and closed the same day has a cycle of 0 days and counts; a negative cycle (closed before created) is bad data: left out of the mean and counted as excluded.',
  pl: {
    help: 'Średnia liczba dni od utworzenia do zamknięcia transakcji wygranych w okresie. Transakcja utworzona i zamknięta tego samego dnia ma cykl 0 dni i się liczy; cykl ujemny (zamknięcie przed utworzeniem) to błędne dane: pomijany w średniej i liczony jako wykluczony.',
  },
  excludes: {
    reason: 'negative_cycle',
    en: 'won deals closed before the day they were created (a negative cycle)',
    pl: 'wygrane transakcje zamknięte przed dniem utworzenia (cykl ujemny)',
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
