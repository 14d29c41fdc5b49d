import { defineMetric } from '../define-metric.js'
import { sum } from '../measures.js'

export const customerAcquisitionCost = defineMetric({
  id: 'customer_acquisition_cost',
  names: { en: 'Customer acquisition cost', pl: 'Koszt pozyskania klienta (CAC)' },
  category: 'customers',
  unit: 'currency',
  direction: 'lower',
  help: 'Marketing plus sales spend in the period (spend rows spanning more are prorated by days; in a running period, up to the as-of date) divided by the customers new in it (first subscription, or first won deal where no subscriptions are loaded). Per source: spend of that channel over customers whose first won deal came from it.',
  pl: {
    help: 'Wydatki marketingowe i sprzedażowe w okresie (wiersze obejmujące dłuższy czas dzielone proporcjonalnie do dni; w trwającym okresie do daty stanu) podzielone przez nowych klientów (pierwsza subskrypcja albo, bez subskrypcji, pierwsza wygrana transakcja). Według źródła: wydatki kanału wobec klientów, których pierwsza wygrana pochodziła z niego.',
  },
  groupings: ['source'],
  measures: { spend: sum('spend', 'amount_base', { window: 'overlap_to_date' }) },
  value: {
    shape: 'derived',
    numerator: 'spend',
    denominator: 'customers.new_customers',
    reason: 'no_new_customers',
    words: {
      numerator: { en: 'spend', pl: 'wydatków' },
      denominator: { en: 'new customers', pl: 'nowych klientów' },
    },
  },
})
