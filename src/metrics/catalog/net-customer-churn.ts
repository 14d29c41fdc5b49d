import { defineMetric } from '../define-metric.js'

export const netCustomerChurn = defineMetric({
  id: 'net_customer_churn',
  names: { en: 'Net customer churn', pl: 'Rezygnacja netto' },
  category: 'customers',
  unit: 'ratio',
  direction: 'lower',
  help: '(Customers lost − new customers) / customers at the start: the net change of the customer base (negative when it grows). 500 at start, 30 lost, 20 new → 2%. Needs subscriptions.',
  pl: {
    help: '(Utraceni klienci − nowi klienci) / klienci na początku: zmiana netto bazy klientów (ujemna, gdy baza rośnie). 500 na początku, 30 utraconych, 20 nowych → 2%. Wymaga subskrypcji.',
  },
  groupings: ['segment', 'region', 'source'],
  value: {
    shape: 'nested',
    requires: [{ of: 'customers.subscriptions', reason: 'no_subscriptions' }],
    numerator: { minus: ['customers.lost', 'customers.new_customers'] },
    denominator: 'customers.at_start',
    reason: 'zero_base',
    words: {
      numerator: { en: 'lost − new', pl: 'utraconych − nowych' },
      denominator: { en: 'customers at start', pl: 'klientów na początku' },
    },
  },
})
