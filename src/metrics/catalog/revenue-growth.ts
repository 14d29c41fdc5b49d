import { defineMetric } from '../define-metric.js'
import { wonRevenue } from '../measures.js'

export const revenueGrowth = defineMetric({
  id: 'revenue_growth',
  names: { en: 'Revenue growth', pl: 'Wzrost przychodów' },
  category: 'revenue',
  unit: 'ratio',
  direction: 'higher',
  help: 'Change of won revenue against the preceding period of the same length: (revenue(P) − revenue(P−1)) / revenue(P−1). Undefined (zero_base) when the preceding period had no revenue.',
  formula: '{numerator} change / {denominator} revenue of the period before',
  pl: {
    help: 'Zmiana przychodów z wygranych transakcji wobec poprzedniego okresu tej samej długości: (przychody(P) − przychody(P−1)) / przychody(P−1). Nieokreślona (zero_base), gdy poprzedni okres nie miał przychodów.',
    formula: '{numerator} zmiany / {denominator} przychodów poprzedniego okresu',
  },
  groupings: ['rep', 'team', 'segment', 'source', 'product', 'region', 'pipeline'],
  measures: { revenue: wonRevenue },
  needsPrevious: true,
  drill: { numerator: 'revenue' },
  evaluate: (ctx) => {
    const now = ctx.m('revenue').value
    const before = ctx.m('revenue', -1).value
    if (before === 0)
      return { value: null, numerator: now - before, denominator: before, reason: 'zero_base' }
    return { value: (now - before) / before, numerator: now - before, denominator: before }
  },
})
