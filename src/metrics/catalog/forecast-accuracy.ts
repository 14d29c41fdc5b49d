import { defineMetric } from '../define-metric.js'
import { judgeForecast } from '../forecast-judgement.js'
import { wonRevenue } from '../measures.js'

export const forecastAccuracy = defineMetric({
  id: 'forecast_accuracy',
  names: { en: 'Forecast accuracy', pl: 'Dokładność prognoz sprzedaży' },
  category: 'revenue',
  unit: 'ratio',
  direction: 'higher',
  help: '1 − |actual − forecast| / actual, floored at 0. Forecast: the latest commit forecast for the period made before it began, or before the date a query gives as forecastMadeBefore (scope company, or team:/rep: when grouped); actual: won revenue of the period. Null (period_running) until the period is over.',
  pl: {
    help: '1 − |rzeczywistość − prognoza| / rzeczywistość, nie mniej niż 0. Prognoza: ostatnia prognoza typu commit na okres złożona przed jego początkiem albo przed datą podaną w zapytaniu jako forecastMadeBefore (zakres firma albo team:/rep: przy grupowaniu); rzeczywistość: przychody z wygranych transakcji okresu. Pusta (period_running), dopóki okres trwa.',
  },
  groupings: ['rep', 'team'],
  measures: { revenue: wonRevenue },
  value: {
    shape: 'custom',
    why: 'an absolute error floored at 0, with its own reasons for a missing forecast and a zero actual',
    reads: ['forecast'],
    formula: {
      en: '1 − |{numerator} actual − {denominator} forecast| / actual',
      pl: '1 − |{numerator} rzeczywistych − {denominator} prognozowanych| / rzeczywiste',
    },
    drill: { numerator: 'revenue' },
    evaluate: (ctx) =>
      judgeForecast(ctx, (actual, forecast) =>
        Math.max(0, 1 - Math.abs(actual - forecast) / actual),
      ),
  },
})
