import { defineMetric } from '../define-metric.js'
import { wonRevenue } from '../measures.js'

export const forecastAccuracy = defineMetric({
  id: 'forecast_accuracy',
  names: { en: 'Forecast accuracy', pl: 'Dokładność prognoz sprzedaży' },
  category: 'revenue',
  unit: 'ratio',
  direction: 'higher',
  help: '1 − |actual − forecast| / actual, floored at 0. Forecast: the latest commit forecast for the period made before it began (scope company, or team:/rep: when grouped); actual: won revenue of the period.',
  formula: '1 − |{numerator} actual − {denominator} forecast| / actual',
  pl: {
    help: '1 − |rzeczywistość − prognoza| / rzeczywistość, nie mniej niż 0. Prognoza: ostatnia prognoza typu commit na okres złożona przed jego początkiem (zakres firma albo team:/rep: przy grupowaniu); rzeczywistość: przychody z wygranych transakcji okresu.',
    formula: '1 − |{numerator} rzeczywistych − {denominator} prognozowanych| / rzeczywiste',
  },
  groupings: ['rep', 'team'],
  measures: { revenue: wonRevenue },
  specials: ['forecast'],
  drill: { numerator: 'revenue' },
  evaluate: (ctx) => {
    const actual = ctx.m('revenue').value
    const forecast = ctx.special('forecast').forecast ?? null
    if (forecast === null)
      return { value: null, numerator: actual, denominator: null, reason: 'no_forecast' }
    if (actual === 0)
      return { value: null, numerator: actual, denominator: forecast, reason: 'zero_base' }
    return {
      value: Math.max(0, 1 - Math.abs(actual - forecast) / actual),
      numerator: actual,
      denominator: forecast,
    }
  },
})
