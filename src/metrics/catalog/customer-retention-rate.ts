import { defineMetric, ratio } from '../define-metric.js'

export const customerRetentionRate = defineMetric({
  id: 'customer_retention_rate',
  names: { en: 'Customer retention rate', pl: 'Wskaźnik utrzymania klientów' },
  category: 'customers',
  unit: 'ratio',
  direction: 'higher',
  help: 'Customers at the start still customers at the end, over customers at the start: (customers at end − new customers) / customers at start. 500 at start, 30 lost, 20 new → 470 / 500 = 94%. Needs subscriptions.',
  formula: '{numerator} retained / {denominator} customers at start',
  pl: {
    help: 'Klienci z początku okresu, którzy pozostali klientami na jego końcu, wobec klientów na początku: (klienci na końcu − nowi) / klienci na początku. 500 na początku, 30 utraconych, 20 nowych → 470 / 500 = 94%. Wymaga subskrypcji.',
    formula: '{numerator} utrzymanych / {denominator} klientów na początku',
  },
  groupings: ['segment', 'region', 'source'],
  measures: {},
  specials: ['customers'],
  drill: {
    numerator: { special: 'customers', records: 'retained' },
    denominator: { special: 'customers', records: 'at_start' },
  },
  evaluate: (ctx) => {
    const c = ctx.special('customers')
    if (!c.subscriptions) return { value: null, reason: 'no_subscriptions' }
    return ratio(c.retained ?? 0, c.at_start ?? 0, 'zero_base')
  },
})
