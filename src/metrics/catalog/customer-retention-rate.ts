import { defineMetric } from '../define-metric.js'

export const customerRetentionRate = defineMetric({
  id: 'customer_retention_rate',
  names: { en: 'Customer retention rate', pl: 'Wskaźnik utrzymania klientów' },
  category: 'customers',
  unit: 'ratio',
  direction: 'higher',
  help: 'Customers at the start still customers at the end, over customers at the start: (customers at end − new customers) / customers at start. 500 at start, 30 lost, 20 new → 470 / 500 = 94%. Needs subscriptions.',
  pl: {
    help: 'Klienci z początku okresu, którzy pozostali klientami na jego końcu, wobec klientów na początku: (klienci na końcu − nowi) / klienci na początku. 500 na początku, 30 utraconych, 20 nowych → 470 / 500 = 94%. Wymaga subskrypcji.',
  },
  groupings: ['segment', 'region', 'source'],
  value: {
    shape: 'nested',
    requires: [{ of: 'customers.subscriptions', reason: 'no_subscriptions' }],
    numerator: 'customers.retained',
    denominator: 'customers.at_start',
    reason: 'zero_base',
    words: {
      numerator: { en: 'retained', pl: 'utrzymanych' },
      denominator: { en: 'customers at start', pl: 'klientów na początku' },
    },
  },
})
