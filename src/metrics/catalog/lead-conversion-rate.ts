import { defineMetric } from '../define-metric.js'
import { count } from '../measures.js'

export const leadConversionRate = defineMetric({
  id: 'lead_conversion_rate',
  names: { en: 'Lead conversion rate', pl: 'Wskaźnik konwersji leadów' },
  category: 'conversion',
  unit: 'ratio',
  direction: 'higher',
  help: 'Of the leads created in the period (a cohort), the share converted to an opportunity (converted_on set, up to the as-of date).',
  pl: {
    help: 'Odsetek leadów utworzonych w okresie (kohorta), które przekształciły się w szansę sprzedaży (ustawione converted_on, do daty stanu).',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'region'],
  measures: {
    converted: count('leads', { date: 'created_on', where: { converted_on: { isNull: false } } }),
    created: count('leads', { date: 'created_on' }),
  },
  value: {
    shape: 'ratio',
    numerator: 'converted',
    denominator: 'created',
    reason: 'no_leads',
    words: {
      numerator: { en: 'converted', pl: 'przekonwertowanych' },
      denominator: { en: 'leads created', pl: 'utworzonych leadów' },
    },
  },
})
