import { defineMetric } from '../define-metric.js'

export const customerLifetimeValue = defineMetric({
  id: 'customer_lifetime_value',
  names: { en: 'Customer lifetime value', pl: 'Wartość życiowa klienta (CLTV)' },
  category: 'customers',
  unit: 'currency',
  direction: 'higher',
  help: 'Average revenue per customer per year × expected lifetime in years. Revenue: the mean annualised recurring amount of customers at the start of the period; without subscriptions, won revenue per customer over the trailing year. Lifetime: the customer_lifetime_years setting if set, else 1 / the churn rate of the period annualised (churn × 12 / months).',
  pl: {
    help: 'Średni przychód na klienta rocznie × oczekiwany czas życia w latach. Przychód: średnia roczna wartość subskrypcji klientów na początku okresu; bez subskrypcji – przychody z wygranych transakcji na klienta z ostatniego roku. Czas życia: ustawienie customer_lifetime_years, a bez niego 1 / wskaźnik rezygnacji okresu w skali roku (rezygnacje × 12 / miesiące).',
  },
  groupings: ['segment', 'region', 'source'],
  value: {
    shape: 'custom',
    why: 'a product of two inputs, each with its own fallback (subscriptions or won deals; the lifetime setting or annualised churn)',
    reads: ['customers'],
    formula: {
      en: '{numerator} revenue per customer per year × {denominator} years',
      pl: '{numerator} przychodu na klienta rocznie × {denominator} lat',
    },
    evaluate: (ctx) => {
      const c = ctx.nested('customers')
      const subscriptions = (c.subscriptions ?? 0) > 0
      const atStart = c.at_start ?? 0
      const perYear = subscriptions
        ? atStart > 0
          ? (c.annual_at_start ?? 0) / atStart
          : null
        : (c.trailing_accounts ?? 0) > 0
          ? (c.trailing_revenue ?? 0) / (c.trailing_accounts ?? 1)
          : null
      if (perYear === null) return { value: null, reason: 'no_customers' }
      let years = ctx.settings.customer_lifetime_years
      if (years === null) {
        if (!subscriptions) return { value: null, numerator: perYear, reason: 'no_churn_data' }
        const annualChurn = ((c.lost ?? 0) / atStart) * (12 / ctx.months)
        if (annualChurn === 0) return { value: null, numerator: perYear, reason: 'zero_churn' }
        years = 1 / annualChurn
      }
      return { value: perYear * years, numerator: perYear, denominator: years }
    },
  },
})
