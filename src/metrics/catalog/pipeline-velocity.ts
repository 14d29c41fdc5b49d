import { defineMetric } from '../define-metric.js'
import {
  closedCount,
  createdCount,
  wonCount,
  wonCycle,
  wonRevenue,
  wonWithAmountCount,
} from '../measures.js'

export const pipelineVelocity = defineMetric({
  id: 'pipeline_velocity',
  names: { en: 'Pipeline velocity', pl: 'Prędkość lejka sprzedaży' },
  category: 'pipeline',
  unit: 'currency_per_day',
  direction: 'higher',
  help: 'Opportunities created in the period × win rate × average deal size / sales cycle length: revenue the pipeline moves per day. A mean cycle of 0 days (every deal won the day it was created) gives no velocity (zero_cycle). The source text prints "200" for 200 × 25% × $10,000 / 25 days; the correct figure is $20,000 per day.',
  pl: {
    help: 'Szanse utworzone w okresie × wskaźnik wygranych × średnia wielkość transakcji / długość cyklu sprzedaży: przychód, który lejek przesuwa dziennie. Średni cykl 0 dni (każda transakcja wygrana w dniu utworzenia) nie daje prędkości (zero_cycle). Tekst źródłowy podaje „200” dla 200 × 25% × 10 000 USD / 25 dni; poprawny wynik to 20 000 USD dziennie.',
  },
  excludes: {
    reason: 'negative_cycle',
    en: 'won deals closed before the day they were created (a negative cycle)',
    pl: 'wygrane transakcje zamknięte przed dniem utworzenia (cykl ujemny)',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: {
    created: createdCount,
    won: wonCount,
    withAmount: wonWithAmountCount,
    closed: closedCount,
    revenue: wonRevenue,
    cycle: wonCycle,
  },
  value: {
    shape: 'derived',
    numerator: {
      times: [
        'created',
        { over: ['won', 'closed'], reason: 'no_won_deals' },
        { over: ['revenue', 'withAmount'], reason: 'no_won_deals' },
      ],
    },
    denominator: { mean: 'cycle', reason: 'no_cycle_data' },
    reason: 'zero_cycle',
    excluded: 'cycle',
    // The expected revenue lists the opportunities created (its first factor).
    drill: { numerator: 'created' },
    words: {
      numerator: {
        en: 'expected revenue (opportunities × win rate × deal size)',
        pl: 'oczekiwanych przychodów (szanse × wskaźnik wygranych × wielkość transakcji)',
      },
      denominator: { en: 'days of cycle', pl: 'dni cyklu' },
    },
  },
})
