import { defineMetric, ratio } from '../define-metric.js'
import { count } from '../measures.js'

export const leadConversionRate = defineMetric({
  id: 'lead_conversion_rate',
  names: { en: 'Lead conversion rate', pl: 'Wskaźnik konwersji leadów' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Of the leads created in the period (a cohort), the share converted to an opportunity (converted_on set, up to the as-of date).',
  formula: '{numerator} converted / {denominator} leads created',
  pl: {
    help: 'Odsetek leadów utworzonych w okresie (kohorta), które przekształciły się w szansę sprzedaży (ustawione converted_on, do daty stanu).',
    formula: '{numerator} przekonwertowanych / {denominator} utworzonych leadów',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'region'],
  measures: {
    converted: count('leads', { date: 'created_on', where: { converted_on: { isNull: false } } }),
    created: count('leads', { date: 'created_on' }),
  },
  drill: { numerator: 'converted', denominator: 'created' },
  evaluate: (ctx) => ratio(ctx.m('converted').value, ctx.m('created').value, 'no_leads'),
})
