import { defineMetric } from '../define-metric.js'
import { createdCount, createdWonCount } from '../measures.js'

export const opportunityConversionRate = defineMetric({
  id: 'opportunity_conversion_rate',
  names: { en: 'Opportunity conversion rate', pl: 'Wskaźnik konwersji szans' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Of the opportunities created in the period (a cohort), the share won by the as-of date. "Closed" in the source text means closed-won: a lost deal does not convert.',
  pl: {
    help: 'Odsetek szans sprzedaży utworzonych w okresie (kohorta), które do daty stanu zostały wygrane. „Zamknięte” w tekście źródłowym oznacza wygrane: przegrana transakcja nie jest konwersją.',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { won: createdWonCount, created: createdCount },
  value: {
    shape: 'ratio',
    numerator: 'won',
    denominator: 'created',
    reason: 'no_opportunities',
    words: {
      numerator: { en: 'won', pl: 'wygranych' },
      denominator: { en: 'opportunities created', pl: 'utworzonych szans' },
    },
  },
})
