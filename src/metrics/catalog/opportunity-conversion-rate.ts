import { defineMetric, ratio } from '../define-metric.js'
import { createdCount, createdWonCount } from '../measures.js'

export const opportunityConversionRate = defineMetric({
  id: 'opportunity_conversion_rate',
  names: { en: 'Opportunity conversion rate', pl: 'Wskaźnik konwersji szans' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Of the opportunities created in the period (a cohort), the share won by the as-of date. "Closed" in the source text means closed-won: a lost deal does not convert.',
  formula: '{numerator} won / {denominator} opportunities created',
  pl: {
    help: 'Odsetek szans sprzedaży utworzonych w okresie (kohorta), które do daty stanu zostały wygrane. „Zamknięte” w tekście źródłowym oznacza wygrane: przegrana transakcja nie jest konwersją.',
    formula: '{numerator} wygranych / {denominator} utworzonych szans',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { won: createdWonCount, created: createdCount },
  drill: { numerator: 'won', denominator: 'created' },
  evaluate: (ctx) => ratio(ctx.m('won').value, ctx.m('created').value, 'no_opportunities'),
})
