import { defineMetric } from '../define-metric.js'

export const churnRate = defineMetric({
  id: 'churn_rate',
  names: { en: 'Customer churn rate', pl: 'Wskaźnik rezygnacji' },
  category: 'customers',
  unit: 'ratio',
  direction: 'lower',
  help: 'Customers lost in the period divided by customers at its start (gross: new customers do not offset losses). The source text prints 2% for 500 at start, 30 lost, 20 new; that is net churn — gross churn is 30 / 500 = 6%. Customers at the start are those with a subscription active on the eve of the period (ended_on is the last day of service); lost are those of them without one on its last day. Needs subscriptions.',
  pl: {
    help: 'Klienci utraceni w okresie podzieleni przez klientów na jego początku (brutto: nowi klienci nie równoważą strat). Tekst źródłowy podaje 2% dla 500 klientów na początku, 30 utraconych i 20 nowych; to rezygnacja netto – rezygnacja brutto wynosi 30 / 500 = 6%. Klienci na początku to ci z subskrypcją aktywną w przeddzień okresu (ended_on to ostatni dzień usługi); utraceni to ci z nich, którzy nie mają jej w ostatnim dniu okresu. Wymaga subskrypcji.',
  },
  groupings: ['segment', 'region', 'source'],
  value: {
    shape: 'nested',
    requires: [{ of: 'customers.subscriptions', reason: 'no_subscriptions' }],
    numerator: 'customers.lost',
    denominator: 'customers.at_start',
    reason: 'zero_base',
    words: {
      numerator: { en: 'customers lost', pl: 'utraconych klientów' },
      denominator: { en: 'customers at start', pl: 'klientów na początku' },
    },
  },
})
