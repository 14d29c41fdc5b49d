import { defineMetric, ratio } from '../define-metric.js'

export const churnRate = defineMetric({
  id: 'churn_rate',
  names: { en: 'Customer churn rate', pl: 'Wskaźnik rezygnacji' },
  category: 'customers',
  unit: 'ratio',
  direction: 'lower',
  help: 'Customers lost in the period divided by customers at its start (gross: new customers do not offset losses). The source text prints 2% for 500 at start, 30 lost, 20 new; that is net churn — gross churn is 30 / 500 = 6%. Customers at the start are those with a subscription active on the eve of the period (ended_on is the last day of service); lost are those of them without one on its last day. Needs subscriptions.',
  formula: '{numerator} customers lost / {denominator} customers at start',
  pl: {
    help: 'Klienci utraceni w okresie podzieleni przez klientów na jego początku (brutto: nowi klienci nie równoważą strat). Tekst źródłowy podaje 2% dla 500 klientów na początku, 30 utraconych i 20 nowych; to rezygnacja netto – rezygnacja brutto wynosi 30 / 500 = 6%. Klienci na początku to ci z subskrypcją aktywną w przeddzień okresu (ended_on to ostatni dzień usługi); utraceni to ci z nich, którzy nie mają jej w ostatnim dniu okresu. Wymaga subskrypcji.',
    formula: '{numerator} utraconych klientów / {denominator} klientów na początku',
  },
  groupings: ['segment', 'region', 'source'],
  measures: {},
  specials: ['customers'],
  drill: {
    numerator: { special: 'customers', records: 'lost' },
    denominator: { special: 'customers', records: 'at_start' },
  },
  evaluate: (ctx) => {
    const c = ctx.special('customers')
    if (!c.subscriptions) return { value: null, reason: 'no_subscriptions' }
    return ratio(c.lost ?? 0, c.at_start ?? 0, 'zero_base')
  },
})
