import { defineMetric, ratio } from '../define-metric.js'

export const netCustomerChurn = defineMetric({
  id: 'net_customer_churn',
  names: { en: 'Net customer churn', pl: 'Rezygnacja netto' },
  category: 'customers',
  unit: 'ratio',
  direction: 'lower',
  help: '(Customers lost − new customers) / customers at the start: the net change of the customer base (negative when it grows). 500 at start, 30 lost, 20 new → 2%. Needs subscriptions.',
  formula: '{numerator} lost − new / {denominator} customers at start',
  pl: {
    help: '(Utraceni klienci − nowi klienci) / klienci na początku: zmiana netto bazy klientów (ujemna, gdy baza rośnie). 500 na początku, 30 utraconych, 20 nowych → 2%. Wymaga subskrypcji.',
    formula: '{numerator} utraconych − nowych / {denominator} klientów na początku',
  },
  groupings: ['segment', 'region', 'source'],
  measures: {},
  specials: ['customers'],
  drill: { denominator: { special: 'customers', records: 'at_start' } },
  evaluate: (ctx) => {
    const c = ctx.special('customers')
    if (!c.subscriptions) return { value: null, reason: 'no_subscriptions' }
    return ratio((c.lost ?? 0) - (c.new_customers ?? 0), c.at_start ?? 0, 'zero_base')
  },
})
