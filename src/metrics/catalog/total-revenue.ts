import { defineMetric } from '../define-metric.js'
import { wonRevenue } from '../measures.js'

export const totalRevenue = defineMetric({
  id: 'total_revenue',
  names: { en: 'Total revenue', pl: 'Przychody ogółem' },
  category: 'revenue',
  unit: 'currency',
  direction: 'higher',
  help: 'Sum of the amounts of deals won in the period (counted on their close date), in the base currency at the rate of the close date.',
  formula: 'Σ amount of deals won = {numerator}',
  pl: {
    help: 'Suma kwot transakcji wygranych w okresie (liczonych według daty zamknięcia), w walucie bazowej po kursie z dnia zamknięcia.',
    formula: 'Σ kwot wygranych transakcji = {numerator}',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { revenue: wonRevenue },
  drill: { numerator: 'revenue' },
  evaluate: (ctx) => {
    const revenue = ctx.m('revenue').value
    return { value: revenue, numerator: revenue }
  },
})
