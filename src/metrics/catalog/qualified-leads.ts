import { defineMetric } from '../define-metric.js'
import { count } from '../measures.js'

export const qualifiedLeads = defineMetric({
  id: 'qualified_leads',
  names: { en: 'Qualified leads', pl: 'Liczba zakwalifikowanych leadów' },
  category: 'conversion',
  unit: 'count',
  direction: 'higher',
  help: 'Number of leads qualified in the period (qualified_on in it), whenever they were created.',
  pl: {
    help: 'Liczba leadów zakwalifikowanych w okresie (qualified_on w okresie), niezależnie od daty ich utworzenia.',
  },
  accumulates: true,
  groupings: ['rep', 'team', 'segment', 'source', 'region'],
  measures: { qualified: count('leads', { date: 'qualified_on' }) },
  value: {
    shape: 'measure',
    of: 'qualified',
    words: {
      numerator: { en: 'leads qualified', pl: 'zakwalifikowanych leadów' },
    },
  },
})
